/**
 * Stack config of the workspace settings Render's Terraform provider manages: registry credentials (named by
 * image-backed apps), the default log stream and per-app overrides, the metrics stream, notifications
 * (workspace and per app), webhooks, and per-app maintenance mode. Enums come from the providers' field
 * tables, so config and provider checks can never disagree. Secret values are named by stack config key
 * (`pulumi config set --secret <key> …`), like `secretEnv`.
 */
import { z } from "zod";
import { choices, show } from "./configError";
import { LOG_ENDPOINT_RE, LOG_SETTINGS } from "../providers/render/logStream/fields";
import { METRICS_PROVIDERS } from "../providers/render/metricsStream/fields";
import { OVERRIDE_LEVELS, PREVIEW_OVERRIDES } from "../providers/render/notificationOverride/fields";
import { NOTIFY_LEVELS } from "../providers/render/notificationSettings/fields";
import { REGISTRIES } from "../providers/render/registryCredential/fields";
import { WEBHOOK_EVENTS } from "../providers/render/webhook/fields";

function oneOf<T extends readonly [string, ...string[]]>(values: T, what: string) {
  return z.enum(values, { error: (iss) => `${show(iss.input)} is not ${what}; allowed: ${choices(values)}` });
}

function strict<S extends z.core.$ZodLooseShape>(shape: S) {
  return z.strictObject(shape, {
    error: (iss) => (iss.code === "unrecognized_keys" ? `allowed: ${choices(Object.keys(shape))}` : undefined),
  });
}

const matching = (re: RegExp, what: string) => z.string({ error: (iss) => `${show(iss.input)} is not ${what}` })
  .regex(re, { error: (iss) => `${show(iss.input)} is not ${what}` });

const httpsUrl = (what: string) => matching(/^https:\/\/[^\s/]+\S*$/, `an https URL (${what})`);
const logEndpoint = () => matching(LOG_ENDPOINT_RE, "a syslog endpoint host:port (e.g. logs.example.com:6514)");
/** Stack config key that holds a secret (`pulumi config set --secret <key> <value>`). */
const secretKey = () => matching(/^[A-Za-z][A-Za-z0-9_.-]*$/, "a stack config key (letters, digits, _ . -)");
const settingName = () => z.string().min(1, { error: "must not be empty" });

export const RegistryCredentialConfigSchema = strict({
  /** Render name (default `<namePrefix>-<key>`). */
  name: settingName().optional(),
  registry: oneOf(REGISTRIES, "a registry"),
  username: settingName(),
  /** Stack config key of the registry token. */
  authTokenSecret: secretKey(),
});

export const LogStreamConfigSchema = strict({
  endpoint: logEndpoint(),
  /** Stack config key of the log provider's token. */
  tokenSecret: secretKey().optional(),
  /** Logs of preview environments: send (default) or drop. */
  preview: oneOf(LOG_SETTINGS, "a preview log setting").default("send"),
});

export const AppLogStreamConfigSchema = strict({
  /** send (to `endpoint`, else the workspace default) or drop. */
  setting: oneOf(LOG_SETTINGS, "a log stream setting").default("send"),
  endpoint: logEndpoint().optional(),
  tokenSecret: secretKey().optional(),
});

export const MetricsStreamConfigSchema = strict({
  provider: oneOf(METRICS_PROVIDERS, "a metrics provider"),
  url: httpsUrl("the provider's metrics endpoint"),
  tokenSecret: secretKey(),
});

export const NotificationsConfigSchema = strict({
  notificationsToSend: oneOf(NOTIFY_LEVELS, "a notification level").optional(),
  emailEnabled: z.boolean().optional(),
  previewNotificationsEnabled: z.boolean().optional(),
});

export const AppNotificationsConfigSchema = strict({
  notificationsToSend: oneOf(OVERRIDE_LEVELS, "a notification override").default("default"),
  previewNotificationsEnabled: z.preprocess((v) => (typeof v === "boolean" ? String(v) : v),
    oneOf(PREVIEW_OVERRIDES, "a preview notification override")).default("default"),
});

export const WebhookConfigSchema = strict({
  /** Render name (default `<namePrefix>-<key>`). */
  name: settingName().optional(),
  url: httpsUrl("where Render POSTs the events"),
  enabled: z.boolean().default(true),
  /** Events to send (default: all). */
  eventFilter: z.array(oneOf(WEBHOOK_EVENTS, "a Render webhook event")).default([]),
  /** App key of the app that receives the events: it gets the signing secret in `secretEnvVar`. */
  deliverTo: z.string().min(1).optional(),
  secretEnvVar: matching(/^[A-Za-z_][A-Za-z0-9_]*$/, "an env var name").default("RENDER_WEBHOOK_SECRET"),
});

export const MaintenanceModeConfigSchema = strict({
  enabled: z.boolean().default(true),
  /** Page to serve (default: Render's maintenance page). */
  uri: httpsUrl("the maintenance page").optional(),
});

/** Keys each app may set on top of the Blueprint-like fields. */
export const APP_SETTINGS_SHAPE = {
  /** Key of `registryCredentials` used to pull this app's private image. */
  registryCredential: z.string().min(1).optional(),
  logStream: AppLogStreamConfigSchema.optional(),
  notifications: AppNotificationsConfigSchema.optional(),
  maintenanceMode: MaintenanceModeConfigSchema.optional(),
};

/** Top-level keys. */
export const STACK_SETTINGS_SHAPE = {
  registryCredentials: z.record(z.string(), RegistryCredentialConfigSchema).default({}),
  logStream: LogStreamConfigSchema.optional(),
  metricsStream: MetricsStreamConfigSchema.optional(),
  notifications: NotificationsConfigSchema.optional(),
  webhooks: z.record(z.string(), WebhookConfigSchema).default({}),
};

export const SETTINGS_CONFIG_KEYS = ["registryCredentials", "logStream", "metricsStream", "notifications", "webhooks"] as const;

interface SettingsView {
  apps: Record<string, { type?: string; runtime?: string; registryCredential?: string; logStream?: z.output<typeof AppLogStreamConfigSchema>; maintenanceMode?: unknown }>;
  registryCredentials?: Record<string, unknown>;
  webhooks?: Record<string, { deliverTo?: string }>;
}

/** Cross-field rules of these settings; each issue names the key, the value and what is allowed. */
export function settingsRules(config: SettingsView, ctx: z.RefinementCtx): void {
  const credentials = Object.keys(config.registryCredentials ?? {});
  const appKeys = Object.keys(config.apps ?? {});
  for (const [key, hook] of Object.entries(config.webhooks ?? {})) {
    if (hook.deliverTo !== undefined && !appKeys.includes(hook.deliverTo)) {
      ctx.addIssue({ code: "custom", path: ["webhooks", key, "deliverTo"], message: `${show(hook.deliverTo)} is not an app key; allowed: ${choices(appKeys)}` });
    }
  }
  for (const [key, app] of Object.entries(config.apps ?? {})) {
    if (app.registryCredential !== undefined) {
      if (!credentials.includes(app.registryCredential)) {
        ctx.addIssue({ code: "custom", path: ["apps", key, "registryCredential"],
          message: `${show(app.registryCredential)} is not a key of registryCredentials; ${credentials.length ? `allowed: ${choices(credentials)}` : "add it under registryCredentials first"}` });
      }
      if (app.runtime !== "image") {
        ctx.addIssue({ code: "custom", path: ["apps", key, "registryCredential"],
          message: `only apps with runtime "image" pull a prebuilt image (runtime is ${show(app.runtime)}); remove registryCredential or set runtime: image and image` });
      }
    }
    if (app.maintenanceMode !== undefined && (app.type ?? "web") !== "web") {
      ctx.addIssue({ code: "custom", path: ["apps", key, "maintenanceMode"],
        message: `maintenance mode is for web services only (type is ${show(app.type)}); remove it from this app` });
    }
    const stream = app.logStream;
    if (stream?.setting === "drop" && (stream.endpoint !== undefined || stream.tokenSecret !== undefined)) {
      ctx.addIssue({ code: "custom", path: ["apps", key, "logStream"], message: "setting \"drop\" sends no logs; remove endpoint and tokenSecret, or use setting \"send\"" });
    }
    if (stream?.tokenSecret !== undefined && stream.endpoint === undefined) {
      ctx.addIssue({ code: "custom", path: ["apps", key, "logStream", "endpoint"], message: "required with tokenSecret: the syslog endpoint host:port the token belongs to" });
    }
  }
}

/** Stack config keys these settings name as secrets, with the path of each use. */
export function settingsSecretUses(config: {
  apps: Record<string, { logStream?: { tokenSecret?: string } }>;
  registryCredentials?: Record<string, { authTokenSecret: string }>;
  logStream?: { tokenSecret?: string };
  metricsStream?: { tokenSecret: string };
}): { key: string; path: string }[] {
  const uses: { key: string; path: string }[] = [];
  for (const [k, c] of Object.entries(config.registryCredentials ?? {})) uses.push({ key: c.authTokenSecret, path: `registryCredentials.${k}.authTokenSecret` });
  if (config.logStream?.tokenSecret) uses.push({ key: config.logStream.tokenSecret, path: "logStream.tokenSecret" });
  if (config.metricsStream) uses.push({ key: config.metricsStream.tokenSecret, path: "metricsStream.tokenSecret" });
  for (const [k, app] of Object.entries(config.apps)) {
    if (app.logStream?.tokenSecret) uses.push({ key: app.logStream.tokenSecret, path: `apps.${k}.logStream.tokenSecret` });
  }
  return uses;
}
