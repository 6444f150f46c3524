/** Turns a stack's state (resources, types, dependencies) into the resource graph `upGraph` costs. */
import { ONE_CALL, OneCallKind, PlannedResource } from "./upGraph";

export interface StateResource {
  readonly urn: string;
  readonly type: string;
  readonly custom: boolean;
  readonly parent?: string;
  readonly inputs: Record<string, unknown>;
  readonly dependencies: readonly string[];
}

/** What `up` waits for, as the providers implement it. */
export interface WaitBehaviour {
  readonly databasesAwaitAvailable: boolean;
  readonly serviceDeployWait: "none" | "start" | "live";
}

const RENDER_TYPE = /^pulumi-nodejs:dynamic\/render:(\w+)$/;

/** The class of a Render dynamic resource (`Service`, `PostgresConnection`, …), from its type token. */
export function renderKindOf(type: string): string | undefined {
  return RENDER_TYPE.exec(type)?.[1];
}

/** Render resources of a state, each with its dependencies narrowed to Render resources (components expanded). */
export function plannedResources(resources: readonly StateResource[], behaviour: WaitBehaviour): PlannedResource[] {
  const byUrn = new Map(resources.map((r) => [r.urn, r]));
  const children = new Map<string, StateResource[]>();
  for (const r of resources) {
    if (!r.parent) continue;
    children.set(r.parent, [...(children.get(r.parent) ?? []), r]);
  }
  const renderUrnsUnder = (urn: string, seen: Set<string>): string[] => {
    if (seen.has(urn)) return [];
    seen.add(urn);
    const r = byUrn.get(urn);
    if (r && renderKindOf(r.type)) return [urn];
    if (r && r.custom) return [];
    return (children.get(urn) ?? []).flatMap((c) => renderUrnsUnder(c.urn, seen));
  };
  const label = (urn: string): string => `${renderKindOf(byUrn.get(urn)!.type)} ${urn.slice(urn.lastIndexOf("::") + 2)}`;
  return resources.flatMap((r): PlannedResource[] => {
    const kind = renderKindOf(r.type);
    if (!kind) return [];
    const name = label(r.urn);
    const dependsOn = [...new Set(r.dependencies.flatMap((d) => renderUrnsUnder(d, new Set())))].filter((d) => d !== r.urn).map(label);
    if (kind === "Postgres" || kind === "KeyValue") {
      return [{ name, kind, dependsOn, waitsUntilAvailable: behaviour.databasesAwaitAvailable }];
    }
    if (kind === "Service") {
      const domains = Array.isArray(r.inputs.customDomains) ? r.inputs.customDomains.length : 0;
      const image = r.inputs.runtime === "image";
      return [{ name, kind, dependsOn, customDomains: domains, deployWait: behaviour.serviceDeployWait, image }];
    }
    if (!Object.prototype.hasOwnProperty.call(ONE_CALL, kind)) {
      throw new Error(`critical path: no cost model for Render resource kind ${kind} (${r.urn}); add its create calls to bench/upGraph.ts.`);
    }
    return [{ name, kind: kind as OneCallKind, dependsOn }];
  });
}
