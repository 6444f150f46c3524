/**
 * The provider implementations the plugin runs, one per resource kind, loaded from the project's sources by
 * runtimeLoader.js (see runtimeProvider.ts). Keep `@pulumi/pulumi` to type imports here and in every module this
 * one requires (transpiling drops them): the plugin would otherwise load a second SDK. A delete runs the installed
 * runtime against state written by any earlier version, so each kind keeps reading the outputs it once wrote.
 */
import type * as pulumi from "@pulumi/pulumi";
import { customDomainProvider } from "./customDomainProvider";
import { diskProvider } from "./diskProvider";
import { envGroupProvider } from "./envGroupProvider";
import { keyValueConnectionProvider } from "./keyValueConnectionProvider";
import { keyValueProvider } from "./keyValueProvider";
import { postgresConnectionProvider } from "./postgresConnectionProvider";
import { postgresProvider } from "./postgresProvider";
import { projectProvider } from "./projectProvider";
import { serviceEndpointProvider } from "./serviceEndpointProvider";
import { serviceProvider } from "./serviceProvider";
import { logStreamProvider } from "./logStream/provider";
import { maintenanceModeProvider } from "./maintenanceMode/provider";
import { metricsStreamProvider } from "./metricsStream/provider";
import { notificationOverrideProvider } from "./notificationOverride/provider";
import { notificationSettingsProvider } from "./notificationSettings/provider";
import { registryCredentialProvider } from "./registryCredential/provider";
import { resourceLogStreamProvider } from "./resourceLogStream/provider";
import { webhookProvider } from "./webhook/provider";

/** Every method the plugin may call; each implementation defines them all. */
export type ProviderImplementation = Required<pulumi.dynamic.ResourceProvider>;

export const RUNTIME_PROVIDERS = {
  Service: serviceProvider,
  Disk: diskProvider,
  Postgres: postgresProvider,
  KeyValue: keyValueProvider,
  EnvGroup: envGroupProvider,
  CustomDomain: customDomainProvider,
  Project: projectProvider,
  PostgresConnection: postgresConnectionProvider,
  KeyValueConnection: keyValueConnectionProvider,
  ServiceEndpoint: serviceEndpointProvider,
  RegistryCredential: registryCredentialProvider,
  LogStream: logStreamProvider,
  ResourceLogStream: resourceLogStreamProvider,
  MetricsStream: metricsStreamProvider,
  NotificationSettings: notificationSettingsProvider,
  NotificationOverride: notificationOverrideProvider,
  Webhook: webhookProvider,
  MaintenanceMode: maintenanceModeProvider,
} satisfies Record<string, ProviderImplementation>;

export type ProviderKind = keyof typeof RUNTIME_PROVIDERS;
export type RuntimeProviders = Record<ProviderKind, ProviderImplementation>;
