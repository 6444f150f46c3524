import { PartialCreateError } from "../../providers/render/errors";
import { readPlain } from "../helpers/readPlain";
import type { ServiceInputs, ServiceOutputs } from "../../providers/render/inputs";
import { diffService, serviceProvider } from "../../providers/render/serviceProvider";
import { checkService } from "../../providers/render/serviceCheck";
import { Harness, byRoute, emptyConfigure, startHarness } from "./harness";

/** Checked inputs, as the engine hands them to create/update. */
function checked(news: Record<string, unknown>): ServiceInputs {
  const result = checkService(news);
  if (!result.inputs) throw new Error(JSON.stringify(result.failures));
  return result.inputs;
}

/** A web service like stage 0's, with its own domain names so several can coexist. */
function webArgs(name: string): Record<string, unknown> {
  return {
    type: "web_service", name, runtime: "python", repo: "https://github.com/acme/api",
    buildCommand: "pip install -r requirements.txt", startCommand: "gunicorn app:app",
    envVars: { FLASK_ENV: "production", DATABASE_PATH: "/data" },
    generatedEnvVars: ["SECRET_KEY"],
    secretFiles: { "creds.json": "{\"k\":1}" },
    customDomains: [`www.${name}.example.com`, `${name}.example.com`],
  };
}

const writesOf = (s: { total: number; byMethod: Record<string, number> }) => s.total - s.byMethod.GET;

describe("Service provider against the emulator", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    await serviceProvider.configure(emptyConfigure);
  });
  afterAll(() => h.close());

  async function create(args: Record<string, unknown>): Promise<{ id: string; inputs: ServiceInputs; outs: ServiceOutputs }> {
    const inputs = checked(args);
    const result = await serviceProvider.create(inputs);
    return { id: result.id, inputs, outs: result.outs };
  }

  /** Runs an update the way the engine does (diff first) and returns the calls it made. */
  async function update(id: string, outs: ServiceOutputs, args: Record<string, unknown>) {
    const news = checked(args);
    expect(diffService(outs as never, news as never).changes).toBe(true);
    await h.clearRequests();
    const result = await serviceProvider.update(id, outs, news);
    return { outs: result.outs, calls: byRoute(await h.requests()) };
  }

  it("creates a web service with env vars, a secret file and two domains in three writes", async () => {
    await h.clearRequests();
    const { id, outs } = await create(webArgs("create"));
    const summary = await h.requests();
    expect(writesOf(summary)).toBe(3);
    expect(byRoute(summary)).toMatchObject({ "POST /v1/services": 1, "POST /v1/services/{serviceId}/custom-domains": 2 });

    const stored = await h.stored("services", id);
    expect(stored?.name).toBe("create");
    expect(stored?.serviceDetails).toMatchObject({ plan: "starter", region: "oregon", numInstances: 1 });
    const vars = (await h.state()).envVars.filter((v) => v.serviceId === id);
    expect(Object.fromEntries(vars.map((v) => [v.key, v.value]))).toEqual({
      FLASK_ENV: "production", DATABASE_PATH: "/data", SECRET_KEY: outs.generatedEnvVarValues.SECRET_KEY,
    });
    expect(outs.generatedEnvVarValues.SECRET_KEY).toMatch(/^[A-Za-z0-9+/=]{44}$/);
    expect(outs).toMatchObject({ name: "create", plan: "starter", region: "oregon", numInstances: 1, autoDeploy: true, host: outs.slug });
    expect(outs.url).toBe(`https://${outs.slug}.onrender.com`);
  });

  it("refreshes a web service with env vars, secret files and two domains in at most three reads", async () => {
    const { id, inputs, outs } = await create(webArgs("refresh"));
    await h.clearRequests();
    const read = await readPlain(serviceProvider, id, outs);
    const summary = await h.requests();
    expect(summary.byMethod.GET).toBeLessThanOrEqual(3);
    expect(writesOf(summary)).toBe(0);
    expect(read.inputs).toEqual(inputs);
    expect(read.props).toEqual(outs);
    expect(diffService(read.props as never, inputs as never)).toMatchObject({ changes: false });
  });

  it("imports by id with an empty state, secret files included", async () => {
    const { id, inputs } = await create(webArgs("imported"));
    const read = await readPlain(serviceProvider, id, {});
    const { generatedEnvVars, envVars, ...rest } = inputs;
    // Without state nobody knows SECRET_KEY was generated: it comes back as a plain variable.
    expect(read.inputs).toMatchObject({ ...rest, generatedEnvVars: [] });
    expect(Object.keys(read.inputs!.envVars).sort()).toEqual([...Object.keys(envVars), ...generatedEnvVars].sort());
  });

  it("reports drift made outside Pulumi in the next diff", async () => {
    const { id, inputs, outs } = await create(webArgs("drift"));
    await fetch(`${h.emulator.apiUrl}/services/${id}`, {
      method: "PATCH", headers: { authorization: `Bearer ${h.emulator.apiKey}`, "content-type": "application/json" },
      body: JSON.stringify({ serviceDetails: { plan: "standard" } }),
    });
    const read = await readPlain(serviceProvider, id, outs);
    expect(diffService(read.props as never, inputs as never)).toMatchObject({ changes: true, changed: ["plan"], replaces: [] });
  });

  it("changes one env var with one PUT and a deploy, keeping the generated value", async () => {
    const { id, outs } = await create(webArgs("env"));
    const args = { ...webArgs("env"), envVars: { FLASK_ENV: "staging", DATABASE_PATH: "/data" } };
    const { outs: after, calls } = await update(id, outs, args);
    expect(calls).toEqual({ "PUT /v1/services/{serviceId}/env-vars": 1, "POST /v1/services/{serviceId}/deploys": 1 });
    expect(after.generatedEnvVarValues).toEqual(outs.generatedEnvVarValues);
    const vars = (await h.state()).envVars.filter((v) => v.serviceId === id);
    expect(Object.fromEntries(vars.map((v) => [v.key, v.value]))).toEqual({
      FLASK_ENV: "staging", DATABASE_PATH: "/data", SECRET_KEY: outs.generatedEnvVarValues.SECRET_KEY,
    });
  });

  it("changes the plan with one PATCH and nothing else", async () => {
    const { id, outs } = await create(webArgs("plan"));
    const { outs: after, calls } = await update(id, outs, { ...webArgs("plan"), plan: "standard" });
    expect(calls).toEqual({ "PATCH /v1/services/{serviceId}": 1 });
    expect((await h.stored("services", id))?.serviceDetails.plan).toBe("standard");
    expect(after.plan).toBe("standard");
  });

  it("scales with one call and switches to autoscaling with one PUT", async () => {
    const { id, outs } = await create({ ...webArgs("scale"), plan: "standard" });
    const scaled = await update(id, outs, { ...webArgs("scale"), plan: "standard", numInstances: 3 });
    expect(scaled.calls).toEqual({ "GET /v1/services/{serviceId}": 1, "POST /v1/services/{serviceId}/scale": 1 });
    expect((await h.stored("services", id))?.serviceDetails.numInstances).toBe(3);

    const autoscaling = { minInstances: 2, maxInstances: 5, targetCPUPercent: 70 };
    const auto = await update(id, scaled.outs, { ...webArgs("scale"), plan: "standard", autoscaling });
    expect(auto.calls).toEqual({ "GET /v1/services/{serviceId}": 1, "PUT /v1/services/{serviceId}/autoscaling": 1 });
    expect((await h.stored("services", id))?.serviceDetails.autoscaling).toMatchObject({ enabled: true, min: 2, max: 5 });
    expect(auto.outs.autoscaling).toEqual(autoscaling);
    expect(auto.outs.numInstances).toBeUndefined();
  });

  it("adds and removes only the domains that differ", async () => {
    const { id, outs } = await create(webArgs("domains"));
    const args = { ...webArgs("domains"), customDomains: ["domains.example.com", "shop.domains.example.com"] };
    const { calls } = await update(id, outs, args);
    expect(calls).toEqual({
      "POST /v1/services/{serviceId}/custom-domains": 1,
      "DELETE /v1/services/{serviceId}/custom-domains/{customDomainIdOrName}": 1,
    });
    const names = (await h.state()).customDomains.filter((d) => d.serviceId === id && !d.redirectForName).map((d) => d.name);
    expect(names.sort()).toEqual(["domains.example.com", "shop.domains.example.com"]);
  });

  it("records a half-made service and finishes it on the next run instead of creating another", async () => {
    await h.fault({ method: "POST", path: "/v1/services/{serviceId}/custom-domains", status: 402, skip: 1 });
    const inputs = { ...checked(webArgs("partial")), __provider: "serialized-provider" } as ServiceInputs;
    const err = await serviceProvider.create(inputs).catch((e: unknown) => e);
    await h.clearFaults();
    expect(err).toBeInstanceOf(PartialCreateError);
    const partial = err as PartialCreateError;
    expect(partial.id).toMatch(/^srv-/);
    // Only the domain really added is recorded, so the next diff adds the other one even without a refresh.
    expect(partial.properties).toMatchObject({ name: "partial", customDomains: ["partial.example.com"], __provider: "serialized-provider" });
    expect(partial.reasons[0]).toContain("custom-domains");

    // The engine keeps the recorded properties; the next `up` diffs against them and updates.
    const recorded = partial.properties as unknown as ServiceOutputs;
    const read = await readPlain(serviceProvider, partial.id, recorded);
    const news = checked(webArgs("partial"));
    expect(diffService(read.props as never, news as never)).toMatchObject({ changes: true, changed: ["customDomains"] });
    await serviceProvider.update(partial.id, read.props as ServiceOutputs, news);
    const services = (await h.state()).services.filter((s) => s.name === "partial");
    expect(services.map((s) => s.id)).toEqual([partial.id]);
    const names = (await h.state()).customDomains.filter((d) => d.serviceId === partial.id && !d.redirectForName).map((d) => d.name);
    expect(names.sort()).toEqual(["partial.example.com", "www.partial.example.com"]);
  });

  it("deletes idempotently and reads a deleted service as gone", async () => {
    const { id, outs } = await create(webArgs("gone"));
    await serviceProvider.delete(id);
    await serviceProvider.delete(id);
    expect(await h.stored("services", id)).toBeUndefined();
    await expect(readPlain(serviceProvider, id, outs)).resolves.toEqual({ id: "" });
  });

  it("creates a static site with headers and routes and refreshes them on import", async () => {
    const args = {
      type: "static_site", name: "docs", repo: "https://github.com/acme/docs", buildCommand: "npm run build",
      publishPath: "dist", headers: [{ path: "/*", name: "X-Frame-Options", value: "DENY" }],
      routes: [{ type: "rewrite", source: "/*", destination: "/index.html" }],
    };
    const { id, inputs, outs } = await create(args);
    expect((await readPlain(serviceProvider, id, outs)).inputs).toEqual(inputs);
    // Import has no state to say which fields the user left to Render: it shows Render's values.
    expect((await readPlain(serviceProvider, id, {})).inputs).toEqual({ ...inputs, branch: "main", customDomains: [] });
  });

  it("creates a cron job and a worker with their own fields", async () => {
    const cron = await create({ type: "cron_job", name: "nightly", runtime: "node", repo: "https://github.com/acme/jobs",
      buildCommand: "npm ci", startCommand: "node nightly.js", schedule: "0 3 * * *" });
    expect((await h.stored("services", cron.id))?.serviceDetails.schedule).toBe("0 3 * * *");
    expect((await readPlain(serviceProvider, cron.id, cron.outs)).inputs).toEqual(cron.inputs);
    const worker = await create({ type: "background_worker", name: "queue", runtime: "image", image: "nginx" });
    expect((await readPlain(serviceProvider, worker.id, worker.outs)).inputs).toEqual(worker.inputs);
  });
});
