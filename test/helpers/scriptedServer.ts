/**
 * A throwaway loopback HTTP server that answers each request from a script: per method + path, a queue
 * of replies used in order (the last one repeats). Every request is recorded for assertions.
 * Unscripted requests get 418 so they fail at once instead of being retried.
 */
import * as http from "http";
import { AddressInfo } from "net";

export interface ScriptedReply {
  /** Default 200. */
  status?: number;
  /** Sent as JSON unless a string (sent raw). Omitted: empty body. */
  body?: unknown;
  headers?: Record<string, string>;
  /** Destroy the connection without answering (the client sees a reset). */
  drop?: boolean;
  /** Answer after this many milliseconds (real time; keep it small). */
  delayMs?: number;
}

export interface RecordedRequest {
  method: string;
  /** Path without the query string. */
  path: string;
  query: Record<string, string>;
  headers: http.IncomingHttpHeaders;
  /** Parsed JSON body, or undefined when empty. */
  body: unknown;
  rawBody: string;
}

export type Script = ScriptedReply | ((req: RecordedRequest) => ScriptedReply);

export interface ScriptedServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  requests: RecordedRequest[];
  /** Queues replies for `method path` (path without query). */
  on(method: string, path: string, ...replies: Script[]): ScriptedServer;
  /** Requests seen for `method path`. */
  calls(method: string, path: string): RecordedRequest[];
  close(): Promise<void>;
}

export async function startScriptedServer(): Promise<ScriptedServer> {
  const routes = new Map<string, Script[]>();
  const requests: RecordedRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      const rawBody = Buffer.concat(chunks).toString("utf8");
      const recorded: RecordedRequest = {
        method: req.method ?? "GET",
        path: url.pathname,
        query: Object.fromEntries(url.searchParams.entries()),
        headers: req.headers,
        body: rawBody ? JSON.parse(rawBody) : undefined,
        rawBody,
      };
      requests.push(recorded);
      const queue = routes.get(`${recorded.method} ${recorded.path}`);
      const script = queue && (queue.length > 1 ? queue.shift() : queue[0]);
      const reply: ScriptedReply = script === undefined
        ? { status: 418, body: { message: `no scripted reply for ${recorded.method} ${recorded.path}` } }
        : typeof script === "function" ? script(recorded) : script;
      const answer = () => {
        if (reply.drop) {
          req.socket.destroy();
          return;
        }
        const body = reply.body === undefined ? "" : typeof reply.body === "string" ? reply.body : `${JSON.stringify(reply.body)}\n`;
        res.writeHead(reply.status ?? 200, {
          ...(body ? { "Content-Type": "application/json; charset=utf-8" } : {}),
          ...reply.headers,
        });
        res.end(body);
      };
      if (reply.delayMs) setTimeout(answer, reply.delayMs);
      else answer();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const scripted: ScriptedServer = {
    url: `http://127.0.0.1:${port}`,
    requests,
    on(method, path, ...replies) {
      routes.set(`${method} ${path}`, [...(routes.get(`${method} ${path}`) ?? []), ...replies]);
      return scripted;
    },
    calls: (method, path) => requests.filter((r) => r.method === method && r.path === path),
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
  return scripted;
}
