/**
 * What every Render dynamic provider shares: the client built in the plugin process at `configure` time
 * (the API key is read there, from stack config `renderApiKey` or `RENDER_API_KEY`, never from the
 * program), progress logging for long waits, and the `PartialCreateError` that keeps a half-made object
 * in state.
 */
import type * as pulumi from "@pulumi/pulumi";
import { RenderClient, WaitCallOptions } from "./client";
import { createdSince } from "./clientBase";
import { PartialCreateError } from "./errors";
import type { WaitProgress } from "./poll";

export abstract class RenderProvider {
  private client: RenderClient | undefined;

  async configure(req: pulumi.dynamic.ConfigureRequest): Promise<void> {
    this.client = buildClient(req.config);
  }

  /** The client; built from the environment alone when the engine did not call `configure`. */
  protected api(): RenderClient {
    if (!this.client) this.client = buildClient(undefined);
    return this.client;
  }
}

/**
 * `RENDER_POLL_INTERVAL_MS` shortens the availability polls (the emulator runs on a fast clock);
 * `RENDER_HTTP_TIMEOUT_MS` shortens the per-request timeout (default 30 s).
 */
function buildClient(config: pulumi.dynamic.Config | undefined): RenderClient {
  const interval = pollIntervalMs();
  const timeoutMs = Number(process.env.RENDER_HTTP_TIMEOUT_MS);
  const overrides = {
    ...(interval ? { pollIntervalMs: interval, pollMaxIntervalMs: interval * 10 } : {}),
    ...(timeoutMs > 0 ? { timeoutMs } : {}),
  };
  return RenderClient.fromEnv(config, overrides);
}

/** The first pause of our polls when `RENDER_POLL_INTERVAL_MS` sets one, else undefined (client default). */
export function pollIntervalMs(): number | undefined {
  const interval = Number(process.env.RENDER_POLL_INTERVAL_MS);
  return interval > 0 ? interval : undefined;
}

/**
 * Wait options that log each pause to stderr, which the engine shows as the resource's progress.
 * `RENDER_WAIT_TIMEOUT_MS`, when set, replaces the limit (a short one makes a stuck resource fail fast).
 */
export function loggedWait(timeoutMs?: number): WaitCallOptions {
  const limit = Number(process.env.RENDER_WAIT_TIMEOUT_MS);
  return {
    timeoutMs: limit > 0 ? limit : timeoutMs,
    onWait: (p: WaitProgress) => {
      process.stderr.write(`waiting for ${p.what}: "${p.status}" after ${Math.round(p.elapsedMs / 1000)}s\n`);
    },
  };
}

/**
 * Runs the steps that follow a successful POST; if one fails, throws a `PartialCreateError` carrying the id
 * and the outputs known so far (plus `__provider`, which the plugin adds only to successful results), so the
 * engine records the object and the next run updates it instead of creating a second copy.
 */
export async function finishCreate<T>(id: string, inputs: Record<string, unknown>, partial: () => Record<string, unknown>,
  steps: () => Promise<T>): Promise<T> {
  try {
    return await steps();
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new PartialCreateError(id, { ...partial(), __provider: inputs.__provider }, [reason]);
  }
}

/** Moves a resource between project environments (either side may be none). */
export async function moveToEnvironment(api: RenderClient, resourceId: string, from: string | undefined,
  to: string | undefined): Promise<void> {
  if (from === to) return;
  if (from) await api.removeResourcesFromEnvironment(from, [resourceId]);
  if (to) await api.addResourcesToEnvironment(to, [resourceId]);
}

/** How long after an interrupted create its re-run may still adopt the twin the interruption left behind. */
export const TWIN_WINDOW_MS = 24 * 60 * 60_000;

/**
 * Before a create: an object with this name already in the workspace, unknown to the state. A run killed
 * between Render's commit and the state write leaves an identical twin behind: the only object of that name,
 * with the create-time settings we ask for (`isTwin`), created within the last day. That one is adopted; anything
 * else (other settings, or older: an object that was there before this stack) belongs to someone else and is
 * refused, never taken over (a later destroy would delete it) or copied.
 */
export function adoptTwin<T extends { id: string; name: string; createdAt?: string | null }>(kind: string, name: string, found: T[],
  isTwin: (existing: T) => boolean, nowMs: number = Date.now()): T | undefined {
  const same = found.filter((x) => x.name === name);
  if (same.length === 0) return undefined;
  if (same.length === 1 && isTwin(same[0]) && createdSince(same[0].createdAt, nowMs - TWIN_WINDOW_MS)) return same[0];
  throw new Error(`A ${kind} named "${name}" already exists in the Render workspace (${same.map((x) => x.id).join(", ")}) ` +
    `and is not what an interrupted run of this stack left behind (same settings, created within the last day): ` +
    `this stack does not own it. Rename ours (namePrefix or the name in the stack config) or remove that ${kind}, then re-run.`);
}
