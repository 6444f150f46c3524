import * as pulumi from "@pulumi/pulumi";
import * as render from "../../providers/render";

interface Seen { type: string; name: string; secrets: string[]; protect: boolean }

describe("Render resource classes", () => {
  const seen: Seen[] = [];
  const record: pulumi.ResourceTransformation = ({ type, name, opts }) => {
    seen.push({ type, name, secrets: (opts as pulumi.CustomResourceOptions).additionalSecretOutputs ?? [], protect: opts.protect === true });
    return undefined;
  };

  beforeAll(async () => {
    pulumi.runtime.setMocks({
      newResource: (args) => ({ id: `${args.name}-id`, state: args.inputs }),
      call: () => { throw new Error("no invokes expected"); },
    }, "render-stages", "unit");
    const opts = { transformations: [record] };
    const resources = [
      new render.Service("svc", { type: "web_service", name: "api" }, { ...opts, additionalSecretOutputs: ["url"] }),
      new render.Disk("disk", { serviceId: "srv-1", name: "data", mountPath: "/data" }, { ...opts, protect: true }),
      new render.Postgres("db", { name: "db" }, { ...opts, protect: true }),
      new render.KeyValue("cache", { name: "cache" }, opts),
      new render.EnvGroup("group", { name: "shared" }, opts),
      new render.CustomDomain("domain", { serviceId: "srv-1", name: "www.example.com" }, opts),
      new render.Project("project", { name: "shop", environments: [{ name: "production" }] }, opts),
      new render.PostgresConnection("db-connection", { postgresId: "dpg-1" }, opts),
      new render.KeyValueConnection("cache-connection", { keyValueId: "red-1" }, opts),
      new render.ServiceEndpoint("svc-endpoint", { serviceId: "srv-1" }, opts),
    ];
    await Promise.all(resources.map((r) => new Promise((resolve) => r.urn.apply(resolve))));
  });

  it("registers each class under its own type token", () => {
    expect(seen.map((s) => s.type)).toEqual(["Service", "Disk", "Postgres", "KeyValue", "EnvGroup", "CustomDomain", "Project",
      "PostgresConnection", "KeyValueConnection", "ServiceEndpoint"]
      .map((c) => `pulumi-nodejs:dynamic/render:${c}`));
  });

  it("marks every value Render returns in clear text as a secret output, keeping the caller's options", () => {
    expect(Object.fromEntries(seen.map((s) => [s.name, s.secrets]))).toEqual({
      svc: ["url", "envVars", "secretFiles", "generatedEnvVarValues"],
      disk: [],
      db: ["password", "internalConnectionString", "externalConnectionString"],
      cache: ["internalConnectionString", "externalConnectionString"],
      group: ["envVars", "secretFiles"],
      domain: [],
      project: [],
      "db-connection": ["password", "internalConnectionString", "externalConnectionString"],
      "cache-connection": ["internalConnectionString", "externalConnectionString"],
      "svc-endpoint": [],
    });
    expect(seen.filter((s) => s.protect).map((s) => s.name)).toEqual(["disk", "db"]);
  });
});
