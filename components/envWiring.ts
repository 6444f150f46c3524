/**
 * Turns an app's env config (plain values, generated values, references, secretEnv) into the env var map a
 * Render service takes. References become Outputs of the resources they name (for Render resources, of the
 * reference resources that read them: PostgresConnection, KeyValueConnection, ServiceEndpoint); secret ones
 * stay secret.
 */
import * as pulumi from "@pulumi/pulumi";
import type { EnvSource, SecretValues } from "./config";

export interface CacheRefs {
  connectionString: pulumi.Output<string>;
  externalConnectionString: pulumi.Output<string>;
  host: pulumi.Output<string>;
  externalHost: pulumi.Output<string>;
  port: pulumi.Output<number>;
  externalPort: pulumi.Output<number>;
}

export interface DatabaseRefs extends CacheRefs {
  user: pulumi.Output<string>;
  password: pulumi.Output<string>;
  database: pulumi.Output<string>;
}

export interface StorageRefs {
  endpoint: pulumi.Output<string>;
  bucket: pulumi.Output<string>;
  accessKeyId?: pulumi.Output<string>;
  secretAccessKey?: pulumi.Output<string>;
  cdnUrl?: pulumi.Output<string>;
}

export interface ServiceRefs {
  host: pulumi.Output<string>;
  /** `<host>:<port>` on the private network. */
  hostport: pulumi.Output<string>;
  url: pulumi.Output<string>;
}

export interface WiringSources {
  database?: DatabaseRefs;
  cache?: CacheRefs;
  storage?: StorageRefs;
  /** Services created so far, by app key. */
  services: Record<string, ServiceRefs>;
  secrets: SecretValues;
  /**
   * `external` for a service in another region than Postgres and Key Value: Render's private network is
   * regional, so such a service connects over the public, TLS endpoints instead.
   */
  network: "internal" | "external";
}

export interface ResolvedEnv {
  envVars: Record<string, pulumi.Input<string>>;
  /** Keys Render generates once (`generateValue: true`). */
  generated: string[];
}

function need<T>(value: T | undefined, path: string, what: string): T {
  if (value === undefined) throw new Error(`${path}: references ${what}, which this stage does not create`);
  return value;
}

function resolveSource(path: string, src: EnvSource, from: WiringSources): pulumi.Input<string> | undefined {
  const external = from.network === "external";
  if (src.value !== undefined) return String(src.value);
  if (src.fromDatabase) {
    const db = need(from.database, path, "Postgres");
    switch (src.fromDatabase.property) {
      case "connectionString": return pulumi.secret(external ? db.externalConnectionString : db.connectionString);
      case "host": return external ? db.externalHost : db.host;
      case "port": return pulumi.interpolate`${external ? db.externalPort : db.port}`;
      case "user": return db.user;
      case "password": return pulumi.secret(db.password);
      case "database": return db.database;
    }
  }
  if (src.fromKeyValue) {
    const kv = need(from.cache, path, "Key Value");
    switch (src.fromKeyValue.property) {
      case "connectionString": return pulumi.secret(external ? kv.externalConnectionString : kv.connectionString);
      case "host": return external ? kv.externalHost : kv.host;
      case "port": return pulumi.interpolate`${external ? kv.externalPort : kv.port}`;
    }
  }
  if (src.fromService) {
    const svc = need(from.services[src.fromService.name], path, `service "${src.fromService.name}"`);
    switch (src.fromService.property) {
      case "host": return svc.host;
      case "hostport": return svc.hostport;
      case "url": return svc.url;
    }
  }
  if (src.fromStorage) {
    const st = need(from.storage, path, "object storage");
    const value = {
      endpoint: st.endpoint, bucket: st.bucket, accessKeyId: st.accessKeyId,
      secretAccessKey: st.secretAccessKey && pulumi.secret(st.secretAccessKey), cdnUrl: st.cdnUrl,
    }[src.fromStorage.property];
    return need(value, path, `storage ${src.fromStorage.property}`);
  }
  return undefined;
}

/** Resolves `env` and `secretEnv` of the app at config path `path` (e.g. `apps.web`). */
export function resolveEnv(
  path: string, env: Record<string, EnvSource>, secretEnv: Record<string, string>, from: WiringSources,
): ResolvedEnv {
  const envVars: Record<string, pulumi.Input<string>> = {};
  const generated: string[] = [];
  for (const [key, src] of Object.entries(env)) {
    if (src.generateValue) {
      generated.push(key);
      continue;
    }
    const value = resolveSource(`${path}.env.${key}`, src, from);
    if (value !== undefined) envVars[key] = value;
  }
  for (const [key, configKey] of Object.entries(secretEnv)) {
    envVars[key] = need(from.secrets[configKey], `${path}.secretEnv.${key}`, `secret stack config "${configKey}"`);
  }
  return { envVars, generated };
}
