/**
 * The production rules as pure functions: each takes one resource (or the whole stack) as the engine shows
 * it to a policy and returns the violations as sentences, empty when the resource complies.
 */
import { renderKind } from "./renderKind";
import { plaintextSecretReason } from "./secretShapes";

/** A resource as a policy sees it: type token, logical name, inputs, and whether it is protected. */
export interface PolicyTarget {
  readonly type: string;
  readonly name: string;
  readonly props: Record<string, unknown>;
  readonly protect: boolean;
}

/** Storage that holds user data outside Render: deleting it loses the data. */
const STATEFUL_CLOUD_TYPES = new Set([
  "digitalocean:index/spacesBucket:SpacesBucket",
  "aws:s3/bucket:Bucket",
  "aws:s3/bucketV2:BucketV2",
]);
const CLOUDFLARE_RECORD_TYPES = new Set(["cloudflare:index/dnsRecord:DnsRecord", "cloudflare:index/record:Record"]);

const stringProp = (props: Record<string, unknown>, key: string): string | undefined =>
  typeof props[key] === "string" ? (props[key] as string) : undefined;

/** Free instances sleep, have no backups and (Postgres) expire: never in production. */
export function noFreePlans(r: PolicyTarget): string[] {
  const kind = renderKind(r.type, r.props);
  if (kind !== "Service" && kind !== "Postgres" && kind !== "KeyValue") return [];
  if (r.props.plan !== "free") return [];
  const paid = kind === "Service" ? "starter" : kind === "Postgres" ? "basic_256mb" : "starter";
  return [`${kind} "${r.name}" uses the free plan; production needs a paid plan (e.g. ${paid}).`];
}

/**
 * Production Postgres must survive the loss of an instance: high availability, or at least a paid plan
 * (paid plans carry daily backups and point-in-time recovery). HA itself needs a pro or accelerated plan.
 */
export function postgresResilience(r: PolicyTarget): string[] {
  if (renderKind(r.type, r.props) !== "Postgres") return [];
  const plan = stringProp(r.props, "plan") ?? "basic_256mb";
  if (r.props.highAvailability === true) {
    return /^(pro|accelerated)_/.test(plan)
      ? []
      : [`Postgres "${r.name}": highAvailability needs a pro_* or accelerated_* plan, not "${plan}".`];
  }
  return plan === "free"
    ? [`Postgres "${r.name}" has neither high availability nor point-in-time recovery (plan "free"); use a paid plan or enable highAvailability.`]
    : [];
}

/** Disks, databases, Key Value and buckets must be protected so no update can delete them. */
export function statefulProtected(r: PolicyTarget): string[] {
  const kind = renderKind(r.type, r.props);
  const stateful = kind === "Disk" || kind === "Postgres" || kind === "KeyValue" || STATEFUL_CLOUD_TYPES.has(r.type);
  if (!stateful || r.protect) return [];
  return [`${kind ?? r.type} "${r.name}" holds data but is not protected; set protectData: true for this stack.`];
}

/** Env vars of services and env groups must not carry secrets in plain text. */
export function noPlaintextSecrets(r: PolicyTarget, allowedKeys: readonly string[] = []): string[] {
  const kind = renderKind(r.type, r.props);
  if (kind !== "Service" && kind !== "EnvGroup") return [];
  const envVars = r.props.envVars;
  if (envVars === null || typeof envVars !== "object") return [];
  const problems: string[] = [];
  for (const [key, value] of Object.entries(envVars as Record<string, unknown>)) {
    if (allowedKeys.includes(key)) continue;
    const reason = plaintextSecretReason(key, value);
    if (reason) {
      problems.push(`${kind} "${r.name}" env var ${key} ${reason}; store it with \`pulumi config set --secret\` ` +
        `or let Render generate it (generatedEnvVars), then list ${key} in this policy's allowedKeys if it is a secret already.`);
    }
  }
  return problems;
}

/** An autoscaling range must be a range. */
export function autoscalingRange(r: PolicyTarget): string[] {
  if (renderKind(r.type, r.props) !== "Service") return [];
  const scaling = r.props.autoscaling as { minInstances?: unknown; maxInstances?: unknown } | undefined;
  if (!scaling || typeof scaling.minInstances !== "number" || typeof scaling.maxInstances !== "number") return [];
  return scaling.maxInstances >= scaling.minInstances
    ? []
    : [`Service "${r.name}": autoscaling maxInstances ${scaling.maxInstances} < minInstances ${scaling.minInstances}.`];
}

/**
 * Render verifies a custom domain by resolving it to Render; behind Cloudflare's proxy it resolves to
 * Cloudflare and never verifies. Records for Render domains stay DNS-only until Render says "verified".
 */
export function cloudflareDnsOnlyUntilVerified(resources: readonly PolicyTarget[]): string[] {
  const verified = new Set<string>();
  for (const r of resources) {
    if (renderKind(r.type, r.props) === "CustomDomain" && r.props.verificationStatus === "verified") {
      verified.add(String(r.props.name).toLowerCase());
    }
  }
  const problems: string[] = [];
  for (const r of resources) {
    if (!CLOUDFLARE_RECORD_TYPES.has(r.type) || r.props.proxied !== true) continue;
    const target = (stringProp(r.props, "content") ?? stringProp(r.props, "value") ?? "").toLowerCase().replace(/\.$/, "");
    if (!target.endsWith(".onrender.com")) continue;
    const name = (stringProp(r.props, "name") ?? "").toLowerCase().replace(/\.$/, "");
    const isVerified = [...verified].some((domain) => domain === name || domain.startsWith(`${name}.`));
    if (!isVerified) {
      problems.push(`Cloudflare record "${r.name}" (${name} → ${target}) is proxied before Render verified the ` +
        `domain; set proxied: false until its CustomDomain shows verificationStatus "verified".`);
    }
  }
  return problems;
}

/** The stack a URN belongs to: `urn:pulumi:<stack>::<project>::…`. */
export function stackOfUrn(urn: string): string {
  return /^urn:pulumi:([^:]+)::/.exec(urn)?.[1] ?? "";
}

/** Whether the rules apply to `stack`: exact names, or `prefix-*` patterns. */
export function isEnforcedStack(stack: string, patterns: readonly string[]): boolean {
  return patterns.some((p) => (p.endsWith("*") ? stack.startsWith(p.slice(0, -1)) : stack === p));
}
