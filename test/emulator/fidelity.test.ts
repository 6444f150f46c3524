import { startEmulator, type EmulatorHandle } from "../../emulator/server";
import { imageServiceBody, postgresBody, webServiceBody } from "./fixtures";
import { apiClient, call } from "./http";

describe("emulator fidelity: create bodies, runtime changes, image deploys, cursors", () => {
  let emulator: EmulatorHandle;
  let api: ReturnType<typeof apiClient>;
  beforeAll(async () => {
    emulator = await startEmulator({ rateLimits: "off", timeScale: 0.001 });
    api = apiClient(emulator.apiUrl, emulator.apiKey);
  });
  afterAll(() => emulator.close());
  beforeEach(() => call(emulator.url, "POST", "/__emulator/reset"));

  it("reads empty strings and nulls in a Postgres create as unset and generates the names", async () => {
    const res = await api("POST", "/postgres", postgresBody(emulator.ownerId, {
      name: "orders", databaseName: "", databaseUser: "", readReplicas: null, environmentId: "", datadogAPIKey: null, diskSizeGB: null,
    }));
    const body = res.body as Record<string, unknown>;
    expect(res.status).toBe(201);
    expect(body.databaseName).toMatch(/^orders_[a-z0-9]{4}$/);
    expect(body.databaseUser).toBe("orders_user");
    expect(body.readReplicas).toEqual([]);
    expect(body).not.toHaveProperty("environmentId");
  });

  it("accepts Postgres parameterOverrides on create, update and replicas, and reads them back", async () => {
    const created = (await api("POST", "/postgres", postgresBody(emulator.ownerId, {
      plan: "pro_4gb", parameterOverrides: { max_connections: "200", "pg_stat_statements.track": "all" },
    }))).body as { id: string; parameterOverrides: Record<string, string> };
    expect(created.parameterOverrides).toEqual({ max_connections: "200", "pg_stat_statements.track": "all" });
    const patched = await api("PATCH", `/postgres/${created.id}`, {
      parameterOverrides: { work_mem: "8MB" }, readReplicas: [{ name: "replica", parameterOverrides: { max_connections: "50" } }],
    });
    expect(patched.status).toBe(200);
    expect((patched.body as { parameterOverrides: unknown }).parameterOverrides).toEqual({ work_mem: "8MB" });
    const read = (await api("GET", `/postgres/${created.id}`)).body as { parameterOverrides: unknown };
    const replica = (await api("GET", `/postgres/${created.id.replace(/-a$/, "-b")}`)).body as { parameterOverrides: unknown };
    expect([read.parameterOverrides, replica.parameterOverrides]).toEqual([{ work_mem: "8MB" }, { max_connections: "50" }]);
    const bad = await api("PATCH", `/postgres/${created.id}`, { parameterOverrides: { work_mem: { size: 8 } } });
    expect([bad.status, (bad.body as { message: string }).message]).toEqual([400, 'invalid parameterOverrides.work_mem {"size":8}: expected a string value such as "200"']);
    const plain = (await api("POST", "/postgres", postgresBody(emulator.ownerId, { name: "plain" }))).body as { parameterOverrides: unknown };
    expect(plain.parameterOverrides).toEqual({});
  });

  it("takes create-only Postgres fields sent again unchanged, and still refuses a change", async () => {
    const created = (await api("POST", "/postgres", postgresBody(emulator.ownerId))).body as Record<string, string>;
    const same = await api("PATCH", `/postgres/${created.id}`, { name: "db2", version: created.version, region: created.region, databaseUser: created.databaseUser, databaseName: "app" });
    const changed = await api("PATCH", `/postgres/${created.id}`, { version: "15" });
    expect([same.status, changed.status]).toEqual([200, 400]);
  });

  it("changes a service's runtime native → docker → image → native, with each runtime's envSpecificDetails", async () => {
    const created = (await api("POST", "/services", webServiceBody(emulator.ownerId, { serviceDetails: {
      runtime: "node", preDeployCommand: "npm run migrate", envSpecificDetails: { buildCommand: "npm ci", startCommand: "npm start" },
    } }))).body as { service: { id: string } };
    const id = created.service.id;
    const docker = (await api("PATCH", `/services/${id}`, { serviceDetails: { runtime: "docker", envSpecificDetails: { dockerCommand: "", dockerfilePath: "./web/Dockerfile" } } })).body as Record<string, any>;
    expect(docker.serviceDetails.runtime).toBe("docker");
    expect(docker.serviceDetails.envSpecificDetails).toEqual({ dockerCommand: "", dockerContext: ".", dockerfilePath: "./web/Dockerfile", preDeployCommand: "npm run migrate" });
    expect(docker.repo).toBe("https://github.com/render-examples/express-hello-world");

    const image = await api("PATCH", `/services/${id}`, { image: { ownerId: emulator.ownerId, imagePath: "ghcr.io/acme/web:1.2" }, serviceDetails: { runtime: "image" } });
    const imageView = image.body as Record<string, any>;
    expect(image.status).toBe(200);
    expect([imageView.serviceDetails.runtime, imageView.imagePath, imageView.repo, imageView.branch]).toEqual(["image", "ghcr.io/acme/web:1.2", undefined, undefined]);
    expect(Object.keys(imageView.serviceDetails.envSpecificDetails).sort()).toEqual(["dockerCommand", "dockerContext", "dockerfilePath", "preDeployCommand"]);
    const deploy = await api("POST", `/services/${id}/deploys`, {});
    const deployed = deploy.body as { image?: { ref: string; sha: string }; commit: unknown } | undefined;
    if (deploy.status === 201) expect(deployed!.image!.ref).toBe("ghcr.io/acme/web:1.2");
    const deploys = (await api("GET", `/services/${id}/deploys?limit=1`)).body as { deploy: { image?: { ref: string; sha: string } } }[];
    expect(deploys[0].deploy.image).toEqual({ ref: "ghcr.io/acme/web:1.2", sha: expect.stringMatching(/^sha256:[0-9a-f]{64}$/) });

    const noRepo = await api("PATCH", `/services/${id}`, { serviceDetails: { runtime: "python" } });
    expect([noRepo.status, (noRepo.body as { message: string }).message]).toEqual([400, 'repo is required when serviceDetails.runtime changes to "python"']);
    const native = (await api("PATCH", `/services/${id}`, { repo: "https://github.com/acme/web", serviceDetails: {
      runtime: "python", envSpecificDetails: { buildCommand: "pip install -r requirements.txt", startCommand: "gunicorn app:app" },
    } })).body as Record<string, any>;
    expect([native.serviceDetails.runtime, native.repo, native.branch, native.imagePath]).toEqual(["python", "https://github.com/acme/web", "main", undefined]);
    expect(native.serviceDetails.envSpecificDetails).toEqual({ buildCommand: "pip install -r requirements.txt", preDeployCommand: "npm run migrate", startCommand: "gunicorn app:app" });
    const read = (await api("GET", `/services/${id}`)).body as Record<string, any>;
    expect(read.serviceDetails.envSpecificDetails).toEqual(native.serviceDetails.envSpecificDetails);
  });

  it("deploys an image-backed service with its image, or the imageUrl asked for", async () => {
    const created = (await api("POST", "/services", imageServiceBody(emulator.ownerId, "background_worker", "worker"))).body as { service: { id: string; imagePath: string } };
    await call(emulator.url, "POST", "/__emulator/clock", { body: { advanceMs: 60_000 } });
    const deploy = await api("POST", `/services/${created.service.id}/deploys`, { imageUrl: "docker.io/library/nginx:1.27" });
    expect(deploy.status).toBe(201);
    expect((deploy.body as { image: { ref: string } }).image.ref).toBe("docker.io/library/nginx:1.27");
  });

  it("answers a cursor it never issued like the end of the list", async () => {
    await api("POST", "/services", webServiceBody(emulator.ownerId));
    for (const path of ["/services", "/postgres", "/key-value", "/projects"]) {
      const res = await api("GET", `${path}?limit=20&cursor=${encodeURIComponent("MXxzcnYtY3ZnM2ZwZGRzNzhzNzNlcTJiazA")}`);
      expect([path, res.status, res.body]).toEqual([path, 200, []]);
    }
    const first = (await api("GET", "/services?limit=1")).body as { cursor: string }[];
    expect((await api("GET", `/services?limit=1&cursor=${first[0].cursor}`)).body).toEqual([]);
  });
});
