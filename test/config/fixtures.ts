/** The repository's stack files as raw config objects (project namespace removed), for config and component tests. */
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { parseStackConfig, type StackConfig } from "../../components/config";

const ROOT = path.join(__dirname, "..", "..");

/** `Pulumi.<stack>.yaml` → `{ stage, apps, … }` */
export function stackFileConfig(stack: "dev" | "prod"): Record<string, any> {
  const doc = parse(fs.readFileSync(path.join(ROOT, `Pulumi.${stack}.yaml`), "utf8")) as { config: Record<string, unknown> };
  const raw: Record<string, any> = {};
  for (const [key, value] of Object.entries(doc.config)) {
    const [ns, name] = key.split(":");
    if (ns === "render-stages") raw[name] = value;
  }
  return raw;
}

/** A deep copy, so a test can edit it freely. */
export function copy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** The dev (or prod) stack file's config raised or lowered to `stage`, validated. */
export function stackAt(stage: number, stack: "dev" | "prod" = "dev", edit?: (raw: Record<string, any>) => void): StackConfig {
  const raw = copy(stackFileConfig(stack));
  raw.stage = stage;
  edit?.(raw);
  return parseStackConfig(raw, { stackName: stack });
}

/** What the CLI hands a program: namespaced keys, objects as JSON text. */
export function cliConfig(raw: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(raw).map(([k, v]) => [`render-stages:${k}`, typeof v === "string" ? v : JSON.stringify(v)]));
}
