/**
 * WebApp: one Render service and, when it owns one, its persistent disk. Every stage builds its services
 * through this component, so a service and its disk keep their URNs from one stage to the next.
 */
import * as pulumi from "@pulumi/pulumi";
import { Disk } from "../providers/render/disk";
import type { ServiceArgs, ServiceType } from "../providers/render/inputs";
import { Service } from "../providers/render/service";
import type { AppSpec } from "./config";
import type { AppType, Region } from "./enums";
import { childName, WEB_APP_TYPE } from "./naming";

const API_TYPES: Record<AppType, ServiceType> = {
  web: "web_service", pserv: "private_service", worker: "background_worker", static: "static_site", cron: "cron_job",
};

export interface DiskSettings {
  /** Render disk name. */
  name: string;
  mountPath: string;
  sizeGB: number;
}

export interface WebAppArgs {
  readonly service: ServiceArgs;
  /** The disk this service owns (default none). */
  readonly disk?: DiskSettings;
  /** Protect the disk from deletion (the stack's `protectData`). */
  readonly protectDisk: boolean;
}

export class WebApp extends pulumi.ComponentResource {
  readonly service: Service;
  readonly disk: Disk | undefined;
  /** Public URL (web, static), `<host>:<port>` (private service) or empty (worker, cron). */
  readonly url: pulumi.Output<string>;
  /** Hostname on Render's private network. */
  readonly host: pulumi.Output<string>;

  constructor(name: string, args: WebAppArgs, opts?: pulumi.ComponentResourceOptions) {
    super(WEB_APP_TYPE, name, {}, opts);
    this.service = new Service(name, args.service, { parent: this });
    this.disk = args.disk
      ? new Disk(childName.disk(name), { serviceId: this.service.id, ...args.disk }, { parent: this, protect: args.protectDisk })
      : undefined;
    this.url = this.service.url;
    this.host = this.service.host;
    this.registerOutputs({ url: this.url, host: this.host });
  }
}

export interface ServiceSettings {
  /** Render service name. */
  name: string;
  region: Region;
  envVars: Record<string, pulumi.Input<string>>;
  generatedEnvVars: string[];
  /** Custom domains this copy of the service answers (only the primary copy in multi-region stacks). */
  domains: string[];
  /** Replaces the app's instance settings (a disk pins a service to one instance). */
  scaling?: Pick<AppSpec, "numInstances" | "autoscaling">;
}

/** The provider's ServiceArgs for an app: config fields map one to one, undefined ones are left out. */
export function toServiceArgs(app: AppSpec, s: ServiceSettings): ServiceArgs {
  const isStatic = app.type === "static";
  const scaling = s.scaling ?? app;
  const args: ServiceArgs = {
    type: API_TYPES[app.type],
    name: s.name,
    region: isStatic ? undefined : s.region,
    plan: app.plan,
    runtime: app.runtime,
    repo: app.repo,
    branch: app.branch,
    rootDir: app.rootDir,
    image: app.image,
    buildCommand: app.buildCommand,
    startCommand: app.startCommand,
    preDeployCommand: app.preDeployCommand,
    dockerCommand: app.dockerCommand,
    dockerfilePath: app.dockerfilePath,
    dockerContext: app.dockerContext,
    healthCheckPath: app.healthCheckPath,
    numInstances: scaling.numInstances,
    autoscaling: scaling.autoscaling,
    publishPath: app.publishPath,
    headers: app.headers,
    routes: app.routes,
    schedule: app.schedule,
    autoDeploy: app.autoDeploy,
    envVars: s.envVars,
    generatedEnvVars: s.generatedEnvVars,
    customDomains: app.type === "web" || isStatic ? s.domains : undefined,
  };
  return Object.fromEntries(Object.entries(args).filter(([, v]) => v !== undefined)) as ServiceArgs;
}
