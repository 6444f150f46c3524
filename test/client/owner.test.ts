import { RenderClient } from "../../providers/render/client";
import { RenderConfigError } from "../../providers/render/errors";
import { ScriptedServer, startScriptedServer } from "../helpers/scriptedServer";
import { API_KEY, clientFor, owner, webService } from "./fixtures";

const ENV_KEYS = ["RENDER_API_KEY", "RENDER_API_URL", "RENDER_OWNER_ID"] as const;

describe("RenderClient owner and settings", () => {
  let server: ScriptedServer;
  const saved: Record<string, string | undefined> = {};
  beforeEach(async () => {
    server = await startScriptedServer();
    for (const k of ENV_KEYS) {
      saved[k] = process.env[k];
      delete process.env[k];
    }
  });
  afterEach(async () => {
    for (const k of ENV_KEYS) {
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    }
    await server.close();
  });

  it("uses the only owner the key sees, asking once per client", async () => {
    server.on("GET", "/v1/owners", { body: [{ owner, cursor: "c" }] });
    const { client } = clientFor(server, { ownerId: undefined });

    expect(await client.resolveOwnerId()).toBe(owner.id);
    expect(await client.resolveOwnerId()).toBe(owner.id);
    expect(server.calls("GET", "/v1/owners")).toHaveLength(1);
  });

  it("fills ownerId of a create body with the resolved owner", async () => {
    server.on("GET", "/v1/owners", { body: [{ owner, cursor: "c" }] });
    server.on("POST", "/v1/services", { status: 201, body: { deployId: "dep-1", service: webService() } });
    const { client } = clientFor(server, { ownerId: undefined });

    await client.createService({ type: "web_service", name: "api" });

    expect(server.calls("POST", "/v1/services")[0].body).toEqual({ type: "web_service", name: "api", ownerId: owner.id });
  });

  it("lists every owner and says how to choose when there are several", async () => {
    const personal = { id: "usr-me", name: "Me", email: "me@example.com", type: "user" };
    server.on("GET", "/v1/owners", { body: [{ owner, cursor: "a" }, { owner: personal, cursor: "b" }] });
    const { client } = clientFor(server, { ownerId: undefined });

    const err = await client.resolveOwnerId().catch((e: unknown) => e);

    expect(err).toBeInstanceOf(RenderConfigError);
    expect((err as Error).message).toBe(
      `The Render API key can reach 2 workspaces: ${owner.id} ("My Workspace"), usr-me ("Me"). Choose one: export RENDER_OWNER_ID=${owner.id}`,
    );
  });

  it("takes RENDER_OWNER_ID from the environment without asking Render", async () => {
    process.env.RENDER_API_KEY = API_KEY;
    process.env.RENDER_API_URL = `${server.url}/v1`;
    process.env.RENDER_OWNER_ID = "tea-chosen";

    const client = RenderClient.fromEnv();

    expect(await client.resolveOwnerId()).toBe("tea-chosen");
    expect(server.requests).toHaveLength(0);
  });

  it("reads the environment when fromEnv is called, and the key on each request", async () => {
    server.on("GET", "/v1/services/srv-1", { body: webService() });
    process.env.RENDER_API_URL = `${server.url}/v1`;
    const client = RenderClient.fromEnv();

    await expect(client.getService("srv-1")).rejects.toThrow(
      "No Render API key: set it with `export RENDER_API_KEY=<key>` or `pulumi config set --secret renderApiKey <key>`",
    );
    expect(server.requests).toHaveLength(0);

    process.env.RENDER_API_KEY = "key-from-env";
    await client.getService("srv-1");
    expect(server.requests[0].headers.authorization).toBe("Bearer key-from-env");
  });

  it("prefers the stack config key over RENDER_API_KEY", async () => {
    server.on("GET", "/v1/services/srv-1", { body: webService() });
    process.env.RENDER_API_URL = `${server.url}/v1`;
    process.env.RENDER_API_KEY = "key-from-env";
    const config = { get: (key: string) => (key === "renderApiKey" ? "key-from-config" : undefined) };

    await RenderClient.fromConfig(config).getService("srv-1");

    expect(server.requests[0].headers.authorization).toBe("Bearer key-from-config");
  });

});
