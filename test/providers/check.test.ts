import { checkCustomDomain } from "../../providers/render/customDomainProvider";
import { checkDisk } from "../../providers/render/diskProvider";
import { checkEnvGroup } from "../../providers/render/envGroupProvider";
import { checkKeyValue } from "../../providers/render/keyValueProvider";
import { checkPostgres } from "../../providers/render/postgresProvider";
import { checkProject } from "../../providers/render/projectProvider";
import { checkService } from "../../providers/render/serviceCheck";
import { UNKNOWN } from "../../providers/render/validate";

const web = {
  type: "web_service", name: "api", runtime: "python", repo: "https://github.com/acme/api",
  buildCommand: "pip install -r requirements.txt", startCommand: "gunicorn app:app",
};
const staticSite = { type: "static_site", name: "docs", repo: "https://github.com/acme/docs", buildCommand: "npm run build" };
const cron = { ...web, type: "cron_job", schedule: "0 3 * * *" };

describe("checkService", () => {
  test.each<[string, Record<string, unknown>, { property: string; reason: string }[]]>([
    ["an unknown plan", { ...web, plan: "huge" }, [{ property: "plan", reason: '"huge" is not a Render service plan; use free, starter, standard, pro, pro_plus, pro_max or pro_ultra' }]],
    ["an unknown region", { ...web, region: "mars" }, [{ property: "region", reason: '"mars" is not a Render region; use oregon, ohio, virginia, frankfurt or singapore' }]],
    ["an unknown runtime", { ...web, runtime: "cobol" }, [{ property: "runtime", reason: '"cobol" is not a Render runtime; use node, python, ruby, go, rust, elixir, docker or image' }]],
    ["an unknown type", { ...web, type: "lambda" }, [{ property: "type", reason: '"lambda" is not a Render service type; use web_service, private_service, background_worker, static_site or cron_job' }]],
    ["zero instances", { ...web, numInstances: 0 }, [{ property: "numInstances", reason: "0 is not a whole number from 1 to 100" }]],
    ["autoscaling min above max", { ...web, autoscaling: { minInstances: 3, maxInstances: 2, targetCPUPercent: 50 } },
      [{ property: "autoscaling.minInstances", reason: "minInstances 3 > maxInstances 2; make min ≤ max" }]],
    ["autoscaling without a target", { ...web, autoscaling: { minInstances: 1, maxInstances: 2 } },
      [{ property: "autoscaling", reason: "set targetCPUPercent and/or targetMemoryPercent (1–90)" }]],
    ["autoscaling with several fixed instances", { ...web, numInstances: 2, autoscaling: { minInstances: 1, maxInstances: 3, targetCPUPercent: 60 } },
      [{ property: "numInstances", reason: "numInstances 2 conflicts with autoscaling; set one of them" }]],
    ["a four-field schedule", { ...cron, schedule: "0 3 * *" },
      [{ property: "schedule", reason: '"0 3 * *" has 4 field(s); use five (minute hour day-of-month month day-of-week), e.g. "0 3 * * *"' }]],
    ["a minute out of range", { ...cron, schedule: "61 3 * * *" },
      [{ property: "schedule", reason: '"61 3 * * *": minute field "61" is not *, a number 0–59, a range, a list or a step' }]],
    ["a cron job without a schedule", { ...web, type: "cron_job" },
      [{ property: "schedule", reason: 'required: a cron job needs a five-field schedule, e.g. "0 3 * * *"' }]],
    ["a schedule on a web service", { ...web, schedule: "0 3 * * *" },
      [{ property: "schedule", reason: "only cron jobs have a schedule (this is a web_service); remove schedule" }]],
    ["a plan and region on a static site", { ...staticSite, plan: "starter", region: "ohio" }, [
      { property: "region", reason: "static sites have no instances, plan, region or runtime; remove region" },
      { property: "plan", reason: "static sites have no instances, plan, region or runtime; remove plan" }]],
    ["headers on a web service", { ...web, headers: [] },
      [{ property: "headers", reason: "only static sites have publishPath, headers or routes (this is a web_service); remove headers" }]],
    ["a health check on a worker", { ...web, type: "background_worker", healthCheckPath: "/health" },
      [{ property: "healthCheckPath", reason: "only web services have a health check (this is a background_worker); remove healthCheckPath" }]],
    ["domains on a private service", { ...web, type: "private_service", customDomains: ["a.example.com"] },
      [{ property: "customDomains", reason: "only web services and static sites take custom domains (this is a private_service); remove customDomains" }]],
    ["the free plan on a worker", { ...web, type: "background_worker", plan: "free" },
      [{ property: "plan", reason: '"free" exists only for web services; use starter, standard, pro, pro_plus, pro_max or pro_ultra' }]],
    ["a bad env var key", { ...web, envVars: { "1BAD": "x" } },
      [{ property: 'envVars["1BAD"]', reason: 'key "1BAD" is not an env var name (letters, digits, _ . -; not starting with a digit)' }]],
    ["a non-string env var value, without echoing it", { ...web, envVars: { TOKEN: 12345 } },
      [{ property: "envVars.TOKEN", reason: "must be a string, not number" }]],
    ["a key both set and generated", { ...web, envVars: { SECRET_KEY: "x" }, generatedEnvVars: ["SECRET_KEY"] },
      [{ property: "generatedEnvVars", reason: '"SECRET_KEY" is also in envVars; list it in one of them' }]],
    ["a bad domain", { ...web, customDomains: ["not a domain"] },
      [{ property: "customDomains[0]", reason: '"not a domain" is not a lowercase domain name like www.example.com' }]],
    ["a misspelt field", { ...web, regoin: "ohio" }, [{ property: "regoin", reason: '"regoin" is not a field of this resource' }]],
    ["an image service with a repository", { ...web, runtime: "image", image: "nginx", buildCommand: undefined, startCommand: undefined },
      [{ property: "repo", reason: "runtime image deploys a prebuilt image, not a repository; remove repo" }]],
    ["a native runtime without a start command", { ...web, startCommand: undefined },
      [{ property: "startCommand", reason: 'required: runtime "python" needs a start command' }]],
  ])("rejects %s", (_what, news, failures) => {
    expect(checkService(news)).toEqual({ failures });
  });

  test.each<[string, Record<string, unknown>, Record<string, unknown>]>([
    ["a web service", web, { region: "oregon", plan: "starter", numInstances: 1, autoDeploy: true, envVars: {}, generatedEnvVars: [], secretFiles: {} }],
    ["a static site", staticSite, { publishPath: "public", headers: [], routes: [], autoDeploy: true }],
    ["a cron job (no instance count)", cron, { region: "oregon", plan: "starter" }],
    ["an autoscaled service", { ...web, autoscaling: { minInstances: 1, maxInstances: 3, targetCPUPercent: 60 } }, { plan: "starter" }],
  ])("fills Render's defaults for %s", (_what, news, defaults) => {
    const { inputs } = checkService(news);
    expect(inputs).toMatchObject({ ...news, ...defaults });
  });

  it("leaves numInstances out when autoscaling is on", () => {
    expect(checkService({ ...web, numInstances: 1, autoscaling: { minInstances: 1, maxInstances: 3, targetCPUPercent: 60 } }).inputs)
      .not.toHaveProperty("numInstances");
  });

  it("sorts domains and generated keys so order is never a change", () => {
    const { inputs } = checkService({ ...web, customDomains: ["b.example.com", "a.example.com"], generatedEnvVars: ["Z", "A"] });
    expect(inputs).toMatchObject({ customDomains: ["a.example.com", "b.example.com"], generatedEnvVars: ["A", "Z"] });
  });

  it("skips values unknown during preview instead of reporting them", () => {
    const result = checkService({ ...web, name: UNKNOWN, plan: UNKNOWN, envVars: { DATABASE_URL: UNKNOWN } });
    expect(result.failures).toBeUndefined();
    expect(result.inputs).toMatchObject({ name: UNKNOWN, plan: UNKNOWN, envVars: { DATABASE_URL: UNKNOWN } });
  });

  it("still reports known bad values next to unknown ones", () => {
    expect(checkService({ ...web, name: UNKNOWN, region: "mars" }).failures).toEqual([
      { property: "region", reason: '"mars" is not a Render region; use oregon, ohio, virginia, frankfurt or singapore' }]);
  });
});

describe("check of the other resources", () => {
  test.each<[string, () => unknown, { property: string; reason: string }[]]>([
    ["Postgres version as a number", () => checkPostgres({}, { name: "db", version: 16 }),
      [{ property: "version", reason: '16 is not a version string; use one of "11", "12", "13", "14", "15", "16", "17" or "18"' }]],
    ["an unsupported Postgres version", () => checkPostgres({}, { name: "db", version: "10" }),
      [{ property: "version", reason: '"10" is not a supported Postgres version; use "11", "12", "13", "14", "15", "16", "17" or "18"' }]],
    ["a Postgres disk of 12 GB", () => checkPostgres({}, { name: "db", diskSizeGB: 12 }),
      [{ property: "diskSizeGB", reason: "12 is not 1 or a multiple of 5" }]],
    ["HA on a basic plan and version 12", () => checkPostgres({}, { name: "db", highAvailability: true, version: "12" }), [
      { property: "highAvailability", reason: 'high availability needs a pro_* or accelerated_* plan, not "basic_256mb"' },
      { property: "highAvailability", reason: 'high availability needs version "13" or later, not "12"' }]],
    ["read replicas on the free plan", () => checkPostgres({}, { name: "db", plan: "free", readReplicas: ["r1"] }),
      [{ property: "readReplicas", reason: 'read replicas are not available on the "free" plan; use basic_*, pro_* or accelerated_*' }]],
    ["a Postgres storage shrink", () => checkPostgres({ diskSizeGB: 20 }, { name: "db", diskSizeGB: 10 }),
      [{ property: "diskSizeGB", reason: 'Postgres "db": diskSizeGB 10 < current 20; Render database storage only grows. Keep 20 or restore into a new database.' }]],
    ["an unknown maxmemory policy", () => checkKeyValue({ name: "cache", maxmemoryPolicy: "lru" }),
      [{ property: "maxmemoryPolicy", reason: '"lru" is not a maxmemory policy; use noeviction, allkeys_lfu, allkeys_lru, allkeys_random, volatile_lfu, volatile_lru, volatile_random or volatile_ttl' }]],
    ["an allow-list entry without a prefix length", () => checkKeyValue({ name: "cache", ipAllowList: [{ source: "1.2.3.4", description: "office" }] }),
      [{ property: "ipAllowList[0].source", reason: '"1.2.3.4" is not an IPv4 CIDR block like 203.0.113.0/24' }]],
    ["a relative mount path", () => checkDisk({}, { serviceId: "srv-1", name: "data", mountPath: "data" }),
      [{ property: "mountPath", reason: '"data" is not an absolute path like /var/data' }]],
    ["a disk shrink", () => checkDisk({ serviceId: "srv-1", sizeGB: 10 }, { serviceId: "srv-1", name: "data", mountPath: "/data", sizeGB: 5 }),
      [{ property: "sizeGB", reason: 'disk "data": sizeGB 5 < current 10; Render disks only grow. Keep 10 or create a new disk.' }]],
    ["an uppercase domain", () => checkCustomDomain({ serviceId: "srv-1", name: "Example.COM" }),
      [{ property: "name", reason: '"Example.COM" is not a lowercase domain name like www.example.com' }]],
    ["an env group key starting with a digit", () => checkEnvGroup({ name: "g", envVars: { "9X": "1" } }),
      [{ property: 'envVars["9X"]', reason: 'key "9X" is not an env var name (letters, digits, _ . -; not starting with a digit)' }]],
    ["a project without environments", () => checkProject({ name: "p", environments: [] }),
      [{ property: "environments", reason: 'list at least one environment, e.g. [{ name: "production" }]' }]],
  ])("rejects %s", (_what, run, failures) => {
    expect(run()).toEqual({ failures });
  });

  test.each<[string, () => { inputs?: unknown }, Record<string, unknown>]>([
    ["Postgres", () => checkPostgres({}, { name: "db" }), {
      name: "db", plan: "basic_256mb", region: "oregon", version: "16", highAvailability: false, readReplicas: [],
      ipAllowList: [{ source: "0.0.0.0/0", description: "everywhere" }] }],
    ["Key Value", () => checkKeyValue({ name: "cache" }), { name: "cache", plan: "starter", region: "oregon", maxmemoryPolicy: "allkeys_lru", ipAllowList: [] }],
    ["a disk", () => checkDisk({}, { serviceId: "srv-1", name: "data", mountPath: "/data" }), { serviceId: "srv-1", name: "data", mountPath: "/data", sizeGB: 1 }],
    ["an env group", () => checkEnvGroup({ name: "g" }), { name: "g", envVars: {}, secretFiles: {}, serviceIds: [] }],
    ["a project", () => checkProject({ name: "p", environments: [{ name: "prod" }] }),
      { name: "p", environments: [{ name: "prod", protectedStatus: "unprotected", networkIsolationEnabled: false }] }],
  ])("fills Render's defaults for %s", (_what, run, inputs) => {
    expect(run().inputs).toEqual(inputs);
  });

  it("never reports a disk's unknown service id, and skips the shrink rule until sizes are known", () => {
    expect(checkDisk({ serviceId: "srv-1", sizeGB: 10 }, { serviceId: UNKNOWN, name: "data", mountPath: "/data", sizeGB: UNKNOWN }))
      .toEqual({ inputs: { serviceId: UNKNOWN, name: "data", mountPath: "/data", sizeGB: UNKNOWN } });
  });
});
