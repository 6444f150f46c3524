/** Matches a request path against Render path templates (`/services/{serviceId}/env-vars/{envVarKey}`). */
import type { Handler } from "./http";

interface Route {
  method: string;
  template: string;
  segments: string[];
  literals: number;
  handler: Handler;
}

export interface RouteMatch {
  template: string;
  params: Record<string, string>;
  handler: Handler;
}

export class Router {
  private readonly routes: Route[] = [];

  add(method: string, template: string, handler: Handler): this {
    const segments = template.split("/").filter(Boolean);
    const literals = segments.filter((segment) => !segment.startsWith("{")).length;
    this.routes.push({ method, template, segments, literals, handler });
    this.routes.sort((a, b) => b.literals - a.literals);
    return this;
  }

  /** The route for `method path`; `template` alone (without handler) when only the method differs. */
  match(method: string, path: string): RouteMatch | { template: string; handler?: undefined } | undefined {
    const parts = path.split("/").filter(Boolean);
    let templateOnly: string | undefined;
    for (const route of this.routes) {
      const params = matchSegments(route.segments, parts);
      if (!params) continue;
      if (route.method === method) return { template: route.template, params, handler: route.handler };
      templateOnly ??= route.template;
    }
    return templateOnly === undefined ? undefined : { template: templateOnly };
  }
}

function matchSegments(segments: string[], parts: string[]): Record<string, string> | undefined {
  if (segments.length !== parts.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i];
    let part: string;
    try {
      part = decodeURIComponent(parts[i]);
    } catch {
      return undefined;
    }
    if (segment.startsWith("{")) params[segment.slice(1, -1)] = part;
    else if (segment !== part) return undefined;
  }
  return params;
}
