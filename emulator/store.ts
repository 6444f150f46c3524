/**
 * The emulator's inventory: plain JSON-serialisable records (so the state file and the admin
 * `state` oracle are the same data), plus the seeded generator that mints ids and secrets.
 */
import { Random } from "./ids";

export interface IpRule {
  cidrBlock: string;
  description: string;
}

export interface OwnerRecord {
  id: string;
  name: string;
  email: string;
  type: "user" | "team";
}

export interface ServiceRecord {
  id: string;
  seq: number;
  ownerId: string;
  type: string;
  name: string;
  slug: string;
  createdAt: number;
  updatedAt: number;
  environmentId?: string;
  repo?: string;
  branch?: string;
  buildFilter?: { paths: string[]; ignoredPaths: string[] };
  imagePath?: string;
  registryCredentialId?: string;
  autoDeploy: string;
  autoDeployTrigger: string;
  rootDir: string;
  notifyOnFail: string;
  suspended: boolean;
  /** `serviceDetails` as Render returns it, minus `disk` (kept in `disks`). */
  details: Record<string, unknown>;
  headers: HeaderRule[];
  routes: RouteRule[];
}

export interface HeaderRule {
  id: string;
  path: string;
  name: string;
  value: string;
}

export interface RouteRule {
  id: string;
  type: string;
  source: string;
  destination: string;
  priority: number;
}

export interface DiskRecord {
  id: string;
  seq: number;
  serviceId: string;
  name: string;
  mountPath: string;
  sizeGB: number;
  createdAt: number;
  updatedAt: number;
}

export interface EnvVarRecord {
  seq: number;
  serviceId: string;
  key: string;
  value: string;
}

export interface SecretFileRecord {
  seq: number;
  serviceId: string;
  name: string;
  content: string;
}

export interface CustomDomainRecord {
  id: string;
  seq: number;
  serviceId: string;
  name: string;
  domainType: "apex" | "subdomain";
  publicSuffix: string;
  redirectForName: string;
  verificationStatus: "verified" | "unverified";
  createdAt: number;
}

export interface DeployRecord {
  id: string;
  seq: number;
  serviceId: string;
  /** `build`: git deploys build first; `image`: prebuilt images go straight to the update phase. */
  kind: "build" | "image";
  commit: { id: string; message: string; createdAt: string } | null;
  image?: { ref: string; sha: string; registryCredential?: string };
  trigger: string;
  createdAt: number;
  /** When work starts; later than `createdAt` for a deploy queued behind another. */
  startAt: number;
  buildMs: number;
  updateMs: number;
  canceledAt?: number;
}

export interface PostgresRecord {
  id: string;
  seq: number;
  ownerId: string;
  name: string;
  plan: string;
  region: string;
  version: string;
  databaseName: string;
  databaseUser: string;
  password: string;
  diskSizeGB: number;
  diskAutoscalingEnabled: boolean;
  highAvailabilityEnabled: boolean;
  ipAllowList: IpRule[];
  role: "primary" | "replica";
  primaryId?: string;
  environmentId?: string;
  datadogSite?: string;
  /** Postgres settings (`max_connections` → "200"); read back as sent. */
  parameterOverrides?: Record<string, string>;
  createdAt: number;
  updatedAt: number;
  readyAt: number;
  busyUntil: number;
  busyStatus: string;
  suspended: boolean;
  exports: { id: string; createdAt: number }[];
}

export interface KeyValueRecord {
  id: string;
  seq: number;
  ownerId: string;
  name: string;
  plan: string;
  region: string;
  maxmemoryPolicy: string;
  persistenceMode: string;
  ipAllowList: IpRule[];
  password: string;
  environmentId?: string;
  createdAt: number;
  updatedAt: number;
  readyAt: number;
  busyUntil: number;
  busyStatus: string;
}

export interface EnvGroupRecord {
  id: string;
  seq: number;
  ownerId: string;
  name: string;
  environmentId?: string;
  createdAt: number;
  updatedAt: number;
  envVars: { key: string; value: string; seq: number }[];
  secretFiles: { name: string; content: string; seq: number }[];
  serviceIds: string[];
}

export interface ProjectRecord {
  id: string;
  seq: number;
  ownerId: string;
  name: string;
  createdAt: number;
  updatedAt: number;
}

export interface EnvironmentRecord {
  id: string;
  seq: number;
  projectId: string;
  name: string;
  protectedStatus: string;
  networkIsolationEnabled: boolean;
  ipAllowList: IpRule[];
  createdAt: number;
  updatedAt: number;
}

export interface LogStreamRecord {
  resourceId: string;
  setting: string;
  endpoint: string;
  /** Write-only: never in a response. */
  token?: string;
}

export interface NotificationOverrideRecord {
  serviceId: string;
  notificationsToSend: string;
  previewNotificationsEnabled: string;
}

export interface RegistryCredentialRecord {
  id: string;
  seq: number;
  ownerId: string;
  name: string;
  registry: string;
  username: string;
  authToken: string;
  updatedAt: number;
}

export interface WebhookRecord {
  id: string;
  seq: number;
  ownerId: string;
  name: string;
  url: string;
  enabled: boolean;
  eventFilter: string[] | null;
  secret: string;
}

/** Workspace-wide settings: notifications, default log stream, metrics stream. */
export interface OwnerSettingsRecord {
  notifications?: { emailEnabled: boolean; slackEnabled: boolean; previewNotificationsEnabled: boolean; notificationsToSend: string };
  logStream?: { endpoint: string; preview: string; token?: string };
  metricsStream?: { provider: string; url: string; token?: string };
}

export interface StoreData {
  owners: Record<string, OwnerRecord>;
  /** API key → owner ids the key may act for. */
  apiKeys: Record<string, string[]>;
  services: Record<string, ServiceRecord>;
  disks: Record<string, DiskRecord>;
  envVars: EnvVarRecord[];
  secretFiles: SecretFileRecord[];
  customDomains: Record<string, CustomDomainRecord>;
  deploys: Record<string, DeployRecord>;
  postgres: Record<string, PostgresRecord>;
  keyValue: Record<string, KeyValueRecord>;
  envGroups: Record<string, EnvGroupRecord>;
  projects: Record<string, ProjectRecord>;
  environments: Record<string, EnvironmentRecord>;
  logStreams: Record<string, LogStreamRecord>;
  notificationOverrides: Record<string, NotificationOverrideRecord>;
  registryCredentials: Record<string, RegistryCredentialRecord>;
  ownerSettings: Record<string, OwnerSettingsRecord>;
  webhooks: Record<string, WebhookRecord>;
  seq: number;
  randomState: number;
}

export function emptyStoreData(seed: number): StoreData {
  return {
    owners: {},
    apiKeys: {},
    services: {},
    disks: {},
    envVars: [],
    secretFiles: [],
    customDomains: {},
    deploys: {},
    postgres: {},
    keyValue: {},
    envGroups: {},
    projects: {},
    environments: {},
    logStreams: {},
    notificationOverrides: {},
    registryCredentials: {},
    ownerSettings: {},
    webhooks: {},
    seq: 0,
    randomState: seed >>> 0,
  };
}

export class Store {
  readonly random: Random;

  constructor(public data: StoreData) {
    // Keyed collections are looked up with ids and keys from requests: without a prototype, `constructor`,
    // `__proto__` or `toString` is a missing entry like any other, never an inherited one.
    for (const [name, value] of Object.entries(data)) {
      if (value !== null && typeof value === "object" && !Array.isArray(value)) {
        (data as unknown as Record<string, unknown>)[name] = Object.assign(Object.create(null) as object, value);
      }
    }
    this.random = new Random(data.randomState);
  }

  /** The owners an API key may act for; only keys the store holds as its own entries count. */
  ownersForKey(key: string): readonly string[] | undefined {
    if (!Object.prototype.hasOwnProperty.call(this.data.apiKeys, key)) return undefined;
    const owners = this.data.apiKeys[key];
    return Array.isArray(owners) ? owners : undefined;
  }

  nextSeq(): number {
    return ++this.data.seq;
  }

  /** The data with the generator's position, ready to be written to a state file. */
  snapshot(): StoreData {
    this.data.randomState = this.random.snapshot();
    return JSON.parse(JSON.stringify(this.data)) as StoreData;
  }
}
