/** The Render resource kinds our dynamic providers register (`pulumi-nodejs:dynamic/render:<Class>`). */
export type RenderKind = "Service" | "Disk" | "Postgres" | "KeyValue" | "EnvGroup" | "CustomDomain" | "Project";

const KINDS: readonly RenderKind[] = ["Service", "Disk", "Postgres", "KeyValue", "EnvGroup", "CustomDomain", "Project"];
const SERVICE_TYPES = ["web_service", "private_service", "background_worker", "static_site", "cron_job"];

/**
 * Which Render kind a resource is: from its type token when the provider registered one, else (older
 * `pulumi-nodejs:dynamic:Resource` registrations) from the shape of its inputs.
 */
export function renderKind(type: string, props: Record<string, unknown>): RenderKind | undefined {
  const token = /^pulumi-nodejs:dynamic\/render:(\w+)$/.exec(type);
  if (token) return KINDS.find((k) => k === token[1]);
  if (type !== "pulumi-nodejs:dynamic:Resource") return undefined;
  const has = (key: string): boolean => props[key] !== undefined;
  if (typeof props.type === "string" && SERVICE_TYPES.includes(props.type)) return "Service";
  if (has("serviceId") && has("mountPath")) return "Disk";
  if (has("serviceId") && has("name")) return "CustomDomain";
  if (has("maxmemoryPolicy")) return "KeyValue";
  if (has("version") || has("highAvailability") || has("readReplicas")) return "Postgres";
  if (has("environments")) return "Project";
  if (has("serviceIds") || (has("envVars") && !has("type"))) return "EnvGroup";
  return undefined;
}
