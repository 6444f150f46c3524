/**
 * What every chaos case gets: its own emulator (port 0, fast clock, seeded) and its own work directory and
 * stack, torn down afterwards whatever happens. A case can start from a baseline (the emulator's data file
 * and the sandbox state of a clean setup run) instead of repeating that run.
 */
import * as fs from "fs";
import * as path from "path";
import { startEmulator, type EmulatorHandle } from "../emulator/server";
import { emulatorAdmin, type EmulatorAdmin } from "./emulatorAdmin";
import { SECRET_CONFIG_KEY } from "./stackConfigs";
import type { StackTarget } from "./stackRun";

export interface ChaosSettings {
  seed: number;
  /** Parent of every case's work directory. */
  workRoot: string;
  /** Emulator time scale: Render's real durations × this. */
  timeScale: number;
  /** Keep work directories of cases that did not pass (for reading their state and logs). */
  keepFailed: boolean;
}

export interface CaseEnv {
  emulator: EmulatorHandle;
  admin: EmulatorAdmin;
  target: StackTarget;
}

export interface CaseEnvOptions {
  seed: number;
  timeScale?: number;
  /** Directory written by `saveBaseline`: the case starts from its emulator data and sandbox state. */
  baseline?: string;
}

/** The stack name every case uses: each has its own emulator and directory, so names never collide. */
export const CHAOS_STACK = "chaos";
const EMULATOR_FILE = "emulator.json";

/** The secret config values of a chaos run; one per seed, so a baseline's env vars match every case's config. */
export function chaosSecrets(seed: number): Record<string, string> {
  return { [SECRET_CONFIG_KEY]: `chaos-token-${(seed >>> 0).toString(36)}-q7Zp4x` };
}

function copyDir(from: string, to: string): void {
  fs.cpSync(from, to, { recursive: true });
}

export async function withCaseEnv<T>(settings: ChaosSettings, caseId: string, opts: CaseEnvOptions,
  work: (env: CaseEnv) => Promise<{ value: T; passed: boolean }>): Promise<T> {
  const workDir = path.join(settings.workRoot, caseId);
  fs.rmSync(workDir, { recursive: true, force: true });
  fs.mkdirSync(workDir, { recursive: true });
  if (opts.baseline) copyDir(opts.baseline, workDir);
  const emulator = await startEmulator({
    port: 0, timeScale: opts.timeScale ?? settings.timeScale, seed: (opts.seed % 2_000_000_000) + 1,
    stateFile: opts.baseline ? path.join(workDir, EMULATOR_FILE) : undefined,
  });
  const target: StackTarget = {
    workDir, stack: CHAOS_STACK, emulatorUrl: emulator.url, apiKey: emulator.apiKey, secrets: chaosSecrets(settings.seed),
  };
  let passed = false;
  try {
    const { value, passed: ok } = await work({ emulator, admin: emulatorAdmin(emulator.url), target });
    passed = ok;
    return value;
  } finally {
    await emulator.close();
    if (passed || !settings.keepFailed) fs.rmSync(workDir, { recursive: true, force: true });
  }
}

/**
 * Runs `setup` on a fresh emulator and keeps the result in `dir` (emulator data + sandbox state) for
 * `withCaseEnv({ baseline: dir })`. Throws when a setup run fails: nothing built on it would mean anything.
 */
export async function saveBaseline(settings: ChaosSettings, dir: string, seed: number,
  setup: (target: StackTarget) => Promise<void>): Promise<void> {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const emulator = await startEmulator({
    port: 0, timeScale: settings.timeScale, seed: (seed % 2_000_000_000) + 1, stateFile: path.join(dir, EMULATOR_FILE),
  });
  try {
    await setup({ workDir: dir, stack: CHAOS_STACK, emulatorUrl: emulator.url, apiKey: emulator.apiKey, secrets: chaosSecrets(settings.seed) });
  } finally {
    await emulator.close();
  }
  for (const leftover of fs.readdirSync(path.join(dir, "state")).filter((f) => f.endsWith(".lock"))) fs.rmSync(path.join(dir, "state", leftover));
}
