/** Request counts and time spent per method and path template, for benchmarks and tests. */

export const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

interface RouteCount {
  method: string;
  path: string;
  count: number;
  totalMs: number;
}

export class RequestCounters {
  private routes = new Map<string, RouteCount>();

  record(method: string, path: string, ms: number): void {
    const key = `${method} ${path}`;
    const entry = this.routes.get(key) ?? { method, path, count: 0, totalMs: 0 };
    entry.count++;
    entry.totalMs += ms;
    this.routes.set(key, entry);
  }

  clear(): void {
    this.routes.clear();
  }

  summary(): { total: number; byMethod: Record<string, number>; routes: RouteCount[] } {
    const routes = [...this.routes.values()].map((entry) => ({ ...entry, totalMs: Math.round(entry.totalMs * 1000) / 1000 }));
    const byMethod: Record<string, number> = Object.fromEntries(METHODS.map((method) => [method, 0]));
    for (const entry of routes) byMethod[entry.method] = (byMethod[entry.method] ?? 0) + entry.count;
    return { total: routes.reduce((sum, entry) => sum + entry.count, 0), byMethod, routes };
  }
}
