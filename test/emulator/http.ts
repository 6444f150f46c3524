/** A minimal loopback HTTP client for emulator tests (status, headers and parsed JSON body). */
import * as http from "http";
import { adminHeaders } from "../../emulator/adminClient";

export interface CallResult {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  body: unknown;
}

/**
 * One request; calls to the admin API (`/__emulator…`) carry the token of the emulator at `baseUrl` and a JSON
 * content type unless `headers` say otherwise.
 */
export function call(baseUrl: string, method: string, path: string, options: { body?: unknown; rawBody?: string; apiKey?: string; headers?: Record<string, string> } = {}): Promise<CallResult> {
  const url = new URL(baseUrl + path);
  const admin = path.startsWith("/__emulator") ? adminHeaders(baseUrl) : {};
  const payload = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname + url.search,
        method,
        agent: false,
        headers: {
          ...admin,
          ...(options.apiKey ? { Authorization: `Bearer ${options.apiKey}` } : {}),
          ...(payload !== undefined ? { "content-type": "application/json", "Content-Length": Buffer.byteLength(payload) } : {}),
          ...options.headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, body: text.trim() === "" ? undefined : JSON.parse(text) });
        });
      },
    );
    req.on("error", reject);
    if (payload !== undefined) req.write(payload);
    req.end();
  });
}

/** Binds a client to one emulator and key: `api("GET", "/services")`. */
export function apiClient(apiUrl: string, apiKey: string) {
  return (method: string, path: string, body?: unknown) => call(apiUrl, method, path, { body, apiKey });
}
