/**
 * Data-loss guards: changes that would delete or replace a disk, Postgres, Key Value or a bucket, and the
 * destroy of a protected (prod) stack. Each must be refused, keep every stateful object, say how to allow it,
 * and go through once the config allows it.
 */
import { RawConfig, stageConfig, variant } from "./stackConfigs";

export interface GuardCase {
  id: string;
  /** Start: the stage 3 baseline, or a fresh stage 0 stack (a disk on the web service). */
  from: "baseline" | "stage0";
  /** Clean runs after the start (e.g. up to stage 4, or turn protection on). */
  setup: readonly RawConfig[];
  /** The run that must be refused. */
  change: RawConfig | "destroy";
  /** The same change, explicitly allowed (one or more runs); every run must succeed. */
  allowed: readonly (RawConfig | "destroy")[];
  /** The refusal must say this (how to allow it). */
  says: string;
}

const allow = (config: RawConfig, kind: string): RawConfig => variant(config, (c) => {
  c.allowDataLoss = { ...(c.allowDataLoss as RawConfig | undefined), [kind]: true };
});

const database = (edit: Record<string, unknown>): RawConfig => variant(stageConfig(3), (c) => { Object.assign(c.database as RawConfig, edit); });

const PROTECTED = variant(stageConfig(3), (c) => { c.protectData = true; });

export const GUARD_CASES: readonly GuardCase[] = [
  { id: "guard-stage-3-to-2-deletes-key-value", from: "baseline", setup: [], change: stageConfig(2), allowed: [allow(stageConfig(2), "keyValue")], says: "allowDataLoss.keyValue" },
  { id: "guard-stage-3-to-1-deletes-postgres", from: "baseline", setup: [], change: stageConfig(1), allowed: [allow(allow(stageConfig(1), "postgres"), "keyValue")], says: "allowDataLoss.postgres" },
  { id: "guard-stage-4-to-3-deletes-bucket", from: "baseline", setup: [stageConfig(4)], change: stageConfig(3), allowed: [allow(stageConfig(3), "bucket")], says: "allowDataLoss.bucket" },
  { id: "guard-stage-0-to-1-moves-disk", from: "stage0", setup: [], change: stageConfig(1), allowed: [allow(stageConfig(1), "disk")], says: "allowDataLoss.disk" },
  { id: "guard-stage-0-to-2-retires-disk", from: "stage0", setup: [], change: stageConfig(2), allowed: [allow(stageConfig(2), "disk")], says: "allowDataLoss.disk" },
  { id: "guard-postgres-version-replaces", from: "baseline", setup: [], change: database({ version: "17" }), allowed: [allow(database({ version: "17" }), "postgres")], says: "allowDataLoss.postgres" },
  { id: "guard-postgres-region-replaces", from: "baseline", setup: [], change: database({ region: "frankfurt" }), allowed: [allow(database({ region: "frankfurt" }), "postgres")], says: "allowDataLoss.postgres" },
  { id: "guard-postgres-database-name-replaces", from: "baseline", setup: [], change: database({ databaseName: "qrcards_v2" }), allowed: [allow(database({ databaseName: "qrcards_v2" }), "postgres")], says: "allowDataLoss.postgres" },
  { id: "guard-destroy-protected-stack", from: "baseline", setup: [PROTECTED], change: "destroy", allowed: [stageConfig(3), "destroy"], says: "protectData" },
];
