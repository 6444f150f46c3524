/**
 * WebApp: one Render service, the endpoint reference its dependents read its URL and hosts through, and,
 * when it owns one, its persistent disk. Every stage builds its services through this component, so a
 * service and its disk keep their URNs from one stage to the next.
 */
import * as pulumi from "@pulumi/pulumi";
import { Disk } from "../providers/render/disk";
import type { ServiceArgs, ServiceType } from "../providers/render/inputs";
import { Service } from "../providers/render/service";
import { ServiceEndpoint } from "../providers/render/serviceEndpoint";
import type { AppSpec } from "./config";
import type { AppType, Region } from "./enums";
import { childName, WEB_APP_TYPE } from "./naming";

const API_TYPES: Record<AppType, ServiceType> = {
  web: "web_service", pserv: "private_service", worker: "background_worker", static: "static_site", cron: "cron_job",
};

/** Service types with an address (a public URL or a private host); workers and cron jobs have none. */
const ADDRESSED: readonly ServiceType[] = ["web_service", "private_service", "static_site"];

export interface DiskSettings {
  /** Render disk name. */
  name: string;
  mountPath: string;
  sizeGB: number;
}

/** ServiceArgs with the type known when the program runs: it decides whether the service has an address. */
export type AppServiceArgs = ServiceArgs & { type: ServiceType };

export interface WebAppArgs {
  readonly service: AppServiceArgs;
  /** The disk this service owns (default none). */
  readonly disk?: DiskSettings;
  /** Protect the disk from deletion (the stack's `protectData`). */
  readonly protectDisk: boolean;
}

export class WebApp extends pulumi.ComponentResource {
  readonly service: Service;
  /** Reads the service's address by id, so it stays known while the service is updated (none for workers, cron jobs). */
  readonly endpoint: ServiceEndpoint | undefined;
  readonly disk: Disk | undefined;
  /** Public URL (web, static), `<host>:<port>` (private service) or empty (worker, cron). */
  readonly url: pulumi.Output<string>;
  /** Hostname on Render's private network (empty for worker, cron). */
  readonly host: pulumi.Output<string>;
  /** `<host>:<port>` on the private network (empty for worker, cron). */
  readonly hostport: pulumi.Output<string>;
  /** Hostname of the public URL, `<slug>.onrender.com` (web, static; else empty): what DNS and load balancers point at. */
  readonly onrenderHost: pulumi.Output<string>;

  constructor(name: string, args: WebAppArgs, opts?: pulumi.ComponentResourceOptions) {
    super(WEB_APP_TYPE, name, {}, opts);
    this.service = new Service(name, args.service, { parent: this });
    this.endpoint = ADDRESSED.includes(args.service.type)
      ? new ServiceEndpoint(childName.endpoint(name), { serviceId: this.service.id }, { parent: this })
      : undefined;
    this.disk = args.disk
      ? new Disk(childName.disk(name), { serviceId: this.service.id, ...args.disk }, { parent: this, protect: args.protectDisk })
      : undefined;
    const none = pulumi.output("");
    this.url = this.endpoint?.url ?? none;
    this.host = this.endpoint?.host ?? none;
    this.hostport = this.endpoint?.hostport ?? none;
    this.onrenderHost = this.endpoint?.onrenderHost ?? none;
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
export function toServiceArgs(app: AppSpec, s: ServiceSettings): AppServiceArgs {
  const isStatic = app.type === "static";
  const scaling = s.scaling ?? app;
  const args: AppServiceArgs = {
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
  return Object.fromEntries(Object.entries(args).filter(([, v]) => v !== undefined)) as AppServiceArgs;
}
