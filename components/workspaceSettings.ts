/**
 * The workspace settings of a stack and each service's own: registry credentials (before the services that
 * pull with them), the default log stream, the metrics stream, notification settings and webhooks; per
 * service, a log stream override, a notification override and maintenance mode. Every stage wires the same
 * set, so raising a stage changes none of them. Tokens come from secret stack config and stay secret.
 */
import * as pulumi from "@pulumi/pulumi";
import { LogStream } from "../providers/render/logStream/resource";
import { MaintenanceMode } from "../providers/render/maintenanceMode/resource";
import { MetricsStream } from "../providers/render/metricsStream/resource";
import { NotificationOverride } from "../providers/render/notificationOverride/resource";
import { NotificationSettings } from "../providers/render/notificationSettings/resource";
import { RegistryCredential } from "../providers/render/registryCredential/resource";
import { ResourceLogStream } from "../providers/render/resourceLogStream/resource";
import { Webhook } from "../providers/render/webhook/resource";
import type { AppSpec, SecretValues, StackConfig } from "./config";

export interface WorkspaceSettings {
  registryCredentials: Record<string, RegistryCredential>;
  webhooks: Record<string, Webhook>;
  logStream?: LogStream;
  metricsStream?: MetricsStream;
  notifications?: NotificationSettings;
}

export const settingsName = {
  registryCredential: (name: string, key: string) => `${name}-registry-${key}`,
  logStream: (name: string) => `${name}-log-stream`,
  metricsStream: (name: string) => `${name}-metrics-stream`,
  notifications: (name: string) => `${name}-notifications`,
  webhook: (name: string, key: string) => `${name}-webhook-${key}`,
  /** Per service, named after the service's component (`<stack>-<app>` or `<stack>-<app>-<region>`). */
  serviceLogStream: (appComponent: string) => `${appComponent}-log-stream`,
  serviceNotifications: (appComponent: string) => `${appComponent}-notifications`,
  maintenance: (appComponent: string) => `${appComponent}-maintenance`,
};

/** A secret from stack config; loadStackConfig has already refused a missing one. */
function secretOf(secrets: SecretValues, key: string): pulumi.Output<string> {
  return secrets[key] ?? pulumi.secret("");
}

export function createWorkspaceSettings(parent: pulumi.Resource, name: string, config: StackConfig, secrets: SecretValues): WorkspaceSettings {
  const opts = { parent };
  const registryCredentials = Object.fromEntries(Object.entries(config.registryCredentials).map(([key, c]) => [key,
    new RegistryCredential(settingsName.registryCredential(name, key), {
      name: c.name ?? `${config.namePrefix}-${key}`, registry: c.registry, username: c.username,
      authToken: secretOf(secrets, c.authTokenSecret),
    }, opts)]));
  const webhooks = Object.fromEntries(Object.entries(config.webhooks).map(([key, w]) => [key,
    new Webhook(settingsName.webhook(name, key), {
      name: w.name ?? `${config.namePrefix}-${key}`, url: w.url, enabled: w.enabled, eventFilter: w.eventFilter,
    }, opts)]));
  const settings: WorkspaceSettings = { registryCredentials, webhooks };
  const ls = config.logStream;
  if (ls) {
    settings.logStream = new LogStream(settingsName.logStream(name), {
      endpoint: ls.endpoint, preview: ls.preview, token: ls.tokenSecret ? secretOf(secrets, ls.tokenSecret) : undefined,
    }, opts);
  }
  const ms = config.metricsStream;
  if (ms) {
    settings.metricsStream = new MetricsStream(settingsName.metricsStream(name), {
      provider: ms.provider, url: ms.url, token: secretOf(secrets, ms.tokenSecret),
    }, opts);
  }
  if (config.notifications) settings.notifications = new NotificationSettings(settingsName.notifications(name), config.notifications, opts);
  return settings;
}

/** Env vars an app gets from the settings: the signing secret of each webhook delivered to it. */
export function settingsEnv(settings: WorkspaceSettings, config: StackConfig, appKey: string): Record<string, pulumi.Output<string>> {
  const env: Record<string, pulumi.Output<string>> = {};
  for (const [key, w] of Object.entries(config.webhooks)) {
    if (w.deliverTo === appKey) env[w.secretEnvVar] = settings.webhooks[key].secret;
  }
  return env;
}

/** The registry credential an image-backed app pulls with. */
export function credentialOf(settings: WorkspaceSettings, app: AppSpec): pulumi.Output<string> | undefined {
  return app.registryCredential ? settings.registryCredentials[app.registryCredential]?.id : undefined;
}

/** One service's own settings: log stream override, notification override, maintenance mode. */
export function attachServiceSettings(parent: pulumi.Resource, appComponent: string, app: AppSpec, serviceId: pulumi.Output<string>,
  secrets: SecretValues): void {
  const opts = { parent };
  if (app.logStream) {
    const s = app.logStream;
    new ResourceLogStream(settingsName.serviceLogStream(appComponent), {
      resourceId: serviceId, setting: s.setting, endpoint: s.endpoint,
      token: s.tokenSecret ? secretOf(secrets, s.tokenSecret) : undefined,
    }, opts);
  }
  if (app.notifications) {
    new NotificationOverride(settingsName.serviceNotifications(appComponent), { serviceId, ...app.notifications }, opts);
  }
  if (app.maintenanceMode) {
    new MaintenanceMode(settingsName.maintenance(appComponent), {
      serviceId, enabled: app.maintenanceMode.enabled, uri: app.maintenanceMode.uri ?? "",
    }, opts);
  }
}
