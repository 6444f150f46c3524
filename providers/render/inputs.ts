/**
 * The shapes of our Render resources: `<Class>Args` (what a program passes, `pulumi.Input`-typed),
 * `<Class>Inputs` (the checked, normalised inputs a provider works on) and `<Class>Outputs` (inputs echoed
 * under the same keys plus what Render computes). Field names follow Render's Blueprint spec (render.yaml)
 * where one exists; enum values are the REST API's (underscores: `basic_256mb`, `web_service`).
 */
import * as pulumi from "@pulumi/pulumi";
import type {
  KEY_VALUE_PLANS, MAXMEMORY_POLICIES, POSTGRES_PLANS, PROTECTED_STATUSES, REGIONS, SERVICE_PLANS, SERVICE_RUNTIMES,
  SERVICE_TYPES,
} from "./enums";

type In<T> = pulumi.Input<T>;

// ---------------------------------------------------------------------------------------------------------
// Shared enums

export type Region = (typeof REGIONS)[number];
export type ServiceType = (typeof SERVICE_TYPES)[number];
export type ServiceRuntime = (typeof SERVICE_RUNTIMES)[number];
/** `free` exists for web services only; every other plan is paid. */
export type ServicePlan = (typeof SERVICE_PLANS)[number];
export type PostgresPlan = (typeof POSTGRES_PLANS)[number];
export type KeyValuePlan = (typeof KEY_VALUE_PLANS)[number];
export type MaxmemoryPolicy = (typeof MAXMEMORY_POLICIES)[number];
export type ProtectedStatus = (typeof PROTECTED_STATUSES)[number];

/** One entry of a Postgres / Key Value IP allow list (Blueprint `ipAllowList`). */
export interface IpAllowEntry {
  /** CIDR block, e.g. `203.0.113.0/24`; `0.0.0.0/0` allows everyone. */
  source: string;
  description: string;
}

// ---------------------------------------------------------------------------------------------------------
// Service (web, private, worker, static site, cron job)

/** Horizontal autoscaling (Blueprint `scaling`); needs a paid plan and excludes `numInstances` > 1. */
export interface ServiceAutoscaling {
  minInstances: number;
  maxInstances: number;
  /** Target average CPU use in percent (1–90); at least one target is required. */
  targetCPUPercent?: number;
  /** Target average memory use in percent (1–90). */
  targetMemoryPercent?: number;
}

/** A response header a static site adds for paths matching `path` (glob). */
export interface StaticHeader { path: string; name: string; value: string }

/** A static-site redirect or rewrite rule. */
export interface StaticRoute { type: "redirect" | "rewrite"; source: string; destination: string }

export interface ServiceArgs {
  /** Service kind; create-only (a change replaces the service). */
  type: In<ServiceType>;
  /** Service name, unique in the workspace. */
  name: In<string>;
  /** Region (default `oregon`); create-only. Not for static sites. */
  region?: In<Region>;
  /** Instance type (default `starter`). Not for static sites. */
  plan?: In<ServicePlan>;
  /** Runtime; required except for static sites. `image` deploys a prebuilt image (`image`). */
  runtime?: In<ServiceRuntime>;
  /** Git repository URL (https), without the branch. */
  repo?: In<string>;
  /** Git branch (default: the repository's default branch). */
  branch?: In<string>;
  /** Directory inside the repository that holds the service. */
  rootDir?: In<string>;
  /** Image URL for runtime `image`, e.g. `docker.io/library/nginx:latest`. */
  image?: In<string>;
  /** Registry credential (`RegistryCredential` id) that pulls a private `image`. */
  registryCredentialId?: In<string>;
  buildCommand?: In<string>;
  startCommand?: In<string>;
  /** Runs after the build, before each deploy goes live (web, private service, worker). */
  preDeployCommand?: In<string>;
  /** Docker runtime only: command override, Dockerfile path and build context. */
  dockerCommand?: In<string>;
  dockerfilePath?: In<string>;
  dockerContext?: In<string>;
  /** Web services only: path Render probes before routing traffic. */
  healthCheckPath?: In<string>;
  /** Fixed instance count (default 1; web, private service, worker). */
  numInstances?: In<number>;
  /** Autoscaling instead of a fixed count. */
  autoscaling?: In<ServiceAutoscaling>;
  /** Static sites: directory to publish (default `public`). */
  publishPath?: In<string>;
  /** Static sites: response headers (default none). */
  headers?: In<In<StaticHeader>[]>;
  /** Static sites: redirect / rewrite rules (default none). */
  routes?: In<In<StaticRoute>[]>;
  /** Cron jobs: five-field cron schedule in UTC, e.g. `0 3 * * *`. */
  schedule?: In<string>;
  /** Deploy on every push to `branch` (default true). */
  autoDeploy?: In<boolean>;
  /** Environment variables, key → value: the exact set (keys not listed are removed). Secret output. */
  envVars?: In<Record<string, In<string>>>;
  /** Keys whose value Render generates once at creation and keeps (e.g. `SECRET_KEY`). */
  generatedEnvVars?: In<In<string>[]>;
  /** Secret files, file name → content: the exact set. Secret output. */
  secretFiles?: In<Record<string, In<string>>>;
  /** Custom domain names (web services and static sites). Omit to leave domains to `CustomDomain`. */
  customDomains?: In<In<string>[]>;
  /** Project environment the service belongs to. */
  environmentId?: In<string>;
}

export interface ServiceInputs {
  type: ServiceType;
  name: string;
  region?: Region;
  plan?: ServicePlan;
  runtime?: ServiceRuntime;
  repo?: string;
  branch?: string;
  rootDir?: string;
  image?: string;
  registryCredentialId?: string;
  buildCommand?: string;
  startCommand?: string;
  preDeployCommand?: string;
  dockerCommand?: string;
  dockerfilePath?: string;
  dockerContext?: string;
  healthCheckPath?: string;
  numInstances?: number;
  autoscaling?: ServiceAutoscaling;
  publishPath?: string;
  headers?: StaticHeader[];
  routes?: StaticRoute[];
  schedule?: string;
  autoDeploy: boolean;
  envVars: Record<string, string>;
  generatedEnvVars: string[];
  secretFiles: Record<string, string>;
  customDomains?: string[];
  environmentId?: string;
}

export interface ServiceOutputs extends ServiceInputs {
  ownerId: string;
  slug: string;
  /** Public URL (`https://<slug>.onrender.com`) for web services and static sites; `<slug>:<port>` for
   *  private services; empty for workers and cron jobs. */
  url: string;
  /** Hostname on Render's private network (the slug). */
  host: string;
  dashboardUrl: string;
  /** Values Render generated for `generatedEnvVars`, kept from creation on. Secret. */
  generatedEnvVarValues: Record<string, string>;
  /** Id of the disk attached to the service, if any (managed by `Disk`). */
  diskId?: string;
}

// ---------------------------------------------------------------------------------------------------------
// Disk

export interface DiskArgs {
  /** Owning service (web, private service or worker on a paid plan); create-only. */
  serviceId: In<string>;
  name: In<string>;
  /** Absolute mount path, e.g. `/opt/render/project/src/data`. */
  mountPath: In<string>;
  /** Size in GB (default 1); can only grow. */
  sizeGB?: In<number>;
}

export interface DiskInputs { serviceId: string; name: string; mountPath: string; sizeGB: number }

export type DiskOutputs = DiskInputs;

// ---------------------------------------------------------------------------------------------------------
// Postgres

export interface PostgresArgs {
  name: In<string>;
  /** Instance type (default `basic_256mb`). */
  plan?: In<PostgresPlan>;
  /** Region (default `oregon`); create-only. */
  region?: In<Region>;
  /** Major version as a string, "11"–"18" (default "16"); create-only. */
  version?: In<string>;
  /** Database name (Render appends a random suffix); create-only. Default: chosen by Render. */
  databaseName?: In<string>;
  /** Database user; create-only. Default: chosen by Render. */
  databaseUser?: In<string>;
  /** Storage in GB: 1 or a multiple of 5; can only grow. Default: the plan's size, chosen by Render. */
  diskSizeGB?: In<number>;
  /** Standby in another zone (pro / accelerated plans, version ≥ 13). Default false. */
  highAvailability?: In<boolean>;
  /** False refuses a change of a create-only field (region, version, databaseName, databaseUser), which would
   *  replace the database with a new, empty one. Default: not checked (the replacement shows in preview). */
  allowReplace?: In<boolean>;
  /** Read replica names (default none; not on the free or legacy starter plan). */
  readReplicas?: In<In<string>[]>;
  /** Who may connect from outside Render (default: everyone, `0.0.0.0/0`). `[]` = private network only. */
  ipAllowList?: In<In<IpAllowEntry>[]>;
  environmentId?: In<string>;
}

export interface PostgresInputs {
  name: string;
  plan: PostgresPlan;
  region: Region;
  version: string;
  databaseName?: string;
  databaseUser?: string;
  diskSizeGB?: number;
  highAvailability: boolean;
  /** See PostgresArgs.allowReplace. */
  allowReplace?: boolean;
  readReplicas: string[];
  ipAllowList: IpAllowEntry[];
  environmentId?: string;
}

export interface PostgresOutputs extends PostgresInputs {
  /** The real database name and user (Render suffixes the name). */
  databaseName: string;
  databaseUser: string;
  diskSizeGB: number;
  status: string;
  dashboardUrl: string;
  /** Private-network hostname (the database id). */
  host: string;
  /** Read replica name → id. */
  readReplicaIds: Record<string, string>;
  /** Secrets. */
  password: string;
  internalConnectionString: string;
  externalConnectionString: string;
}

// ---------------------------------------------------------------------------------------------------------
// Key Value (Redis-compatible)

export interface KeyValueArgs {
  name: In<string>;
  /** Instance type (default `starter`). */
  plan?: In<KeyValuePlan>;
  /** Region (default `oregon`); create-only. */
  region?: In<Region>;
  /** Eviction policy (default `allkeys_lru`). */
  maxmemoryPolicy?: In<MaxmemoryPolicy>;
  /** False refuses a region change, which would replace the instance with a new, empty one.
   *  Default: not checked (the replacement shows in preview). */
  allowReplace?: In<boolean>;
  /** Who may connect from outside Render (default `[]`: private network only). */
  ipAllowList?: In<In<IpAllowEntry>[]>;
  environmentId?: In<string>;
}

export interface KeyValueInputs {
  name: string;
  plan: KeyValuePlan;
  region: Region;
  maxmemoryPolicy: MaxmemoryPolicy;
  /** See KeyValueArgs.allowReplace. */
  allowReplace?: boolean;
  ipAllowList: IpAllowEntry[];
  environmentId?: string;
}

export interface KeyValueOutputs extends KeyValueInputs {
  status: string;
  /** Private-network hostname (the instance id). */
  host: string;
  /** Secrets (the external one carries the password). */
  internalConnectionString: string;
  externalConnectionString: string;
}

// ---------------------------------------------------------------------------------------------------------
// References: read-only views of what Render computed for a resource, keyed by its id alone. An update keeps
// the id, so during an update's preview these stay known and unchanged, where the resource's own computed
// outputs would turn unknown.

export interface PostgresConnectionArgs { postgresId: In<string> }
export interface PostgresConnectionInputs { postgresId: string }
export interface PostgresConnectionOutputs extends PostgresConnectionInputs {
  /** Private-network hostname, port, user and the real database name (with Render's suffix). */
  host: string;
  port: number;
  user: string;
  database: string;
  /** Hostname and port of the public (TLS) endpoint. */
  externalHost: string;
  externalPort: number;
  /** Secrets. */
  password: string;
  internalConnectionString: string;
  externalConnectionString: string;
}

export interface KeyValueConnectionArgs { keyValueId: In<string> }
export interface KeyValueConnectionInputs { keyValueId: string }
export interface KeyValueConnectionOutputs extends KeyValueConnectionInputs {
  /** Private-network hostname and port. */
  host: string;
  port: number;
  /** Hostname and port of the public (TLS) endpoint. */
  externalHost: string;
  externalPort: number;
  /** Secrets (the external one carries the password). */
  internalConnectionString: string;
  externalConnectionString: string;
}

export interface ServiceEndpointArgs { serviceId: In<string> }
export interface ServiceEndpointInputs { serviceId: string }
export interface ServiceEndpointOutputs extends ServiceEndpointInputs {
  /** Public URL (web service, static site), `<slug>:<port>` (private service) or empty. */
  url: string;
  /** Hostname on Render's private network (the slug). */
  host: string;
  /** `<host>:10000`, Render's default `$PORT`. */
  hostport: string;
  slug: string;
  /** Hostname of the public URL (`<slug>.onrender.com`), empty without one: what DNS and load balancers point at. */
  onrenderHost: string;
}

// ---------------------------------------------------------------------------------------------------------
// Env group

export interface EnvGroupArgs {
  name: In<string>;
  /** Variables, key → value: the exact set. Secret output. */
  envVars?: In<Record<string, In<string>>>;
  /** Secret files, name → content: the exact set. Secret output. */
  secretFiles?: In<Record<string, In<string>>>;
  /** Services that receive the group's variables and files (the exact set of links). */
  serviceIds?: In<In<string>[]>;
  environmentId?: In<string>;
}

export interface EnvGroupInputs {
  name: string;
  envVars: Record<string, string>;
  secretFiles: Record<string, string>;
  serviceIds: string[];
  environmentId?: string;
}

export type EnvGroupOutputs = EnvGroupInputs;

// ---------------------------------------------------------------------------------------------------------
// Custom domain (standalone; a Service can also own its domains through `customDomains`)

export interface CustomDomainArgs {
  /** Web service or static site; create-only. */
  serviceId: In<string>;
  /** Domain name, e.g. `www.example.com`; create-only. */
  name: In<string>;
}

export interface CustomDomainInputs { serviceId: string; name: string }

export interface CustomDomainOutputs extends CustomDomainInputs {
  /** Render's `cdm-…` id (the resource id is `<serviceId>/<name>`, so import works without state). */
  domainId: string;
  domainType: string;
  verificationStatus: string;
  /** Companion redirect domain Render added, if any. */
  redirectForName: string;
}

// ---------------------------------------------------------------------------------------------------------
// Project and its environments

export interface ProjectEnvironmentArgs {
  name: In<string>;
  /** Default `unprotected`. */
  protectedStatus?: In<ProtectedStatus>;
  /** Default false. */
  networkIsolationEnabled?: In<boolean>;
}

export interface ProjectArgs {
  name: In<string>;
  /** Environments by name (at least one). Removing one deletes it; refused while it still holds resources. */
  environments: In<In<ProjectEnvironmentArgs>[]>;
}

export interface ProjectEnvironmentInputs {
  name: string;
  protectedStatus: ProtectedStatus;
  networkIsolationEnabled: boolean;
}

export interface ProjectInputs { name: string; environments: ProjectEnvironmentInputs[] }

export interface ProjectOutputs extends ProjectInputs {
  /** Environment name → `evm-…` id. */
  environmentIds: Record<string, string>;
}
