/**
 * A recording `setMocks`: every registration is kept as `{ type, name, inputs, urn }`, ids are
 * `${type}::${name}`, computed outputs of the resources we use are filled with recognisable fake values, any
 * invoke fails the test, and a self stack reference answers with `previousOutputs`. Pass `record` as a
 * transformation to see each child's options (parent, protect, additionalSecretOutputs).
 */
import * as pulumi from "@pulumi/pulumi";
import { valueOf } from "./outputs";

// eslint-disable-next-line @typescript-eslint/no-var-requires
const settings = require("@pulumi/pulumi/runtime/settings") as { waitForRPCs(): Promise<void> };

export interface Registration {
  type: string;
  name: string;
  /** Inputs with secrets unwrapped. */
  inputs: Record<string, any>;
  /** Top-level inputs that arrived as (or containing) secrets. */
  secretInputs: string[];
}

const SECRET_SIG = "4dabf18193072939515e22adb298388d";
const SECRET_VALUE = "1b47061264138c4ac30d75fd1eb44270";

function isSecretValue(v: unknown): v is { value: unknown } {
  return typeof v === "object" && v !== null && (v as Record<string, unknown>)[SECRET_SIG] === SECRET_VALUE;
}

/** Replaces every secret wrapper by its value; reports whether any was found. */
function reveal(v: unknown): { value: unknown; secret: boolean } {
  if (isSecretValue(v)) return { value: reveal(v.value).value, secret: true };
  if (Array.isArray(v)) {
    const items = v.map(reveal);
    return { value: items.map((i) => i.value), secret: items.some((i) => i.secret) };
  }
  if (typeof v === "object" && v !== null) {
    const entries = Object.entries(v).map(([k, x]) => [k, reveal(x)] as const);
    return { value: Object.fromEntries(entries.map(([k, r]) => [k, r.value])), secret: entries.some(([, r]) => r.secret) };
  }
  return { value: v, secret: false };
}

export interface RecordedOptions {
  type: string;
  name: string;
  protect: boolean;
  additionalSecretOutputs: string[];
  parentName?: string;
  resource: pulumi.Resource;
}

export const PROJECT = "render-stages";
export const ORG = "organization";

/** Type tokens as Pulumi registers them. */
export const T = {
  service: "pulumi-nodejs:dynamic/render:Service",
  disk: "pulumi-nodejs:dynamic/render:Disk",
  postgres: "pulumi-nodejs:dynamic/render:Postgres",
  keyValue: "pulumi-nodejs:dynamic/render:KeyValue",
  envGroup: "pulumi-nodejs:dynamic/render:EnvGroup",
  postgresConnection: "pulumi-nodejs:dynamic/render:PostgresConnection",
  keyValueConnection: "pulumi-nodejs:dynamic/render:KeyValueConnection",
  serviceEndpoint: "pulumi-nodejs:dynamic/render:ServiceEndpoint",
  webApp: "hosting:index:WebApp",
  stack: "hosting:index:Stack",
  spacesBucket: "digitalocean:index/spacesBucket:SpacesBucket",
  spacesCors: "digitalocean:index/spacesBucketCorsConfiguration:SpacesBucketCorsConfiguration",
  cdn: "digitalocean:index/cdn:Cdn",
  spacesKey: "digitalocean:index/spacesKey:SpacesKey",
  s3Bucket: "aws:s3/bucket:Bucket",
  s3PublicAccess: "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
  s3Cors: "aws:s3/bucketCorsConfiguration:BucketCorsConfiguration",
  dnsRecord: "cloudflare:index/dnsRecord:DnsRecord",
  ruleset: "cloudflare:index/ruleset:Ruleset",
  monitor: "cloudflare:index/loadBalancerMonitor:LoadBalancerMonitor",
  pool: "cloudflare:index/loadBalancerPool:LoadBalancerPool",
  loadBalancer: "cloudflare:index/loadBalancer:LoadBalancer",
} as const;

/** A service's address as the fakes below give it, from its Render name and type. */
function serviceAddress(inputs: Record<string, any>) {
  const host = `${inputs.name}-host`;
  const isPrivate = inputs.type === "private_service";
  return {
    slug: inputs.name, host, url: isPrivate ? `${host}:10000` : `https://${inputs.name}.onrender.com`,
    hostport: `${host}:10000`, onrenderHost: isPrivate ? "" : `${inputs.name}.onrender.com`,
  };
}

/**
 * Outputs the real providers compute, faked from the inputs. Addresses and connection details exist only on
 * the references (ServiceEndpoint, PostgresConnection, KeyValueConnection), computed from the inputs of the
 * resource their id names (`inputsOf`): the program must read them there (they stay known while that resource
 * is updated), and a value read from the resource itself comes out undefined and fails the test.
 */
function computed(type: string, inputs: Record<string, any>, inputsOf: (id: string) => Record<string, any>): Record<string, unknown> {
  switch (type) {
    case T.service:
      return { generatedEnvVarValues: Object.fromEntries((inputs.generatedEnvVars ?? []).map((k: string) => [k, `generated-${k}`])) };
    case T.serviceEndpoint:
      return serviceAddress(inputsOf(inputs.serviceId));
    case T.postgresConnection: {
      const db = inputsOf(inputs.postgresId);
      return {
        host: "dpg-internal", port: 5432, user: db.databaseUser ?? "user", database: `${db.databaseName ?? "db"}_x1`,
        externalHost: "dpg-internal.oregon-postgres.render.com", externalPort: 5432, password: "pg-password",
        internalConnectionString: "postgresql://user:pg-password@dpg-internal/db",
        externalConnectionString: "postgresql://user:pg-password@dpg-internal.oregon-postgres.render.com:5432/db",
      };
    }
    case T.keyValueConnection:
      return {
        host: "red-internal", port: 6379, externalHost: "oregon-keyvalue.render.com", externalPort: 6377,
        internalConnectionString: "redis://red-internal:6379",
        externalConnectionString: "rediss://red-internal:kv-password@oregon-keyvalue.render.com:6377",
      };
    case T.spacesBucket:
      return { bucketDomainName: `${inputs.name}.${inputs.region}.digitaloceanspaces.com` };
    case T.cdn:
      return { endpoint: "media.cdn.digitaloceanspaces.com" };
    case T.spacesKey:
      return { accessKey: "DO-ACCESS-KEY", secretKey: "do-secret-key" };
    case T.s3Bucket:
      return { bucket: inputs.bucket };
    default:
      return {};
  }
}

export class RecordingMocks implements pulumi.runtime.Mocks {
  readonly registrations: Registration[] = [];
  readonly options: RecordedOptions[] = [];
  /** Names of the stacks the program referenced. */
  readonly stackReferences: string[] = [];
  /** What a stack reference to this stack returns (the previous run's outputs). */
  constructor(private readonly previousOutputs: Record<string, unknown> = {}) {}

  newResource(args: pulumi.runtime.MockResourceArgs): { id: string; state: Record<string, any> } {
    if (args.type === "pulumi:pulumi:StackReference") {
      this.stackReferences.push(args.inputs.name);
      return { id: args.name, state: { name: args.name, outputs: this.previousOutputs, secretOutputNames: [] } };
    }
    const raw: Record<string, unknown> = { ...args.inputs };
    delete raw.__provider;
    const inputs: Record<string, any> = {};
    const secretInputs: string[] = [];
    for (const [k, v] of Object.entries(raw)) {
      const r = reveal(v);
      inputs[k] = r.value;
      if (r.secret) secretInputs.push(k);
    }
    this.registrations.push({ type: args.type, name: args.name, inputs, secretInputs });
    return { id: `${args.type}::${args.name}`, state: { ...args.inputs, ...computed(args.type, inputs, (id) => this.inputsOf(id)) } };
  }

  call(args: pulumi.runtime.MockCallArgs): Record<string, any> {
    throw new Error(`unexpected invoke ${args.token}`);
  }

  /** A transformation that records every resource's options as the component passes them. */
  readonly record: pulumi.ResourceTransformation = (a) => {
    this.options.push({
      type: a.type, name: a.name, protect: a.opts.protect === true,
      additionalSecretOutputs: [...(a.opts as pulumi.CustomResourceOptions).additionalSecretOutputs ?? []],
      parentName: (a.opts.parent as { __name?: string } | undefined)?.__name,
      resource: a.resource,
    });
    return undefined;
  };

  /** Inputs of the resource registered with this mock id (`${type}::${name}`). */
  inputsOf(id: string): Record<string, any> {
    const found = this.registrations.find((r) => `${r.type}::${r.name}` === id);
    if (!found) throw new Error(`no resource registered with id ${id}`);
    return found.inputs;
  }

  byType(type: string): Registration[] {
    return this.registrations.filter((r) => r.type === type);
  }

  one(type: string, name: string): Registration {
    const found = this.registrations.filter((r) => r.type === type && r.name === name);
    if (found.length !== 1) throw new Error(`expected one ${type} named ${name}, found ${found.length}: ${this.names().join(", ")}`);
    return found[0];
  }

  names(): string[] {
    return this.registrations.map((r) => `${r.type}::${r.name}`).sort();
  }

  /** URN of every resource the transformation saw, by logical name (call after `settled()`). */
  async urns(): Promise<Record<string, string>> {
    const out: Record<string, string> = {};
    for (const o of this.options) out[`${o.type}::${o.name}`] = await valueOf(o.resource.urn);
    return out;
  }

  optionsOf(name: string): RecordedOptions {
    const found = this.options.find((o) => o.name === name);
    if (!found) throw new Error(`no options recorded for ${name}`);
    return found;
  }
}

/** Installs fresh recording mocks for stack `stack` (preview off). */
export async function installMocks(stack = "dev", previousOutputs: Record<string, unknown> = {}): Promise<RecordingMocks> {
  const mocks = new RecordingMocks(previousOutputs);
  await pulumi.runtime.setMocks(mocks, PROJECT, stack, false, ORG);
  return mocks;
}

/** Waits until every registration the program started has been answered. */
export function settled(): Promise<void> {
  return settings.waitForRPCs();
}

/**
 * URN as the mock monitor builds it: immediate parent type `$` own type, then the name (the engine chains
 * every ancestor's type; identity comparisons hold under both).
 */
export function urnOf(stack: string, parentAndType: readonly [string, string] | readonly [string], name: string): string {
  return `urn:pulumi:${stack}::${PROJECT}::${parentAndType.join("$")}::${name}`;
}
