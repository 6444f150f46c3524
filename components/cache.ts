/** Key Value (Redis-compatible) cache, stage 3+. Evicts least recently used keys by default. */
import * as pulumi from "@pulumi/pulumi";
import type { KeyValueArgs, MaxmemoryPolicy } from "../providers/render/inputs";
import { KeyValue } from "../providers/render/keyValue";
import type { StackConfig } from "./config";
import type { Stage } from "./enums";
import type { CacheRefs } from "./envWiring";
import { childName, renderName } from "./naming";
import { publicHostnameOf } from "./urls";

/** Stage 5 services in other regions reach the cache over its public TLS endpoint (password required). */
const EVERYONE = [{ source: "0.0.0.0/0", description: "web services in other regions (stage 5)" }];

export function toKeyValueArgs(config: StackConfig, stage: Stage): KeyValueArgs {
  const args: KeyValueArgs = {
    name: renderName.keyValue(config),
    plan: config.cache.plan,
    region: config.cache.region ?? config.region,
    // Blueprint spelling (allkeys-lru) in config, API spelling (allkeys_lru) on the wire.
    maxmemoryPolicy: config.cache.maxmemoryPolicy.replace(/-/g, "_") as MaxmemoryPolicy,
  };
  return stage === 5 ? { ...args, ipAllowList: EVERYONE } : args;
}

export interface CacheBlock {
  resource: KeyValue;
  refs: CacheRefs;
}

export function createCache(parent: pulumi.Resource, name: string, config: StackConfig, stage: Stage): CacheBlock {
  const resource = new KeyValue(childName.keyValue(name), toKeyValueArgs(config, stage), { parent, protect: config.protectData });
  return {
    resource,
    refs: {
      connectionString: pulumi.secret(resource.internalConnectionString),
      externalConnectionString: pulumi.secret(resource.externalConnectionString),
      host: resource.host,
      externalHost: publicHostnameOf(resource.externalConnectionString),
    },
  };
}
