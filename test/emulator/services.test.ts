import { startEmulator, type EmulatorHandle } from "../../emulator/server";
import { webServiceBody, imageServiceBody } from "./fixtures";
import { apiClient, call } from "./http";

describe("emulator services", () => {
  let emulator: EmulatorHandle;
  let api: ReturnType<typeof apiClient>;
  beforeAll(async () => {
    emulator = await startEmulator({ seed: 3, rateLimits: "off" });
    api = apiClient(emulator.apiUrl, emulator.apiKey);
  });
  afterAll(() => emulator.close());
  beforeEach(() => call(emulator.url, "POST", "/__emulator/reset"));

  it("answers 401 with Render's message for a missing or wrong key", async () => {
    const missing = await call(emulator.apiUrl, "GET", "/services");
    const wrong = await call(emulator.apiUrl, "GET", "/services", { apiKey: "nope" });
    expect([missing.status, missing.body, wrong.status, wrong.body]).toEqual([401, { message: "unauthorized" }, 401, { message: "unauthorized" }]);
  });

  it("creates a web service with Render's defaults and the {deployId, service} envelope", async () => {
    const res = await api("POST", "/services", webServiceBody(emulator.ownerId, { serviceDetails: { runtime: "node", preDeployCommand: "migrate", envSpecificDetails: { buildCommand: "b", startCommand: "s" } } }));
    const { deployId, service } = res.body as { deployId: string; service: Record<string, any> };
    expect(res.status).toBe(201);
    expect(res.text.endsWith("}\n")).toBe(true);
    expect(res.headers["content-type"]).toBe("application/json; charset=utf-8");
    expect(deployId).toMatch(/^dep-[0-9a-v]{20}$/);
    expect(service.id).toMatch(/^srv-[0-9a-v]{20}$/);
    expect(service.slug).toMatch(/^web-[a-z0-9]{4}$/);
    expect(service.serviceDetails).toEqual({
      buildPlan: "starter",
      env: "node",
      envSpecificDetails: { buildCommand: "b", preDeployCommand: "migrate", startCommand: "s" },
      healthCheckPath: "",
      maintenanceMode: { enabled: false, uri: "" },
      maxShutdownDelaySeconds: 30,
      numInstances: 1,
      openPorts: [{ port: 10000, protocol: "TCP" }],
      plan: "starter",
      previews: { generation: "off" },
      pullRequestPreviewsEnabled: "no",
      region: "oregon",
      renderSubdomainPolicy: "enabled",
      runtime: "node",
      sshAddress: `${service.id}@ssh.oregon.render.com`,
      url: `https://${service.slug}.onrender.com`,
    });
    expect([service.suspended, service.suspenders, service.autoDeploy, service.branch]).toEqual(["not_suspended", [], "yes", "main"]);
  });

  it("normalises image paths and gives private services a host:port url", async () => {
    const res = await api("POST", "/services", imageServiceBody(emulator.ownerId, "private_service", "cache"));
    const service = (res.body as { service: Record<string, any> }).service;
    expect(service.imagePath).toBe("docker.io/library/nginx:latest");
    expect(service.serviceDetails.url).toBe(`${service.slug}:10000`);
    expect(service.serviceDetails.envSpecificDetails).toEqual({ dockerCommand: "", dockerContext: "", dockerfilePath: "" });
    expect("healthCheckPath" in service.serviceDetails).toBe(false);
    expect("repo" in service).toBe(false);
  });

  it("shapes workers, cron jobs and static sites like Render", async () => {
    const worker = await api("POST", "/services", imageServiceBody(emulator.ownerId, "background_worker", "worker"));
    const cron = await api("POST", "/services", imageServiceBody(emulator.ownerId, "cron_job", "nightly", { schedule: "0 3 * * *" }));
    const site = await api("POST", "/services", { type: "static_site", name: "site", ownerId: emulator.ownerId, repo: "https://github.com/a/b", serviceDetails: { buildCommand: "make" } });
    const details = (res: { body: unknown }) => Object.keys((res.body as { service: { serviceDetails: object } }).service.serviceDetails).sort();
    expect(details(worker)).toEqual(["buildPlan", "env", "envSpecificDetails", "maxShutdownDelaySeconds", "numInstances", "plan", "previews", "pullRequestPreviewsEnabled", "region", "runtime", "sshAddress"]);
    expect(details(cron)).toEqual(["buildPlan", "env", "envSpecificDetails", "lastSuccessfulRunAt", "plan", "region", "runtime", "schedule"]);
    expect((cron.body as { service: { id: string } }).service.id).toMatch(/^crn-[0-9a-v]{20}$/);
    expect(details(site)).toEqual(["buildCommand", "buildPlan", "previews", "publishPath", "pullRequestPreviewsEnabled", "renderSubdomainPolicy", "url"]);
    expect((site.body as { service: { serviceDetails: { publishPath: string } } }).service.serviceDetails.publishPath).toBe("public");
  });

  it("derives pullRequestPreviewsEnabled from the preview generation", async () => {
    const res = await api("POST", "/services", imageServiceBody(emulator.ownerId, "background_worker", "w", { previews: { generation: "automatic" }, pullRequestPreviewsEnabled: "no" }));
    const service = (res.body as { service: { id: string; serviceDetails: Record<string, unknown> } }).service;
    const patched = (await api("PATCH", `/services/${service.id}`, { serviceDetails: { previews: {} } })).body as { serviceDetails: Record<string, unknown> };
    expect([service.serviceDetails.previews, service.serviceDetails.pullRequestPreviewsEnabled]).toEqual([{ generation: "automatic" }, "yes"]);
    expect([patched.serviceDetails.previews, patched.serviceDetails.pullRequestPreviewsEnabled]).toEqual([{ generation: "off" }, "no"]);
  });

  test.each([
    [{ type: "web_service", name: "x" }, 400, "ownerId is required"],
    [{ serviceDetails: { runtime: "node", plan: "huge", envSpecificDetails: { buildCommand: "b", startCommand: "s" } } }, 400, 'invalid serviceDetails.plan "huge": must be one of free, starter, standard, pro, pro_plus, pro_max, pro_ultra'],
    [{ serviceDetails: { runtime: "node", region: "mars", envSpecificDetails: { buildCommand: "b", startCommand: "s" } } }, 400, 'invalid serviceDetails.region "mars": must be one of oregon, ohio, virginia, frankfurt, singapore'],
    [{ serviceDetails: { envSpecificDetails: {} } }, 400, "serviceDetails.runtime is required"],
    [{ serviceDetails: { runtime: "node", envSpecificDetails: { buildCommand: "b" } } }, 400, "serviceDetails.envSpecificDetails.startCommand is required for native runtimes"],
    [{ type: "cron_job", serviceDetails: { runtime: "node", schedule: "61 * * * *", envSpecificDetails: { buildCommand: "b", startCommand: "s" } } }, 400, 'invalid serviceDetails.schedule "61 * * * *": minute field "61" must use numbers 0-59, *, ranges (a-b), lists (a,b) or steps (*/n)'],
    [{ type: "static_site", serviceDetails: { disk: { name: "d", mountPath: "/d" } } }, 400, "serviceDetails.disk is not supported for static_site"],
    [{ serviceDetails: { runtime: "node", plan: "free", disk: { name: "d", mountPath: "/d" }, envSpecificDetails: { buildCommand: "b", startCommand: "s" } } }, 400, 'disks require a paid instance type; the plan is "free"'],
  ])("rejects %j with %i", async (overrides: Record<string, unknown>, status, message) => {
    const body = overrides.type === "web_service" ? overrides : webServiceBody(emulator.ownerId, overrides);
    const res = await api("POST", "/services", body);
    expect([res.status, res.body]).toEqual([status, { message }]);
  });

  it("refuses a second service with the same name in a workspace", async () => {
    await api("POST", "/services", webServiceBody(emulator.ownerId));
    const res = await api("POST", "/services", webServiceBody(emulator.ownerId));
    expect([res.status, res.body]).toEqual([409, { message: 'a service named "web" already exists in this workspace; service names must be unique' }]);
  });

  it("hides another owner's services behind 404", async () => {
    await call(emulator.url, "POST", "/__emulator/owners", { body: { id: "tea-other0000000000000000", apiKey: "other-key" } });
    const other = apiClient(emulator.apiUrl, "other-key");
    const created = await other("POST", "/services", webServiceBody("tea-other0000000000000000"));
    const id = (created.body as { service: { id: string } }).service.id;
    const res = await api("GET", `/services/${id}`);
    const list = await api("GET", "/services");
    const foreignCreate = await api("POST", "/services", webServiceBody("tea-other0000000000000000", { name: "sneaky" }));
    expect([created.status, res.status, res.body, list.body, foreignCreate.status]).toEqual([201, 404, { message: `not found: ${id}` }, [], 404]);
  });

  it("pages lists with limit and cursor and ends with an empty page", async () => {
    for (const name of ["a", "b", "c"]) await api("POST", "/services", webServiceBody(emulator.ownerId, { name }));
    const first = (await api("GET", "/services?limit=2")).body as { cursor: string; service: { name: string } }[];
    const second = (await api("GET", `/services?limit=2&cursor=${first[1].cursor}`)).body as { cursor: string; service: { name: string } }[];
    const end = (await api("GET", `/services?limit=2&cursor=${second[0].cursor}`)).body;
    const badLimit = await api("GET", "/services?limit=101");
    expect(first.map((item) => item.service.name)).toEqual(["c", "b"]);
    expect(second.map((item) => item.service.name)).toEqual(["a"]);
    expect(end).toEqual([]);
    expect([badLimit.status, badLimit.body]).toEqual([400, { message: 'invalid limit "101": must be an integer from 1 to 100' }]);
  });

  it("filters services by name, type and region", async () => {
    await api("POST", "/services", webServiceBody(emulator.ownerId, { name: "a" }));
    await api("POST", "/services", imageServiceBody(emulator.ownerId, "private_service", "b", { region: "frankfurt" }));
    const names = async (query: string) => ((await api("GET", `/services?${query}`)).body as { service: { name: string } }[]).map((item) => item.service.name);
    expect(await names("type=web_service,private_service")).toEqual(["b", "a"]);
    expect(await names("region=frankfurt")).toEqual(["b"]);
    expect(await names(`name=a&ownerId=${emulator.ownerId}&type=web_service`)).toEqual(["a"]);
  });

  it("patches a service in place, keeping slug and url, and rejects create-only fields", async () => {
    const created = (await api("POST", "/services", webServiceBody(emulator.ownerId))).body as { service: Record<string, any> };
    const patched = await api("PATCH", `/services/${created.service.id}`, { name: "renamed", serviceDetails: { plan: "standard", preDeployCommand: "x" } });
    const region = await api("PATCH", `/services/${created.service.id}`, { serviceDetails: { region: "ohio" } });
    const service = patched.body as Record<string, any>;
    expect([service.name, service.slug, service.serviceDetails.url, service.serviceDetails.plan, service.serviceDetails.envSpecificDetails.preDeployCommand]).toEqual([
      "renamed", created.service.slug, created.service.serviceDetails.url, "standard", "x",
    ]);
    expect(region.status).toBe(400);
  });

  it("deletes a service with everything attached to it", async () => {
    const created = (await api("POST", "/services", webServiceBody(emulator.ownerId, { envVars: [{ key: "A", value: "1" }], serviceDetails: { runtime: "node", disk: { name: "d", mountPath: "/data" }, envSpecificDetails: { buildCommand: "b", startCommand: "s" } } }))).body as { service: { id: string } };
    const deleted = await api("DELETE", `/services/${created.service.id}`);
    const state = (await call(emulator.url, "GET", "/__emulator/state")).body as Record<string, unknown[]>;
    expect([deleted.status, deleted.text, state.services, state.disks, state.envVars, state.deploys]).toEqual([204, "", [], [], [], []]);
  });
});
