/** Records rendered in Render's response shapes (field names and presence as in the recordings). */
import { rfc3339 } from "./clock";
import type { EmulatorContext } from "./http";
import { databaseStatus, deployTimeline } from "./lifecycle";
import type {
  CustomDomainRecord,
  DeployRecord,
  DiskRecord,
  EnvGroupRecord,
  EnvironmentRecord,
  KeyValueRecord,
  OwnerRecord,
  PostgresRecord,
  ProjectRecord,
  ServiceRecord,
  StoreData,
} from "./store";
import { ipAllowListView } from "./validate";

const DASHBOARD = "https://dashboard.render.com";

/** Blueprint-style short names used in dashboard URLs and env-group `serviceLinks`. */
export const SHORT_TYPE: Record<string, string> = {
  web_service: "web",
  private_service: "pserv",
  background_worker: "worker",
  cron_job: "cron",
  static_site: "static",
};

export function ownerView(owner: OwnerRecord): Record<string, unknown> {
  return { email: owner.email, id: owner.id, name: owner.name, type: owner.type };
}

export function diskOf(data: StoreData, serviceId: string): DiskRecord | undefined {
  return Object.values(data.disks).find((disk) => disk.serviceId === serviceId);
}

export function serviceView(service: ServiceRecord, data: StoreData): Record<string, unknown> {
  const details: Record<string, unknown> = { ...service.details };
  const disk = diskOf(data, service.id);
  if (disk) details.disk = { id: disk.id, mountPath: disk.mountPath, name: disk.name, sizeGB: disk.sizeGB };
  const view: Record<string, unknown> = {
    autoDeploy: service.autoDeploy,
    autoDeployTrigger: service.autoDeployTrigger,
  };
  if (service.branch !== undefined) view.branch = service.branch;
  if (service.buildFilter !== undefined) view.buildFilter = service.buildFilter;
  Object.assign(view, {
    createdAt: rfc3339(service.createdAt),
    dashboardUrl: `${DASHBOARD}/${SHORT_TYPE[service.type]}/${service.id}`,
  });
  if (service.environmentId !== undefined) view.environmentId = service.environmentId;
  view.id = service.id;
  if (service.imagePath !== undefined) view.imagePath = service.imagePath;
  Object.assign(view, { name: service.name, notifyOnFail: service.notifyOnFail, ownerId: service.ownerId });
  if (service.registryCredentialId !== undefined) view.registryCredential = { id: service.registryCredentialId, name: data.registryCredentials[service.registryCredentialId]?.name ?? service.registryCredentialId };
  if (service.repo !== undefined) view.repo = service.repo;
  Object.assign(view, {
    rootDir: service.rootDir,
    serviceDetails: details,
    slug: service.slug,
    suspended: service.suspended ? "suspended" : "not_suspended",
    suspenders: service.suspended ? ["user"] : [],
    type: service.type,
    updatedAt: rfc3339(service.updatedAt),
  });
  return view;
}

export function diskView(disk: DiskRecord): Record<string, unknown> {
  return {
    createdAt: rfc3339(disk.createdAt),
    id: disk.id,
    mountPath: disk.mountPath,
    name: disk.name,
    serviceId: disk.serviceId,
    sizeGB: disk.sizeGB,
    updatedAt: rfc3339(disk.updatedAt),
  };
}

export function customDomainView(domain: CustomDomainRecord, data: StoreData): Record<string, unknown> {
  const service = data.services[domain.serviceId];
  return {
    createdAt: rfc3339(domain.createdAt),
    domainType: domain.domainType,
    id: domain.id,
    name: domain.name,
    publicSuffix: domain.publicSuffix,
    redirectForName: domain.redirectForName,
    server: service ? { id: service.id, name: service.name } : undefined,
    verificationStatus: domain.verificationStatus,
  };
}

export function deployView(deploy: DeployRecord, ctx: EmulatorContext, now: number): Record<string, unknown> {
  const timeline = deployTimeline(deploy, ctx.store.data, now);
  const view: Record<string, unknown> = { id: deploy.id, commit: deploy.commit };
  if (deploy.image) view.image = deploy.image;
  Object.assign(view, { status: timeline.status, trigger: deploy.trigger, createdAt: rfc3339(deploy.createdAt), updatedAt: rfc3339(timeline.updatedAt) });
  if (timeline.startedAt !== undefined) view.startedAt = rfc3339(timeline.startedAt);
  view.finishedAt = timeline.finishedAt === undefined ? null : rfc3339(timeline.finishedAt);
  return view;
}

export function postgresView(pg: PostgresRecord, data: StoreData, now: number, status = databaseStatus(pg, now)): Record<string, unknown> {
  const owner = data.owners[pg.ownerId];
  const replicas = Object.values(data.postgres)
    .filter((other) => other.primaryId === pg.id)
    .sort((a, b) => a.seq - b.seq)
    .map((replica) => ({ id: replica.id, name: replica.name }));
  const view: Record<string, unknown> = {
    createdAt: rfc3339(pg.createdAt),
    dashboardUrl: `${DASHBOARD}/d/${pg.id}`,
    databaseName: pg.databaseName,
    databaseUser: pg.databaseUser,
    diskAutoscalingEnabled: pg.diskAutoscalingEnabled,
    diskSizeGB: pg.diskSizeGB,
  };
  if (pg.environmentId !== undefined) view.environmentId = pg.environmentId;
  if (pg.plan === "free") view.expiresAt = rfc3339(pg.createdAt + 30 * 86_400_000);
  Object.assign(view, {
    highAvailabilityEnabled: pg.highAvailabilityEnabled,
    id: pg.id,
    ipAllowList: ipAllowListView(pg.ipAllowList),
    name: pg.name,
    owner: owner ? ownerView(owner) : { id: pg.ownerId },
    parameterOverrides: { ...pg.parameterOverrides },
    plan: pg.plan,
  });
  if (pg.primaryId !== undefined) view.primaryPostgresID = pg.primaryId;
  Object.assign(view, {
    readReplicas: replicas,
    region: pg.region,
    role: pg.role,
    status,
    suspended: pg.suspended ? "suspended" : "not_suspended",
    suspenders: pg.suspended ? ["user"] : [],
    updatedAt: rfc3339(pg.updatedAt),
    version: pg.version,
  });
  return view;
}

export function keyValueView(kv: KeyValueRecord, data: StoreData, now: number, status = databaseStatus(kv, now)): Record<string, unknown> {
  const owner = data.owners[kv.ownerId];
  const view: Record<string, unknown> = { createdAt: rfc3339(kv.createdAt) };
  if (kv.environmentId !== undefined) view.environmentId = kv.environmentId;
  Object.assign(view, {
    id: kv.id,
    ipAllowList: ipAllowListView(kv.ipAllowList),
    name: kv.name,
    options: { maxmemoryPolicy: kv.maxmemoryPolicy, persistenceMode: kv.persistenceMode },
    owner: owner ? ownerView(owner) : { id: kv.ownerId },
    plan: kv.plan,
    region: kv.region,
    status,
    updatedAt: rfc3339(kv.updatedAt),
    version: "8.1.4",
  });
  return view;
}

export function envGroupMetaView(group: EnvGroupRecord, data: StoreData): Record<string, unknown> {
  const view: Record<string, unknown> = { createdAt: rfc3339(group.createdAt) };
  if (group.environmentId !== undefined) view.environmentId = group.environmentId;
  Object.assign(view, {
    id: group.id,
    name: group.name,
    ownerId: group.ownerId,
    serviceLinks: group.serviceIds
      .map((id) => data.services[id])
      .filter((service): service is ServiceRecord => service !== undefined)
      .map((service) => ({ id: service.id, name: service.name, type: SHORT_TYPE[service.type] })),
    updatedAt: rfc3339(group.updatedAt),
  });
  return view;
}

/** Vars and files newest first (cas: env_group#0, #3). */
export function envGroupView(group: EnvGroupRecord, data: StoreData): Record<string, unknown> {
  return {
    ...envGroupMetaView(group, data),
    envVars: [...group.envVars].sort((a, b) => b.seq - a.seq).map(({ key, value }) => ({ key, value })),
    secretFiles: [...group.secretFiles].sort((a, b) => b.seq - a.seq).map(({ name, content }) => ({ content, name })),
  };
}

export function projectView(project: ProjectRecord, data: StoreData): Record<string, unknown> {
  const owner = data.owners[project.ownerId];
  return {
    createdAt: rfc3339(project.createdAt),
    environmentIds: Object.values(data.environments)
      .filter((environment) => environment.projectId === project.id)
      .sort((a, b) => a.seq - b.seq)
      .map((environment) => environment.id),
    id: project.id,
    name: project.name,
    owner: owner ? ownerView(owner) : { id: project.ownerId },
    updatedAt: rfc3339(project.updatedAt),
  };
}

/** Member id lists are `null` when empty (cas: project#1). */
export function environmentView(environment: EnvironmentRecord, data: StoreData): Record<string, unknown> {
  const ids = (records: { id: string; environmentId?: string; seq: number }[]) => {
    const found = records.filter((record) => record.environmentId === environment.id).sort((a, b) => a.seq - b.seq).map((record) => record.id);
    return found.length > 0 ? found : null;
  };
  return {
    databasesIds: ids(Object.values(data.postgres)),
    envGroupIds: ids(Object.values(data.envGroups)),
    id: environment.id,
    ipAllowList: environment.ipAllowList.map((rule) => ({ ...rule })),
    name: environment.name,
    networkIsolationEnabled: environment.networkIsolationEnabled,
    projectId: environment.projectId,
    protectedStatus: environment.protectedStatus,
    redisIds: ids(Object.values(data.keyValue)),
    serviceIds: ids(Object.values(data.services)),
  };
}
