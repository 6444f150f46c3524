/** The full inventory for test oracles (`GET /__emulator/state`), secrets included. */
import type { EmulatorContext } from "./http";
import { customDomainView, deployView, diskView, environmentView, envGroupView, keyValueView, ownerView, postgresView, projectView, serviceView } from "./views";

export function inventory(ctx: EmulatorContext): Record<string, unknown> {
  const data = ctx.store.data;
  const now = ctx.clock.now();
  const bySeq = <T extends { seq: number }>(items: Record<string, T>) => Object.values(items).sort((a, b) => a.seq - b.seq);
  return {
    owners: Object.values(data.owners).map(ownerView),
    services: bySeq(data.services).map((service) => serviceView(service, data)),
    disks: bySeq(data.disks).map(diskView),
    postgres: bySeq(data.postgres).map((pg) => ({ ...postgresView(pg, data, now), password: pg.password })),
    keyValue: bySeq(data.keyValue).map((kv) => ({ ...keyValueView(kv, data, now), password: kv.password })),
    envGroups: bySeq(data.envGroups).map((group) => envGroupView(group, data)),
    projects: bySeq(data.projects).map((project) => projectView(project, data)),
    environments: bySeq(data.environments).map((environment) => environmentView(environment, data)),
    customDomains: bySeq(data.customDomains).map((domain) => ({ ...customDomainView(domain, data), serviceId: domain.serviceId })),
    envVars: data.envVars.map(({ serviceId, key, value }) => ({ serviceId, key, value })),
    secretFiles: data.secretFiles.map(({ serviceId, name, content }) => ({ serviceId, name, content })),
    registryCredentials: data.registryCredentials,
    webhooks: data.webhooks,
    ownerSettings: data.ownerSettings,
    logStreams: data.logStreams,
    notificationOverrides: data.notificationOverrides,
    deploys: bySeq(data.deploys).map((deploy) => ({ ...deployView(deploy, ctx, now), serviceId: deploy.serviceId })),
  };
}
