/**
 * Which stateful resources (disks, Postgres, Key Value, bucket) a stage keeps, and the guard that refuses a
 * change deleting one the previous run had, unless `allowDataLoss.<kind>` says so. Pure: the previous run's
 * outputs come in as data (see previousState.ts).
 */
import { type StackConfig, privateServiceKey } from "./config";
import { type Stage, STATEFUL_KINDS, type StatefulKind } from "./enums";
import type { StatefulItem } from "./dataSafety";
import { childName } from "./naming";

/** A stateful resource by logical name (its URN identity within the stack component). */
export interface StatefulRef {
  kind: StatefulKind;
  name: string;
}

/** What the previous run of this stack exported (empty on a fresh stack). */
export interface PreviousState {
  stage?: number;
  statefulResources: StatefulRef[];
  /** The stateful inventory it exported (absent from runs that predate it), see dataSafety.ts. */
  inventory?: StatefulItem[];
}

export const FRESH_STACK: PreviousState = { statefulResources: [] };

/** Where a disk lives at a stage. */
export interface DiskPlacement {
  /** App whose config holds the disk. */
  sourceApp: string;
  /** App key of the owning service: `sourceApp`, or the stage-1 private service derived from it. */
  ownerKey: string;
  derived: boolean;
  /** Logical name of the disk resource. */
  name: string;
  /** Kept from an earlier stage only because its data has not been released (stage 2 and later). */
  retired: boolean;
}

function candidates(config: StackConfig, name: string, appKey: string): { attached: DiskPlacement; moved?: DiskPlacement } {
  const attached = { sourceApp: appKey, ownerKey: appKey, derived: false, name: childName.disk(childName.app(name, appKey)), retired: false };
  const psKey = privateServiceKey(config.apps[appKey]);
  const moved = psKey === undefined ? undefined
    : { sourceApp: appKey, ownerKey: psKey, derived: true, name: childName.disk(childName.app(name, psKey)), retired: false };
  return { attached, moved };
}

/**
 * Stage 0: each disk on its app. Stage 1: a web app's disk on its private service. Stage 2+: no new disks;
 * a disk the previous run had stays (retired) until `allowDataLoss.disk` releases it.
 */
export function placeDisks(config: StackConfig, name: string, stage: Stage, previous: PreviousState): DiskPlacement[] {
  const placements: DiskPlacement[] = [];
  const before = new Set(previous.statefulResources.filter((r) => r.kind === "disk").map((r) => r.name));
  for (const [appKey, app] of Object.entries(config.apps)) {
    if (!app.disk) continue;
    const { attached, moved } = candidates(config, name, appKey);
    if (stage === 0) placements.push(attached);
    else if (stage === 1) placements.push(moved ?? attached);
    else if (!config.allowDataLoss.disk) {
      for (const c of [attached, moved]) if (c && before.has(c.name)) placements.push({ ...c, retired: true });
    }
  }
  return placements;
}

/** Every stateful resource the stage keeps or creates. */
export function plannedStateful(config: StackConfig, name: string, stage: Stage, previous: PreviousState): StatefulRef[] {
  const refs: StatefulRef[] = placeDisks(config, name, stage, previous).map((d) => ({ kind: "disk", name: d.name }));
  if (stage >= 2) refs.push({ kind: "postgres", name: childName.postgres(name) });
  if (stage >= 3) refs.push({ kind: "keyValue", name: childName.keyValue(name) });
  if (stage >= 4 && config.storage) refs.push({ kind: "bucket", name: childName.bucket(name, config.storage.provider) });
  return refs;
}

const WHAT: Record<StatefulKind, string> = {
  disk: "disk", postgres: "Postgres database", keyValue: "Key Value instance", bucket: "bucket",
};

function moveMessage(config: StackConfig, name: string, lost: StatefulRef, stage: Stage, from: string): string | undefined {
  if (stage !== 1) return undefined;
  for (const appKey of Object.keys(config.apps)) {
    const { attached, moved } = candidates(config, name, appKey);
    if (moved && attached.name === lost.name) {
      return `stage ${from} → 1 moves the disk of app "${appKey}" to private service "${moved.ownerKey}": disk "${lost.name}" ` +
        `would be deleted with its data (Render cannot move a disk between services). Copy the data off first ` +
        `(e.g. sqlite3 .backup over \`render ssh\`), then allow it: pulumi config set --path allowDataLoss.disk true`;
    }
  }
  return undefined;
}

/** One message per stateful resource of the previous run that this run would delete without permission. */
export function dataLossProblems(config: StackConfig, name: string, stage: Stage, previous: PreviousState): string[] {
  const planned = new Set(plannedStateful(config, name, stage, previous).map((r) => `${r.kind}/${r.name}`));
  const from = previous.stage === undefined ? "?" : String(previous.stage);
  const problems: string[] = [];
  for (const ref of previous.statefulResources) {
    if (planned.has(`${ref.kind}/${ref.name}`) || config.allowDataLoss[ref.kind]) continue;
    const unprotect = config.protectData ? " (protectData is on: Pulumi will also ask you to `pulumi state unprotect` it)" : "";
    problems.push(moveMessage(config, name, ref, stage, from) ??
      `stage ${from} → ${stage} would delete ${WHAT[ref.kind]} "${ref.name}" and all its data. Keep the stage, or allow it: ` +
      `pulumi config set --path allowDataLoss.${ref.kind} true${unprotect}`);
  }
  return problems;
}

/** Reads the previous run's `stage` and `statefulResources` outputs, tolerating anything malformed as absent. */
export function parsePrevious(stage: unknown, stateful: unknown): PreviousState {
  const kinds: readonly string[] = STATEFUL_KINDS;
  const refs = Array.isArray(stateful)
    ? stateful.filter((r): r is StatefulRef => typeof r === "object" && r !== null
      && kinds.includes((r as StatefulRef).kind) && typeof (r as StatefulRef).name === "string")
    : [];
  return { stage: typeof stage === "number" ? stage : undefined, statefulResources: refs.map((r) => ({ kind: r.kind, name: r.name })) };
}

/** Thrown before any resource is registered when a run would delete stateful resources. */
export class DataLossError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Refusing to delete stateful resources:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "DataLossError";
  }
}

/**
 * Throws DataLossError when this run would delete a stateful resource the previous run had. Stage components
 * call it before registering themselves, so a refused run creates nothing.
 */
export function assertNoDataLoss(config: StackConfig, name: string, stage: Stage, previous: PreviousState): void {
  const problems = dataLossProblems(config, name, stage, previous);
  if (problems.length > 0) throw new DataLossError(problems);
}
