/** Key Value (Redis-compatible) cache, stage 3+. Evicts least recently used keys by default. */
import * as pulumi from "@pulumi/pulumi";
import type { KeyValueArgs, MaxmemoryPolicy } from "../providers/render/inputs";
import { KeyValue } from "../providers/render/keyValue";
import { KeyValueConnection } from "../providers/render/keyValueConnection";
import type { StackConfig } from "./config";
import type { Stage } from "./enums";
import type { CacheRefs } from "./envWiring";
import { childName, renderName } from "./naming";

/** Stage 5 services in other regions reach the cache over its public TLS endpoint (password required). */
const EVERYONE = [{ source: "0.0.0.0/0", description: "web services in other regions (stage 5)" }];

export function toKeyValueArgs(config: StackConfig, stage: Stage): KeyValueArgs {
  const args: KeyValueArgs = {
    name: renderName.keyValue(config),
    plan: config.cache.plan,
    region: config.cache.region ?? config.region,
    // Blueprint spelling (allkeys-lru) in config, API spelling (allkeys_lru) on the wire.
    maxmemoryPolicy: config.cache.maxmemoryPolicy.replace(/-/g, "_") as MaxmemoryPolicy,
    allowReplace: config.allowDataLoss.keyValue,
  };
  return stage === 5 ? { ...args, ipAllowList: EVERYONE } : args;
}

export interface CacheBlock {
  resource: KeyValue;
  connection: KeyValueConnection;
  refs: CacheRefs;
}

/** The cache and the reference every consumer reads it through (stays known while the cache is updated). */
export function createCache(parent: pulumi.Resource, name: string, config: StackConfig, stage: Stage): CacheBlock {
  const kvName = childName.keyValue(name);
  const resource = new KeyValue(kvName, toKeyValueArgs(config, stage), { parent, protect: config.protectData });
  const connection = new KeyValueConnection(childName.connection(kvName), { keyValueId: resource.id }, { parent });
  return {
    resource,
    connection,
    refs: {
      connectionString: pulumi.secret(connection.internalConnectionString),
      externalConnectionString: pulumi.secret(connection.externalConnectionString),
      host: connection.host,
      externalHost: connection.externalHost,
      port: connection.port,
      externalPort: connection.externalPort,
    },
  };
}
