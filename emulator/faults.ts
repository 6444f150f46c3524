/**
 * Injected failures for `/v1` routes, matched by method and path template (`/v1/services/{serviceId}`).
 * A fault can delay, answer an error without touching state, drop the connection, or apply the write
 * and then fail (`commitThenFail`: answer 500, or never answer) — the case a client must survive by
 * looking the object up before retrying a create.
 */

export interface FaultSpec {
  method: string;
  path: string;
  status?: number;
  message?: string;
  latencyMs?: number;
  drop?: boolean;
  commitThenFail?: "error" | "timeout";
  count?: number;
  skip?: number;
}

export interface Fault extends Required<Pick<FaultSpec, "method" | "path">> {
  id: string;
  status?: number;
  message?: string;
  latencyMs?: number;
  drop?: boolean;
  commitThenFail?: "error" | "timeout";
  remaining: number;
  skip: number;
  hits: number;
}

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "*"];

/** Validates an admin request body; returns the problems found, or the normalised spec. */
export function parseFaultSpec(raw: unknown): { spec?: FaultSpec; problems: string[] } {
  const problems: string[] = [];
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return { problems: ["body: expected a JSON object"] };
  const body = raw as Record<string, unknown>;
  const method = typeof body.method === "string" ? body.method.toUpperCase() : undefined;
  if (!method || !METHODS.includes(method)) problems.push(`method: ${JSON.stringify(body.method)} is not one of ${METHODS.join(", ")}`);
  if (typeof body.path !== "string" || !body.path.startsWith("/")) problems.push(`path: ${JSON.stringify(body.path)} must be a path template such as /v1/services/{serviceId}`);
  const optionalInt = (name: string, min: number, max: number) => {
    const value = body[name];
    if (value === undefined) return;
    if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) problems.push(`${name}: ${JSON.stringify(value)} must be an integer from ${min} to ${max}`);
  };
  optionalInt("status", 100, 599);
  optionalInt("latencyMs", 0, 3_600_000);
  optionalInt("count", 1, 1_000_000);
  optionalInt("skip", 0, 1_000_000);
  if (body.message !== undefined && typeof body.message !== "string") problems.push(`message: ${JSON.stringify(body.message)} must be a string`);
  if (body.drop !== undefined && body.drop !== true && body.drop !== false) problems.push(`drop: ${JSON.stringify(body.drop)} must be true or false`);
  if (body.commitThenFail !== undefined && body.commitThenFail !== "error" && body.commitThenFail !== "timeout") {
    problems.push(`commitThenFail: ${JSON.stringify(body.commitThenFail)} must be "error" or "timeout"`);
  }
  if (body.status === undefined && body.latencyMs === undefined && body.drop !== true && body.commitThenFail === undefined) {
    problems.push("a fault needs at least one of status, latencyMs, drop or commitThenFail");
  }
  if (problems.length > 0) return { problems };
  return { spec: { ...(body as unknown as FaultSpec), method: method as string, path: normaliseTemplate(body.path as string) }, problems };
}

/** Templates are stored with the `/v1` prefix; callers may omit it. */
export function normaliseTemplate(path: string): string {
  return path.startsWith("/v1/") || path === "/v1" ? path : `/v1${path}`;
}

export class FaultRegistry {
  private faults: Fault[] = [];
  private counter = 0;

  add(spec: FaultSpec): Fault {
    const fault: Fault = {
      id: `flt-${++this.counter}`,
      method: spec.method,
      path: spec.path,
      status: spec.status,
      message: spec.message,
      latencyMs: spec.latencyMs,
      drop: spec.drop,
      commitThenFail: spec.commitThenFail,
      remaining: spec.count ?? 1,
      skip: spec.skip ?? 0,
      hits: 0,
    };
    this.faults.push(fault);
    return fault;
  }

  list(): Fault[] {
    return this.faults.map((fault) => ({ ...fault }));
  }

  clear(): void {
    this.faults = [];
  }

  /** The first armed fault for this request, consumed; matching faults still skipping count down. */
  take(method: string, template: string): Fault | undefined {
    for (const fault of this.faults) {
      if (fault.remaining <= 0) continue;
      if (fault.path !== template || (fault.method !== "*" && fault.method !== method)) continue;
      if (fault.skip > 0) {
        fault.skip--;
        continue;
      }
      fault.remaining--;
      fault.hits++;
      return fault;
    }
    return undefined;
  }
}
