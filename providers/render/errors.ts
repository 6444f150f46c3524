/**
 * Errors raised by the Render client. None of them ever holds the API key, a request body or a raw axios
 * error (which carries the Authorization header and the body): only the method, the path template (ids left
 * out), the status, Render's own message and its request id.
 */

export interface RenderApiErrorInit {
  method: string;
  /** Path template, e.g. `/services/{serviceId}/env-vars`. */
  path: string;
  /** HTTP status; undefined when no response arrived (network error, timeout). */
  status?: number;
  /** Render's `message` field. */
  apiMessage?: string;
  /** `Render-Request-Id` response header. */
  requestId?: string;
  /** Node/axios error code for network failures (`ECONNRESET`, `ETIMEDOUT`, …). */
  code?: string;
  /** Extra advice appended to the message. */
  hint?: string;
}

/** A failed call to the Render API. */
export class RenderApiError extends Error {
  readonly method: string;
  readonly path: string;
  readonly status: number | undefined;
  readonly apiMessage: string | undefined;
  readonly requestId: string | undefined;
  readonly code: string | undefined;

  constructor(init: RenderApiErrorInit) {
    super(describeApiFailure(init));
    this.name = "RenderApiError";
    this.method = init.method;
    this.path = init.path;
    this.status = init.status;
    this.apiMessage = init.apiMessage;
    this.requestId = init.requestId;
    this.code = init.code;
  }

  toJSON(): Record<string, unknown> {
    const { name, message, method, path, status, apiMessage, requestId, code } = this;
    return { name, message, method, path, status, apiMessage, requestId, code };
  }
}

function describeApiFailure(init: RenderApiErrorInit): string {
  const what = init.status !== undefined
    ? `failed with ${init.status}${init.apiMessage ? `: ${init.apiMessage}` : ""}`
    : `failed: network error ${init.code ?? "unknown"}${init.apiMessage ? ` (${init.apiMessage})` : ""}`;
  const id = init.requestId ? ` (request id ${init.requestId})` : "";
  return `Render API ${init.method} ${init.path} ${what}${id}${init.hint ? `. ${init.hint}` : ""}`;
}

/** A Render response that does not match the expected shape (a missing or mistyped field). */
export class RenderResponseError extends Error {
  readonly method: string;
  readonly path: string;
  readonly problems: string[];

  constructor(method: string, path: string, problems: string[]) {
    super(`Render API ${method} ${path} returned an unexpected body: ${problems.join("; ")}`);
    this.name = "RenderResponseError";
    this.method = method;
    this.path = path;
    this.problems = problems;
  }
}

/** Missing or ambiguous client settings (no API key, several owners and no owner id chosen). */
export class RenderConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RenderConfigError";
  }
}

/**
 * Render created the object but a later step failed. The dynamic-provider plugin sends `id`, `properties`
 * and `reasons` to the engine as ErrorResourceInitFailed, so the resource is recorded, not orphaned.
 */
export class PartialCreateError extends Error {
  readonly id: string;
  /** Non-enumerable: the outputs may hold secrets, so inspect and JSON dumps leave them out. */
  declare readonly properties: Record<string, unknown>;
  readonly reasons: string[];

  constructor(id: string, properties: Record<string, unknown>, reasons: string[]) {
    super(`created ${id} but it did not finish initialising: ${reasons.join("; ")}`);
    this.name = "PartialCreateError";
    this.id = id;
    Object.defineProperty(this, "properties", { value: properties, enumerable: false });
    this.reasons = reasons;
  }
}

/** True for a Render 404 (the object does not exist). Checks the name, not the class: the runtime bundle
 * loads its own copy of this module, apart from the program's. */
export function isNotFound(err: unknown): boolean {
  const e = err as { name?: unknown; status?: unknown } | undefined;
  return e?.name === "RenderApiError" && e.status === 404;
}
