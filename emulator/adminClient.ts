/**
 * Calls to the emulator's admin API (`/__emulator`): every call carries the emulator's per-run admin token
 * (`X-Emulator-Token`) and a JSON content type. The token of an emulator started in this process is known by its
 * URL; for one started elsewhere it comes from `RENDER_EMULATOR_TOKEN` (the emulator prints it at start).
 */

export const ADMIN_TOKEN_HEADER = "x-emulator-token";
export const ADMIN_TOKEN_ENV = "RENDER_EMULATOR_TOKEN";

const tokens = new Map<string, string>();

function origin(baseUrl: string): string {
  return baseUrl.replace(/\/+$/, "").replace(/\/v1$/, "");
}

/** Remembers the token of an emulator this process started (server.ts does it). */
export function rememberAdminToken(baseUrl: string, token: string): void {
  tokens.set(origin(baseUrl), token);
}

export function forgetAdminToken(baseUrl: string): void {
  tokens.delete(origin(baseUrl));
}

/** The admin token for the emulator at `baseUrl`: one started in this process, else `RENDER_EMULATOR_TOKEN`. */
export function adminTokenFor(baseUrl: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  return tokens.get(origin(baseUrl)) ?? env[ADMIN_TOKEN_ENV];
}

/** The headers an admin call needs. */
export function adminHeaders(baseUrl: string, token = adminTokenFor(baseUrl)): Record<string, string> {
  return { "content-type": "application/json", ...(token ? { [ADMIN_TOKEN_HEADER]: token } : {}) };
}

/** One admin call: `adminFetch(url, "GET", "/requests")`; `path` is relative to `/__emulator`. */
export function adminFetch(baseUrl: string, method: string, path: string, body?: unknown, token?: string): Promise<Response> {
  return fetch(`${origin(baseUrl)}/__emulator${path}`, {
    method,
    headers: adminHeaders(baseUrl, token ?? adminTokenFor(baseUrl)),
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}
