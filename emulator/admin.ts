/**
 * The admin API under `/__emulator` (no auth): request counters, faults, reset, the inventory,
 * a test clock and extra owners with their own API keys.
 */
import type { Clock } from "./clock";
import type { RequestCounters } from "./counters";
import { FaultRegistry, parseFaultSpec } from "./faults";
import { ApiError, badRequest, type EmulatorContext, type Reply } from "./http";
import { inventory } from "./inventory";
import type { Store } from "./store";
import { asObject, oneOf, optionalInteger, optionalString, requiredString } from "./validate";
import { ownerView } from "./views";

export interface AdminTarget extends EmulatorContext {
  readonly counters: RequestCounters;
  readonly faults: FaultRegistry;
  readonly clock: Clock;
  /** Replaced wholesale by `reset()`. */
  store: Store;
  reset(): void;
}

function clockView(clock: Clock): Reply {
  return { status: 200, body: { now: new Date(clock.now()).toISOString(), offsetMs: clock.offset() } };
}

function addOwner(target: AdminTarget, body: unknown): Reply {
  const input = asObject(body);
  const apiKey = requiredString(input, "apiKey");
  const id = optionalString(input, "id") ?? target.store.random.id("tea");
  if (target.store.data.owners[id]) throw new ApiError(409, `owner ${id} already exists`);
  const owner = {
    id,
    name: optionalString(input, "name") ?? `Workspace ${id}`,
    email: optionalString(input, "email") ?? `${id}@emulator.local`,
    type: (oneOf(optionalString(input, "type"), ["user", "team"], "type") ?? "team") as "user" | "team",
  };
  target.store.data.owners[id] = owner;
  target.store.data.apiKeys[apiKey] = [...(target.store.data.apiKeys[apiKey] ?? []), id];
  return { status: 201, body: ownerView(owner) };
}

/** Answers one admin request; `path` is relative to `/__emulator`. */
export function handleAdmin(target: AdminTarget, method: string, path: string, body: unknown): Reply {
  const route = `${method} ${path.replace(/\/+$/, "")}`;
  switch (route) {
    case "GET /requests":
      return { status: 200, body: target.counters.summary() };
    case "DELETE /requests":
      target.counters.clear();
      return { status: 204 };
    case "POST /faults": {
      const { spec, problems } = parseFaultSpec(body);
      if (!spec) throw badRequest(`invalid fault: ${problems.join("; ")}`);
      return { status: 201, body: { id: target.faults.add(spec).id } };
    }
    case "GET /faults":
      return { status: 200, body: target.faults.list() };
    case "DELETE /faults":
      target.faults.clear();
      return { status: 204 };
    case "POST /reset":
      target.reset();
      return { status: 204 };
    case "GET /state":
      return { status: 200, body: inventory(target) };
    case "GET /clock":
      return clockView(target.clock);
    case "POST /clock": {
      const advanceMs = optionalInteger(asObject(body), "advanceMs", 0, Number.MAX_SAFE_INTEGER);
      if (advanceMs === undefined) throw badRequest("advanceMs is required: a non-negative integer of milliseconds");
      target.clock.advance(advanceMs);
      return clockView(target.clock);
    }
    case "POST /owners":
      return addOwner(target, body);
    default:
      throw new ApiError(404, `not found: /__emulator${path}; see emulator/README.md for the admin API`);
  }
}
