import * as path from "path";
import { createRequire } from "module";
import * as pulumi from "@pulumi/pulumi";
import { RenderClient } from "../../providers/render/client";
import { ScriptedServer, startScriptedServer } from "../helpers/scriptedServer";
import { API_KEY, webService } from "./fixtures";

/** A provider shaped like the dynamic providers: the client is made in `configure`, never captured. */
const provider = {
  client: undefined as RenderClient | undefined,
  async configure(req: { config: { get(key: string): string | undefined } }) {
    this.client = RenderClient.fromEnv(req.config, { sleep: async () => undefined });
  },
  async read(id: string) {
    const service = await (this.client as RenderClient).getService(id);
    return { id: service.id, props: { name: service.name } };
  },
};

/** Loads serialized text the way the dynamic-provider plugin does: requires resolve from the project root. */
function load(text: string): { handler: () => typeof provider } {
  const mod = { exports: {} as Record<string, unknown> };
  const requireFromRoot = createRequire(path.join(__dirname, "..", "..", "index.js"));
  new Function("module", "exports", "require", text)(mod, mod.exports, requireFromRoot);
  return mod.exports as unknown as { handler: () => typeof provider };
}

describe("RenderClient inside a serialized provider", () => {
  let server: ScriptedServer;
  let text: string;
  beforeAll(async () => {
    server = await startScriptedServer();
    const saved = process.env.RENDER_API_KEY;
    process.env.RENDER_API_KEY = API_KEY;
    text = (await pulumi.runtime.serializeFunction(() => provider)).text;
    if (saved === undefined) delete process.env.RENDER_API_KEY;
    else process.env.RENDER_API_KEY = saved;
  });
  afterAll(() => server.close());

  it("requires axios and zod by name and carries no key or schema object", () => {
    expect(text).toMatch(/require\("axios(\/[^"]*)?"\)/);
    expect(text).toContain('require("zod")');
    expect(text).not.toContain(API_KEY);
    expect(text).not.toMatch(/ZodObject|_zod/);
    // The whole client travels with every resource's state; keep an eye on its size.
    expect(text.length).toBeLessThan(100_000);
  });

  it("runs after deserialization with the key from the configure request", async () => {
    server.on("GET", "/v1/services/srv-1", { body: webService("srv-1", "api") });
    const saved = { url: process.env.RENDER_API_URL, key: process.env.RENDER_API_KEY };
    process.env.RENDER_API_URL = `${server.url}/v1`;
    delete process.env.RENDER_API_KEY;
    try {
      const copy = load(text).handler();
      await copy.configure({ config: { get: (key) => (key === "renderApiKey" ? "config-key" : undefined) } });

      await expect(copy.read("srv-1")).resolves.toEqual({ id: "srv-1", props: { name: "api" } });
      expect(server.requests[0].headers.authorization).toBe("Bearer config-key");
    } finally {
      for (const [name, value] of [["RENDER_API_URL", saved.url], ["RENDER_API_KEY", saved.key]] as const) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
  });
});
