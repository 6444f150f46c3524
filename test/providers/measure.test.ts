import * as pulumi from "@pulumi/pulumi";
it("measure", async () => {
  const sizes: Record<string, number> = {};
  pulumi.runtime.setMocks({ newResource: (a) => { sizes[a.name] = String(a.inputs.__provider).length; if (a.name === "svc") (globalThis as any).__svc = a.inputs.__provider; return { id: a.name, state: a.inputs }; }, call: () => ({}) }, "p", "s");
  const r = await import("../../providers/render");
  new r.Service("svc", { type: "web_service", name: "a" });
  new r.Disk("disk", { serviceId: "s", name: "a", mountPath: "/a" });
  new r.Postgres("pg", { name: "a" });
  new r.KeyValue("kv", { name: "a" });
  new r.EnvGroup("eg", { name: "a" });
  new r.CustomDomain("cd", { serviceId: "s", name: "a.b" });
  new r.Project("pr", { name: "a", environments: [{ name: "p" }] });
  await new Promise((res) => setTimeout(res, 3000));
  console.log(sizes); require("fs").writeFileSync("/tmp/ser/svc.js", (globalThis as any).__svc ?? "");
});
