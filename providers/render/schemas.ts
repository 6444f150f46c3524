/**
 * Zod schemas of what Render sends back, and their inferred types.
 *
 * Each schema is built by a function, never held at module level: loading the module stays cheap, and code
 * that serializes the client by value with Pulumi's closure serializer does not copy a prebuilt zod tree.
 * Objects are loose (fields Render adds later are kept, never fatal); lists Render sends as `null`
 * are normalised to `[]`; required fields are the ones every recorded response carries.
 */
import { z } from "zod";

/** An array that Render may send as `null` (or omit); always `[]` after parsing. */
function list<T extends z.ZodType>(item: T) {
  return z.array(item).nullish().transform((v): z.output<T>[] => v ?? []);
}

const str = () => z.string();
const optStr = () => z.string().nullish();

export function ownerSchema() {
  return z.looseObject({ id: str(), name: str(), email: optStr(), type: str() });
}

/** The owner embedded in Postgres, Key Value and project bodies: only the id matters there. */
function ownerRefSchema() {
  return z.looseObject({ id: str(), name: optStr(), email: optStr(), type: optStr() });
}

function serviceDiskSchema() {
  return z.looseObject({ id: str(), name: str(), sizeGB: z.number(), mountPath: str() });
}

export function autoscalingSchema() {
  const criterion = () => z.looseObject({ enabled: z.boolean(), percentage: z.number() });
  return z.looseObject({
    enabled: z.boolean(),
    min: z.number(),
    max: z.number(),
    criteria: z.looseObject({ cpu: criterion(), memory: criterion() }),
  });
}

function envSpecificDetailsSchema() {
  return z.looseObject({
    buildCommand: optStr(), startCommand: optStr(), preDeployCommand: optStr(),
    dockerCommand: optStr(), dockerContext: optStr(), dockerfilePath: optStr(), registryCredentialId: optStr(),
  }).nullish();
}

/** Fields shared by the details of web services, private services and background workers. */
function runningDetails() {
  return {
    runtime: str(), env: optStr(), plan: str(), region: str(), numInstances: z.number(),
    envSpecificDetails: envSpecificDetailsSchema(),
    disk: serviceDiskSchema().nullish(),
    autoscaling: autoscalingSchema().nullish(),
    buildPlan: optStr(), sshAddress: optStr(), maxShutdownDelaySeconds: z.number().nullish(),
    previews: z.looseObject({ generation: optStr() }).nullish(),
  };
}

function openPorts() {
  return list(z.looseObject({ port: z.number(), protocol: str() }));
}

function webServiceDetailsSchema() {
  return z.looseObject({
    ...runningDetails(),
    url: str(),
    healthCheckPath: optStr(),
    openPorts: openPorts(),
    maintenanceMode: z.looseObject({ enabled: z.boolean(), uri: optStr() }).nullish(),
    renderSubdomainPolicy: optStr(),
  });
}

function privateServiceDetailsSchema() {
  return z.looseObject({ ...runningDetails(), url: str(), openPorts: openPorts() });
}

function backgroundWorkerDetailsSchema() {
  return z.looseObject(runningDetails());
}

function cronJobDetailsSchema() {
  return z.looseObject({
    runtime: str(), env: optStr(), plan: str(), region: str(), schedule: str(),
    envSpecificDetails: envSpecificDetailsSchema(), buildPlan: optStr(), lastSuccessfulRunAt: optStr(),
  });
}

function staticSiteDetailsSchema() {
  return z.looseObject({
    buildCommand: str(), publishPath: str(), url: str(), buildPlan: optStr(),
    previews: z.looseObject({ generation: optStr() }).nullish(), renderSubdomainPolicy: optStr(),
  });
}

function serviceBase() {
  return {
    id: str(), name: str(), ownerId: str(), slug: str(),
    repo: optStr(), branch: optStr(), autoDeploy: optStr(), autoDeployTrigger: optStr(),
    buildFilter: z.looseObject({ paths: list(str()), ignoredPaths: list(str()) }).nullish(),
    rootDir: optStr(), imagePath: optStr(), dashboardUrl: optStr(), notifyOnFail: optStr(),
    registryCredential: z.looseObject({ id: str() }).nullish(),
    environmentId: optStr(), suspended: str(), suspenders: list(str()),
    createdAt: str(), updatedAt: str(),
  };
}

/** A service; `serviceDetails` is typed by `type` (narrow on `service.type`). */
export function serviceSchema() {
  const variant = <T extends string, D extends z.ZodType>(type: T, details: D) =>
    z.looseObject({ ...serviceBase(), type: z.literal(type), serviceDetails: details });
  return z.discriminatedUnion("type", [
    variant("web_service", webServiceDetailsSchema()),
    variant("private_service", privateServiceDetailsSchema()),
    variant("background_worker", backgroundWorkerDetailsSchema()),
    variant("cron_job", cronJobDetailsSchema()),
    variant("static_site", staticSiteDetailsSchema()),
  ]);
}

export function createServiceResponseSchema() {
  return z.looseObject({ deployId: optStr(), service: serviceSchema() });
}

/** A static site's response header rule. */
export function headerSchema() {
  return z.looseObject({ id: optStr(), path: str(), name: str(), value: str() });
}

/** A static site's redirect or rewrite rule. */
export function routeSchema() {
  return z.looseObject({ id: optStr(), type: z.enum(["redirect", "rewrite"]), source: str(), destination: str(), priority: z.number().nullish() });
}

export function deploySchema() {
  return z.looseObject({
    id: str(), status: str(), trigger: optStr(),
    commit: z.looseObject({ id: optStr(), message: optStr(), createdAt: optStr() }).nullish(),
    image: z.looseObject({ ref: optStr(), sha: optStr() }).nullish(),
    createdAt: str(), updatedAt: optStr(), startedAt: optStr(), finishedAt: optStr(),
  });
}

export function envVarSchema() {
  return z.looseObject({ key: str(), value: str() });
}

export function secretFileSchema() {
  return z.looseObject({ name: str(), content: str() });
}

export function customDomainSchema() {
  return z.looseObject({
    id: str(), name: str(), domainType: str(), publicSuffix: optStr(),
    redirectForName: optStr(), verificationStatus: str(), createdAt: str(),
    server: z.looseObject({ id: optStr(), name: optStr() }).nullish(),
  });
}

export function diskSchema() {
  return z.looseObject({
    id: str(), name: str(), sizeGB: z.number(), mountPath: str(), serviceId: str(),
    createdAt: optStr(), updatedAt: optStr(),
  });
}

function ipAllowList() {
  return list(z.looseObject({ cidrBlock: str(), description: optStr() }));
}

export function postgresSchema() {
  return z.looseObject({
    id: str(), name: str(), owner: ownerRefSchema(), plan: str(), region: str(), version: str(), status: str(),
    role: optStr(), primaryPostgresID: optStr(),
    databaseName: str(), databaseUser: str(), diskSizeGB: z.number().nullish(),
    diskAutoscalingEnabled: z.boolean().nullish(), highAvailabilityEnabled: z.boolean().nullish(),
    readReplicas: list(z.looseObject({ id: str(), name: str() })),
    ipAllowList: ipAllowList(), environmentId: optStr(), dashboardUrl: optStr(),
    suspended: optStr(), suspenders: list(str()), createdAt: str(), updatedAt: str(),
  });
}

export function postgresConnectionInfoSchema() {
  return z.looseObject({
    password: str(), internalConnectionString: str(), externalConnectionString: str(), psqlCommand: str(),
  });
}

export function keyValueSchema() {
  return z.looseObject({
    id: str(), name: str(), owner: ownerRefSchema(), plan: str(), region: str(), status: str(),
    version: optStr(),
    options: z.looseObject({ maxmemoryPolicy: optStr(), persistenceMode: optStr() }).nullish(),
    ipAllowList: ipAllowList(), environmentId: optStr(), dashboardUrl: optStr(),
    createdAt: str(), updatedAt: str(),
  });
}

export function keyValueConnectionInfoSchema() {
  return z.looseObject({ internalConnectionString: str(), externalConnectionString: str(), cliCommand: str() });
}

function envGroupMetaFields() {
  return {
    id: str(), name: str(), ownerId: str(), environmentId: optStr(),
    serviceLinks: list(z.looseObject({ id: str(), name: optStr(), type: optStr() })),
    createdAt: str(), updatedAt: str(),
  };
}

/** An env group as listed by `GET /env-groups` (no vars, no files). */
export function envGroupMetaSchema() {
  return z.looseObject(envGroupMetaFields());
}

export function envGroupSchema() {
  return z.looseObject({
    ...envGroupMetaFields(),
    envVars: list(envVarSchema()),
    secretFiles: list(secretFileSchema()),
  });
}

export function projectSchema() {
  return z.looseObject({
    id: str(), name: str(), owner: ownerRefSchema().nullish(), environmentIds: list(str()),
    createdAt: str(), updatedAt: str(),
  });
}

export function environmentSchema() {
  return z.looseObject({
    id: str(), name: str(), projectId: str(), protectedStatus: str(), networkIsolationEnabled: z.boolean(),
    serviceIds: list(str()), databasesIds: list(str()), redisIds: list(str()), envGroupIds: list(str()),
    ipAllowList: ipAllowList(),
  });
}

export type Owner = z.output<ReturnType<typeof ownerSchema>>;
export type Service = z.output<ReturnType<typeof serviceSchema>>;
export type ServiceType = Service["type"];
export type ServiceOfType<T extends ServiceType> = Extract<Service, { type: T }>;
export type Autoscaling = z.output<ReturnType<typeof autoscalingSchema>>;
export type Header = z.output<ReturnType<typeof headerSchema>>;
export type Route = z.output<ReturnType<typeof routeSchema>>;
export type Deploy = z.output<ReturnType<typeof deploySchema>>;
export type EnvVar = z.output<ReturnType<typeof envVarSchema>>;
export type SecretFile = z.output<ReturnType<typeof secretFileSchema>>;
export type CustomDomain = z.output<ReturnType<typeof customDomainSchema>>;
export type Disk = z.output<ReturnType<typeof diskSchema>>;
export type Postgres = z.output<ReturnType<typeof postgresSchema>>;
export type PostgresConnectionInfo = z.output<ReturnType<typeof postgresConnectionInfoSchema>>;
export type KeyValue = z.output<ReturnType<typeof keyValueSchema>>;
export type KeyValueConnectionInfo = z.output<ReturnType<typeof keyValueConnectionInfoSchema>>;
export type EnvGroupMeta = z.output<ReturnType<typeof envGroupMetaSchema>>;
export type EnvGroup = z.output<ReturnType<typeof envGroupSchema>>;
export type Project = z.output<ReturnType<typeof projectSchema>>;
export type Environment = z.output<ReturnType<typeof environmentSchema>>;
