/**
 * Builds every app of the config as WebApps for a stage: disks where placeDisks puts them (stage 1 derives
 * the private service that owns a web app's disk), env wired to the stage's data stores, regional copies at
 * stage 5 (components/regions.ts), each calling the services of its own region, env groups linked to the
 * services that list them, and the `appConfig` view.
 */
import * as pulumi from "@pulumi/pulumi";
import { EnvGroup } from "../providers/render/envGroup";
import type { AppSpec, EnvSource, SecretValues, StackConfig } from "./config";
import type { Region, Stage } from "./enums";
import { resolveEnv, type ResolvedEnv, type ServiceRefs, type WiringSources } from "./envWiring";
import { childName, renderName } from "./naming";
import { placeApps } from "./regions";
import { type DiskPlacement, placeDisks, type PreviousState } from "./statefulPlan";
import { toServiceArgs, WebApp } from "./webApp";
import { attachServiceSettings, createWorkspaceSettings, credentialOf, settingsEnv, type WorkspaceSettings } from "./workspaceSettings";

export interface StageArgs {
  readonly config: StackConfig;
  readonly secrets: SecretValues;
  /** What the previous run exported (FRESH_STACK on a new stack). */
  readonly previous: PreviousState;
}

export interface AppHandle {
  key: string;
  spec: AppSpec;
  /** Region of the primary copy. */
  region: Region;
  primary: WebApp;
  /** Stage 5 copies in other regions, by region: of a web service, and of a private service called from there. */
  regional: Partial<Record<Region, WebApp>>;
  env: ResolvedEnv;
}

export interface AppsBlock {
  apps: Record<string, AppHandle>;
  /** Private services derived at stage 1 to own a web app's disk, by app key. */
  diskServices: Record<string, WebApp>;
  disks: DiskPlacement[];
  envGroups: Record<string, EnvGroup>;
  /** Registry credentials, streams, notifications and webhooks of the workspace. */
  settings: WorkspaceSettings;
  /** App key → env var → value, as the app sees it (secrets stay secret). */
  appConfig: Record<string, Record<string, pulumi.Output<string>>>;
}

/** Apps ordered so that a `fromService` target comes before the app that references it. */
export function creationOrder(apps: Record<string, AppSpec>): string[] {
  const order: string[] = [];
  const visit = (key: string) => {
    if (order.includes(key)) return;
    for (const src of Object.values(apps[key].env)) if (src.fromService && apps[src.fromService.name]) visit(src.fromService.name);
    order.push(key);
  };
  Object.keys(apps).forEach(visit);
  return order;
}

/** Stage 2 wires DATABASE_URL and stage 3 REDIS_URL into every service that does not set them itself. */
export function stageEnv(app: AppSpec, stage: Stage): Record<string, EnvSource> {
  if (app.type === "static") return app.env;
  const auto: Record<string, EnvSource> = {};
  if (stage >= 2) auto.DATABASE_URL = { fromDatabase: { property: "connectionString" } };
  if (stage >= 3) auto.REDIS_URL = { fromKeyValue: { property: "connectionString" } };
  for (const key of Object.keys(app.secretEnv)) delete auto[key];
  return { ...auto, ...app.env };
}

/** The private service that takes a web app's disk at stage 1: the app's build, its own start command. */
export function diskServiceSpec(app: AppSpec): AppSpec {
  const ps = app.disk!.privateService;
  const plainEnv = Object.fromEntries(Object.entries(app.env).filter(([, s]) => s.value !== undefined));
  return {
    ...app, type: "pserv", name: undefined, domains: [], disk: undefined, healthCheckPath: undefined,
    numInstances: undefined, autoscaling: undefined, preDeployCommand: undefined, envGroups: [], secretEnv: {},
    runtime: ps.runtime ?? app.runtime, plan: ps.plan ?? app.plan,
    buildCommand: ps.buildCommand ?? app.buildCommand, startCommand: ps.startCommand ?? app.startCommand,
    env: { ...plainEnv, ...Object.fromEntries(Object.entries(ps.env).map(([k, v]) => [k, { value: v }])) },
  };
}

function diskOf(config: StackConfig, serviceName: string, placement: DiskPlacement | undefined) {
  const disk = placement && config.apps[placement.sourceApp].disk;
  if (!disk) return undefined;
  return { name: renderName.disk(serviceName, disk.name), mountPath: disk.mountPath, sizeGB: disk.sizeGB };
}

function createDiskServices(parent: pulumi.Resource, name: string, config: StackConfig, disks: DiskPlacement[], wiring: WiringSources): Record<string, WebApp> {
  const services: Record<string, WebApp> = {};
  for (const placement of disks.filter((d) => d.derived)) {
    const source = config.apps[placement.sourceApp];
    const spec = diskServiceSpec(source);
    const serviceName = renderName.service(config, placement.ownerKey, {});
    const env = resolveEnv(`apps.${placement.sourceApp}.disk.privateService`, spec.env, {}, wiring);
    services[placement.ownerKey] = new WebApp(childName.app(name, placement.ownerKey), {
      service: toServiceArgs(spec, { name: serviceName, region: source.region ?? config.region, envVars: env.envVars, generatedEnvVars: [], domains: [] }),
      disk: diskOf(config, serviceName, placement),
      protectDisk: config.protectData,
    }, { parent });
  }
  return services;
}

function createEnvGroups(parent: pulumi.Resource, name: string, config: StackConfig, secrets: SecretValues, apps: AppHandle[]): Record<string, EnvGroup> {
  const groups: Record<string, EnvGroup> = {};
  for (const [group, spec] of Object.entries(config.envGroups)) {
    // Sorted by app key and region, so reordering apps in config does not reorder the links.
    const members = apps.filter((h) => h.spec.envGroups.includes(group))
      .sort((a, b) => a.key.localeCompare(b.key))
      .flatMap((h) => [h.primary, ...Object.keys(h.regional).sort().map((r) => h.regional[r as Region]!)]);
    const envVars: Record<string, pulumi.Input<string>> = Object.fromEntries(Object.entries(spec.env).map(([k, v]) => [k, String(v)]));
    for (const [k, configKey] of Object.entries(spec.secretEnv)) envVars[k] = secrets[configKey];
    groups[group] = new EnvGroup(childName.envGroup(name, group), {
      name: renderName.envGroup(config, group, spec.name), envVars, serviceIds: members.map((m) => m.service.id),
    }, { parent });
  }
  return groups;
}

export function createApps(parent: pulumi.Resource, name: string, stage: Stage, args: StageArgs, sources: Omit<WiringSources, "services" | "secrets" | "network">): AppsBlock {
  const { config, secrets } = args;
  const disks = placeDisks(config, name, stage, args.previous);
  const wiring: WiringSources = { ...sources, services: {}, secrets, network: "internal" };
  const diskServices = createDiskServices(parent, name, config, disks, wiring);
  const settings = createWorkspaceSettings(parent, name, config, secrets);
  const apps: Record<string, AppHandle> = {};
  const dbRegion = config.database.region ?? config.region;
  const { copies } = placeApps({ stage, region: config.region, regions: config.multiRegion?.regions ?? [], apps: config.apps });
  /** Region → app key → the copy of that app there: a service calls the one in its own region. */
  const copiesIn: Record<string, Record<string, ServiceRefs>> = {};
  /** Wiring for a service in `region`: Postgres and Key Value over their public endpoints outside their region. */
  const wiringIn = (region: Region): WiringSources => ({
    ...wiring, services: { ...wiring.services, ...copiesIn[region] }, network: region === dbRegion ? "internal" : "external",
  });
  for (const key of creationOrder(config.apps)) {
    const app = config.apps[key];
    const serviceName = renderName.service(config, key, app);
    const region = app.region ?? config.region;
    const appEnv = stageEnv(app, stage);
    const env = resolveEnv(`apps.${key}`, appEnv, app.secretEnv, wiringIn(region));
    const diskService = stage === 1 && app.disk ? diskServices[app.disk.privateService.name] : undefined;
    if (diskService) env.envVars[app.disk!.privateService.urlEnvVar] = pulumi.interpolate`http://${diskService.hostport}`;
    Object.assign(env.envVars, settingsEnv(settings, config, key));
    const credential = credentialOf(settings, app);
    const registryCredentialId = credential ? { registryCredentialId: credential } : {};
    const primary = new WebApp(childName.app(name, key), {
      service: { ...toServiceArgs(app, { name: serviceName, region, envVars: env.envVars, generatedEnvVars: env.generated, domains: app.domains }), ...registryCredentialId },
      disk: diskOf(config, serviceName, disks.find((d) => !d.derived && d.ownerKey === key)),
      protectDisk: config.protectData,
    }, { parent });
    attachServiceSettings(parent, childName.app(name, key), app, primary.service.id, secrets);
    const regional: Partial<Record<Region, WebApp>> = {};
    for (const r of copies[key] as Region[]) {
      const copyEnv = resolveEnv(`apps.${key}`, appEnv, app.secretEnv, wiringIn(r));
      Object.assign(copyEnv.envVars, settingsEnv(settings, config, key));
      const copy = new WebApp(childName.regionalApp(name, key, r), {
        service: { ...toServiceArgs(app, { name: `${serviceName}-${r}`, region: r, envVars: copyEnv.envVars, generatedEnvVars: copyEnv.generated, domains: [] }), ...registryCredentialId },
        protectDisk: config.protectData,
      }, { parent });
      attachServiceSettings(parent, childName.regionalApp(name, key, r), app, copy.service.id, secrets);
      regional[r] = copy;
      (copiesIn[r] ??= {})[key] = refsOf(copy);
    }
    wiring.services[key] = refsOf(primary);
    apps[key] = { key, spec: app, region, primary, regional, env };
  }
  const envGroups = createEnvGroups(parent, name, config, secrets, Object.values(apps));
  const appConfig = Object.fromEntries(Object.values(apps).map((h) => [h.key, appConfigOf(config, secrets, h)]));
  return { apps, diskServices, disks, envGroups, settings, appConfig };
}

function refsOf(app: WebApp): ServiceRefs {
  return { host: app.host, hostport: app.hostport, url: app.url };
}

/** What one app sees: its groups' vars, then its own (Render lets a service's var win over a group's). */
function appConfigOf(config: StackConfig, secrets: SecretValues, h: AppHandle): Record<string, pulumi.Output<string>> {
  const out: Record<string, pulumi.Output<string>> = {};
  for (const group of h.spec.envGroups) {
    const spec = config.envGroups[group];
    for (const [k, v] of Object.entries(spec.env)) out[k] = pulumi.output(String(v));
    for (const [k, configKey] of Object.entries(spec.secretEnv)) out[k] = secrets[configKey];
  }
  for (const [k, v] of Object.entries(h.env.envVars)) out[k] = pulumi.output(v);
  for (const k of h.env.generated) out[k] = pulumi.secret(h.primary.service.generatedEnvVarValues.apply((g) => g?.[k] ?? ""));
  return out;
}
