/**
 * What every request must pass before the emulator reads its body or looks at its key: a `Host` naming this
 * emulator on loopback (a web page that rebinds its own name to 127.0.0.1 sends its own name), and a body within
 * the cap. Admin calls (`/__emulator/*`) also need the per-run token and a JSON content type, so a page cannot
 * send one as a "simple" cross-origin request.
 */
import * as crypto from "crypto";
import type { IncomingHttpHeaders } from "http";
import { ADMIN_TOKEN_HEADER } from "./adminClient";
import type { Reply } from "./http";

/** Render's own requests are small; 1 MiB leaves room for large secret files and bulk env var lists. */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

const LOOPBACK_NAMES = ["127.0.0.1", "localhost", "[::1]"];

/** A refusal when `host` is not `127.0.0.1`, `localhost` or `[::1]` with this port. */
export function checkHost(host: string | undefined, port: number): Reply | undefined {
  const value = (host ?? "").trim().toLowerCase();
  if (LOOPBACK_NAMES.some((name) => value === `${name}:${port}`)) return undefined;
  return {
    status: 403,
    body: { message: `forbidden: Host ${JSON.stringify(host ?? "")} is not this emulator; use 127.0.0.1:${port}, localhost:${port} or [::1]:${port}` },
  };
}

/** A 413 when the declared (or counted) length is over the cap. */
export function tooLarge(length: string | undefined, maxBytes: number): Reply | undefined {
  if (length === undefined) return undefined;
  const bytes = Number(length);
  if (!Number.isFinite(bytes) || bytes <= maxBytes) return undefined;
  return { status: 413, body: { message: `request body too large: ${length} bytes; the limit is ${maxBytes} bytes` } };
}

function sameToken(given: string, expected: string): boolean {
  const a = crypto.createHash("sha256").update(given).digest();
  const b = crypto.createHash("sha256").update(expected).digest();
  return crypto.timingSafeEqual(a, b);
}

/** A refusal for an admin call without the token, with another content type, or sent by a web page. */
export function checkAdminRequest(headers: IncomingHttpHeaders, token: string): Reply | undefined {
  const origin = headers.origin;
  if (origin !== undefined && !/^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/i.test(origin)) {
    return { status: 403, body: { message: `forbidden: the admin API does not answer web pages (Origin ${JSON.stringify(origin)})` } };
  }
  const given = headers[ADMIN_TOKEN_HEADER];
  if (typeof given !== "string" || !sameToken(given, token)) {
    return { status: 401, body: { message: `unauthorized: the admin API needs the ${ADMIN_TOKEN_HEADER} header with the token the emulator printed at start` } };
  }
  const type = (headers["content-type"] ?? "").split(";")[0].trim().toLowerCase();
  if (type !== "application/json") {
    return { status: 415, body: { message: `unsupported media type ${JSON.stringify(headers["content-type"] ?? "")}: the admin API takes application/json` } };
  }
  return undefined;
}
