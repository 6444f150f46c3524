/**
 * Names in one place. Logical (Pulumi) names derive from the component name plus a stable key (app key,
 * region, domain), never a list index, so reordering config renames nothing. Render names derive from
 * `namePrefix`. A logical name must not change once shipped: it is part of the URN (see README, stages).
 */
import type { AppSpec, StackConfig } from "./config";
import type { StorageProvider } from "./enums";

/** The one type token every stage component registers, so stage N and N+1 share URNs. */
export const STACK_TYPE = "hosting:index:Stack";
/** Type token of the per-service component (service + disk). */
export const WEB_APP_TYPE = "hosting:index:WebApp";

export const childName = {
  app: (name: string, appKey: string) => `${name}-${appKey}`,
  regionalApp: (name: string, appKey: string, region: string) => `${name}-${appKey}-${region}`,
  disk: (appComponentName: string) => `${appComponentName}-disk`,
  /** The reference reading a service's URL and hosts, named after the service child. */
  endpoint: (serviceName: string) => `${serviceName}-endpoint`,
  /** The reference reading a database's or cache's connection details, named after that child. */
  connection: (dataStoreName: string) => `${dataStoreName}-connection`,
  postgres: (name: string) => `${name}-postgres`,
  keyValue: (name: string) => `${name}-keyvalue`,
  envGroup: (name: string, group: string) => `${name}-${group}-env`,
  bucket: (name: string, provider: StorageProvider) => `${name}-${provider}`,
  dnsRecord: (name: string, domain: string) => `${name}-dns-${domain}`,
  cacheRules: (name: string) => `${name}-cache-rules`,
  monitor: (name: string, appKey: string) => `${name}-${appKey}-monitor`,
  pool: (name: string, appKey: string, region: string) => `${name}-${appKey}-${region}-pool`,
  loadBalancer: (name: string, domain: string) => `${name}-lb-${domain}`,
};

export const renderName = {
  service: (config: StackConfig, appKey: string, app: Pick<AppSpec, "name">) => app.name ?? `${config.namePrefix}-${appKey}`,
  disk: (serviceName: string, diskName: string | undefined) => diskName ?? `${serviceName}-data`,
  postgres: (config: StackConfig) => `${config.namePrefix}-${config.database.name}`,
  keyValue: (config: StackConfig) => `${config.namePrefix}-${config.cache.name}`,
  envGroup: (config: StackConfig, group: string, explicit: string | undefined) => explicit ?? `${config.namePrefix}-${group}`,
};
