/** What route handlers receive and return, and the error type that becomes Render's `{message}` body. */
import type { Clock } from "./clock";
import type { LifecycleDurations } from "./latency";
import type { Store } from "./store";

export class ApiError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

export const notFound = (id: string) => new ApiError(404, `not found: ${id}`);
export const badRequest = (message: string) => new ApiError(400, message);
export const conflict = (message: string) => new ApiError(409, message);

export interface Reply {
  status: number;
  body?: unknown;
}

export interface EmulatorContext {
  readonly store: Store;
  readonly clock: Clock;
  /** Lifecycle durations already multiplied by the time scale. */
  readonly durations: LifecycleDurations;
}

export interface RequestContext extends EmulatorContext {
  readonly params: Record<string, string>;
  readonly query: URLSearchParams;
  readonly body: unknown;
  /** Owners the caller's API key may act for; resources of any other owner answer 404. */
  readonly ownerIds: readonly string[];
  readonly now: number;
}

export type Handler = (ctx: RequestContext) => Reply;
