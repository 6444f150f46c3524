/** Response bodies trimmed from recorded Render traffic, plus the client harness the client tests share. */
import { RenderClient, RenderClientOptions } from "../../providers/render/client";
import { ScriptedServer } from "../helpers/scriptedServer";

export const API_KEY = "rnd_TESTKEY_must_never_leak_0123456789";
export const OWNER_ID = "tea-owner000000000000000";

export const owner = { id: OWNER_ID, name: "My Workspace", email: "email@example.com", type: "team" };

const serviceTop = {
  autoDeploy: "yes", branch: "main", createdAt: "2024-12-02T18:24:16.047704Z", dashboardUrl: "https://dashboard.render.com/web/srv-1",
  notifyOnFail: "default", ownerId: OWNER_ID, repo: "https://github.com/render-examples/express-hello-world", rootDir: "",
  suspended: "not_suspended", suspenders: [], updatedAt: "2024-12-02T18:24:17.131053Z",
};

export function webService(id = "srv-web000000000000000000", name = "api") {
  return {
    ...serviceTop, id, name, slug: name, type: "web_service",
    serviceDetails: {
      buildPlan: "starter", disk: { id: "dsk-000000000000000000001", mountPath: "/data", name: "data", sizeGB: 1 },
      env: "node", envSpecificDetails: { buildCommand: "npm install", preDeployCommand: "", startCommand: "npm start" },
      healthCheckPath: "", maintenanceMode: { enabled: false, uri: "" }, numInstances: 1,
      openPorts: [{ port: 10000, protocol: "TCP" }], plan: "starter", previews: { generation: "off" },
      pullRequestPreviewsEnabled: "no", region: "oregon", runtime: "node", sshAddress: "srv-web@ssh.oregon.render.com",
      url: `https://${name}.onrender.com`,
    },
  };
}

export function privateService(id = "srv-prv000000000000000000") {
  return {
    ...serviceTop, id, name: "db-owner", slug: "db-owner", type: "private_service", imagePath: "docker.io/library/nginx:latest",
    serviceDetails: {
      buildPlan: "starter", disk: null, env: "image", envSpecificDetails: { dockerCommand: "", dockerContext: "", dockerfilePath: "" },
      numInstances: 1, openPorts: null, plan: "starter", region: "oregon", runtime: "image", url: "db-owner:10000",
    },
  };
}

export function backgroundWorker() {
  return {
    ...serviceTop, id: "srv-wrk000000000000000000", name: "worker", slug: "worker", type: "background_worker",
    serviceDetails: { env: "node", envSpecificDetails: { buildCommand: "npm ci", startCommand: "node worker.js" }, numInstances: 2, plan: "standard", region: "frankfurt", runtime: "node" },
  };
}

export function cronJob() {
  return {
    ...serviceTop, id: "srv-crn000000000000000000", name: "nightly", slug: "nightly", type: "cron_job",
    serviceDetails: { env: "python", envSpecificDetails: { buildCommand: "pip install -r requirements.txt", startCommand: "python job.py" }, plan: "starter", region: "ohio", runtime: "python", schedule: "0 3 * * *" },
  };
}

export function staticSite() {
  return {
    ...serviceTop, id: "srv-sta000000000000000000", name: "site", slug: "site", type: "static_site",
    serviceDetails: { buildCommand: "npm run build", publishPath: "dist", url: "https://site.onrender.com", buildPlan: "starter", previews: { generation: "off" } },
  };
}

export function postgres(status = "available") {
  return {
    createdAt: "2026-05-04T20:43:02.84289922Z", dashboardUrl: "https://dashboard.render.com/d/dpg-d7sg9ln7f7vs73d9bg5g-a",
    databaseName: "app_ehyv", databaseUser: "app", diskAutoscalingEnabled: false, diskSizeGB: 20, environmentId: "evm-1",
    highAvailabilityEnabled: false, id: "dpg-d7sg9ln7f7vs73d9bg5g-a", ipAllowList: null, name: "app-db", owner,
    plan: "basic_256mb", readReplicas: null, region: "oregon", role: "primary", status, suspended: "not_suspended",
    suspenders: [], updatedAt: "2026-05-04T20:43:02.84289922Z", version: "16",
  };
}

export const postgresConnectionInfo = {
  password: "PGPASSWORD_SECRET_abcdefghijklmn",
  internalConnectionString: "postgresql://app:PGPASSWORD_SECRET_abcdefghijklmn@dpg-d7sg9ln7f7vs73d9bg5g-a/app_ehyv",
  externalConnectionString: "postgresql://app:PGPASSWORD_SECRET_abcdefghijklmn@dpg-d7sg9ln7f7vs73d9bg5g-a.oregon-postgres.render.com:5432/app_ehyv",
  psqlCommand: "PGPASSWORD=PGPASSWORD_SECRET_abcdefghijklmn psql -h dpg-d7sg9ln7f7vs73d9bg5g-a.oregon-postgres.render.com -p 5432 -U app app_ehyv",
};

export function keyValue(status = "creating") {
  return {
    createdAt: "2026-06-09T16:25:25.48944232Z", id: "red-d8k3stdodlmc73btr2q0", ipAllowList: null, name: "cache",
    options: { maxmemoryPolicy: "allkeys_lfu", persistenceMode: "journal_snapshot" }, owner, plan: "starter",
    region: "oregon", status, updatedAt: "2026-06-09T16:25:25.48944232Z", version: "8.1.4",
  };
}

export function envGroupMeta(id: string, name: string) {
  return { id, name, ownerId: OWNER_ID, serviceLinks: [], createdAt: "2024-09-03T23:38:57.548501Z", updatedAt: "2024-09-03T23:38:57.548501Z" };
}

export function envGroup(id = "evg-crbps4bqf0us73dfggr0", name = "shared") {
  return { ...envGroupMeta(id, name), envVars: [{ key: "DEBUG", value: "false" }], secretFiles: null };
}

export function deploy(id: string, status: string, createdAt = "2024-12-02T18:24:27.608994Z") {
  return { id, commit: null, status, trigger: "api", createdAt, updatedAt: createdAt, finishedAt: null };
}

export function disk(id = "dsk-d0ibmc4fu1ps73eu3ms0", name = "data", serviceId = "srv-web000000000000000000") {
  return { createdAt: "2025-05-14T15:48:00.957276Z", id, mountPath: "/data", name, serviceId, sizeGB: 2, updatedAt: "2025-05-14T15:48:00.957276Z" };
}

export function customDomain(name: string, redirectForName = "") {
  return { createdAt: "2024-12-02T18:24:17.249914324Z", domainType: "subdomain", id: `cdm-${name.length}`, name, publicSuffix: "com", redirectForName, verificationStatus: "unverified" };
}

/** A fake clock: `sleep` records each wait and advances `now`. */
export function fakeClock() {
  const sleeps: number[] = [];
  let t = 1_700_000_000_000;
  return {
    sleeps,
    now: () => t,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      t += ms;
    },
  };
}

/** A client pointed at a scripted server, with a fake clock and jitter fixed at 0.5. */
export function clientFor(server: ScriptedServer, options: Partial<RenderClientOptions> = {}) {
  const clock = fakeClock();
  const client = new RenderClient({
    apiKey: API_KEY, baseUrl: `${server.url}/v1`, ownerId: OWNER_ID, random: () => 0.5,
    sleep: clock.sleep, now: clock.now, ...options,
  });
  return { client, clock };
}
