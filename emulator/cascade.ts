/** Deletions and what they take with them (a project or environment takes every resource inside it). */
import type { StoreData } from "./store";

export function deleteService(data: StoreData, id: string): void {
  delete data.services[id];
  for (const disk of Object.values(data.disks)) if (disk.serviceId === id) delete data.disks[disk.id];
  for (const domain of Object.values(data.customDomains)) if (domain.serviceId === id) delete data.customDomains[domain.id];
  for (const deploy of Object.values(data.deploys)) if (deploy.serviceId === id) delete data.deploys[deploy.id];
  data.envVars = data.envVars.filter((envVar) => envVar.serviceId !== id);
  data.secretFiles = data.secretFiles.filter((file) => file.serviceId !== id);
  for (const group of Object.values(data.envGroups)) group.serviceIds = group.serviceIds.filter((serviceId) => serviceId !== id);
  delete data.logStreams[id];
  delete data.notificationOverrides[id];
}

/** Deleting a primary deletes its read replicas. */
export function deletePostgres(data: StoreData, id: string): void {
  for (const replica of Object.values(data.postgres)) if (replica.primaryId === id) deletePostgres(data, replica.id);
  delete data.postgres[id];
  delete data.logStreams[id];
}

export function deleteKeyValue(data: StoreData, id: string): void {
  delete data.keyValue[id];
  delete data.logStreams[id];
}

export function deleteEnvironment(data: StoreData, id: string): void {
  for (const service of Object.values(data.services)) if (service.environmentId === id) deleteService(data, service.id);
  for (const pg of Object.values(data.postgres)) if (pg.environmentId === id && data.postgres[pg.id]) deletePostgres(data, pg.id);
  for (const kv of Object.values(data.keyValue)) if (kv.environmentId === id) deleteKeyValue(data, kv.id);
  for (const group of Object.values(data.envGroups)) if (group.environmentId === id) delete data.envGroups[group.id];
  delete data.environments[id];
}

export function deleteProject(data: StoreData, id: string): void {
  for (const environment of Object.values(data.environments)) if (environment.projectId === id) deleteEnvironment(data, environment.id);
  delete data.projects[id];
}
