/**
 * Checkpoint sizes in the engine's layout (the sandbox state file is a DeploymentV3, as `pulumi stack export`
 * prints it): bytes per dynamic resource (its entry with `__provider` in inputs and outputs) and of a whole file.
 */
import * as fs from "fs";
import { round2 } from "./result";

/** Mean bytes of a dynamic resource's checkpoint entry (compact JSON, UTF-8) in a state file's text. */
export function checkpointBytesPerResource(stateText: string): number {
  const file = JSON.parse(stateText) as { version?: number; deployment?: { resources?: Array<{ type: string }> } };
  if (file.version !== 3) throw new Error(`checkpoint bytes: state file version ${String(file.version)}, expected 3`);
  const dynamic = (file.deployment?.resources ?? []).filter((r) => r.type.startsWith("pulumi-nodejs:dynamic"));
  if (dynamic.length === 0) return 0;
  const total = dynamic.reduce((sum, r) => sum + Buffer.byteLength(JSON.stringify(r), "utf8"), 0);
  return round2(total / dynamic.length);
}

/** Bytes of a state file as written. */
export function checkpointFileBytes(file: string): number {
  return fs.statSync(file).size;
}
