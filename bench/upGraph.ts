/**
 * The unavoidable waits of a fresh `up`, as a step graph for `criticalPath`: for each resource the calls
 * and lifecycle waits any implementation must make, costed with the emulator's latency model.
 * Calls that can overlap (a connection-info read while Postgres boots, the custom domains of one
 * service) are parallel steps, so the chain is a true lower bound.
 */
import { CriticalPath, PathStep, criticalPath } from "./criticalPath";

export interface LatencyModel {
  /** Typical latency of one request, unscaled ms; `pathTemplate` relative to `/v1`. */
  latencyFor(method: string, pathTemplate: string): number;
  /** Lifecycle durations, unscaled ms. */
  readonly lifecycle: {
    readonly postgresCreate: number;
    readonly keyValueCreate: number;
    readonly deployBuild: number;
    readonly deployUpdate: number;
    readonly imageDeployUpdate: number;
  };
  /** Multiplies every duration (the emulator's `timeScale`). */
  readonly timeScale: number;
}

export type PlannedResource =
  | { readonly name: string; readonly kind: "Postgres" | "KeyValue"; readonly dependsOn: readonly string[]; readonly waitsUntilAvailable: boolean }
  | {
    readonly name: string;
    readonly kind: "Service";
    readonly dependsOn: readonly string[];
    readonly customDomains: number;
    /** What `up` waits for after the create: nothing, the first deploy to start, or to go live. */
    readonly deployWait: "none" | "start" | "live";
    /** Prebuilt image: its deploy skips the build. */
    readonly image: boolean;
  }
  | { readonly name: string; readonly kind: OneCallKind; readonly dependsOn: readonly string[] };

/** Kinds whose create is a single call: a POST, or for the reference kinds the one GET that reads what they name. */
export const ONE_CALL: Record<string, [string, string]> = {
  Disk: ["POST", "/disks"],
  EnvGroup: ["POST", "/env-groups"],
  CustomDomain: ["POST", "/services/{serviceId}/custom-domains"],
  Project: ["POST", "/projects"],
  PostgresConnection: ["GET", "/postgres/{postgresId}/connection-info"],
  KeyValueConnection: ["GET", "/key-value/{keyValueId}/connection-info"],
  ServiceEndpoint: ["GET", "/services/{serviceId}"],
};
export type OneCallKind = "Disk" | "EnvGroup" | "CustomDomain" | "Project" | "PostgresConnection" | "KeyValueConnection" | "ServiceEndpoint";

/** The steps of one resource; its last step has the resource's own name, so dependents wait on that. */
export function createSteps(resource: PlannedResource, model: LatencyModel): PathStep[] {
  const n = resource.name;
  const call = (label: string, method: string, path: string, after: readonly string[]): PathStep =>
    ({ id: `${n}: ${label}`, ms: model.latencyFor(method, path), after });
  const done = (after: readonly string[]): PathStep => ({ id: n, ms: 0, after });
  switch (resource.kind) {
    case "Postgres":
    case "KeyValue": {
      const base = resource.kind === "Postgres" ? "/postgres" : "/key-value";
      const id = resource.kind === "Postgres" ? "{postgresId}" : "{keyValueId}";
      const create = call(`POST ${base}`, "POST", base, resource.dependsOn);
      const info = call(`GET ${base}/${id}/connection-info`, "GET", `${base}/${id}/connection-info`, [create.id]);
      if (!resource.waitsUntilAvailable) return [create, info, done([create.id, info.id])];
      const boot: PathStep = {
        id: `${n}: creating → available`,
        ms: resource.kind === "Postgres" ? model.lifecycle.postgresCreate : model.lifecycle.keyValueCreate,
        after: [create.id],
      };
      const seen = call(`GET ${base}/${id} (available)`, "GET", `${base}/${id}`, [boot.id]);
      return [create, info, boot, seen, done([seen.id, info.id])];
    }
    case "Service": {
      const create = call("POST /services", "POST", "/services", resource.dependsOn);
      const domains = Array.from({ length: resource.customDomains }, (_, i) =>
        call(`POST /services/{serviceId}/custom-domains #${i + 1}`, "POST", "/services/{serviceId}/custom-domains", [create.id]));
      const steps = [create, ...domains];
      const deployPath = "/services/{serviceId}/deploys/{deployId}";
      if (resource.deployWait === "start") steps.push(call(`GET ${deployPath} (started)`, "GET", deployPath, [create.id]));
      if (resource.deployWait === "live") {
        const lifecycle = resource.image
          ? model.lifecycle.imageDeployUpdate
          : model.lifecycle.deployBuild + model.lifecycle.deployUpdate;
        const deploy: PathStep = { id: `${n}: first deploy → live`, ms: lifecycle, after: [create.id] };
        steps.push(deploy, call(`GET ${deployPath} (live)`, "GET", deployPath, [deploy.id]));
      }
      return [...steps, done(steps.slice(1).length > 0 ? steps.slice(1).map((s) => s.id) : [create.id])];
    }
    default: {
      const [method, path] = ONE_CALL[resource.kind];
      const create = call(`${method} ${path}`, method, path, resource.dependsOn);
      return [create, done([create.id])];
    }
  }
}

/** Critical path of creating every resource, in scaled ms (the emulator's time scale applied). */
export function upCriticalPath(resources: readonly PlannedResource[], model: LatencyModel): CriticalPath {
  const path = criticalPath(resources.flatMap((r) => createSteps(r, model)));
  return { ms: Math.round(path.ms * model.timeScale), steps: path.steps };
}
