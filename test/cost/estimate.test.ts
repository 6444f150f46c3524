import { readStackConfig } from "../../cost/readStack";
import { estimateCost } from "../../cost/estimate";
import { loadPriceCatalog, parsePriceCatalog } from "../../cost/catalog";
import { compareConfigs } from "../../cost/delta";
import { CostError } from "../../cost/estimate";

const prices = loadPriceCatalog();
const dev = (stage: number) => readStackConfig("dev", { stage });
const summary = (stage: number) => estimateCost(dev(stage), prices).lines.map((l) => [l.resource, l.plan, l.monthly]);

describe("estimateCost on Pulumi.dev.yaml (QRCards)", () => {
  test.each([
    [0, 9.5], [1, 16.5], [2, 14], [3, 24], [4, 29], [5, 199],
  ])("stage %i costs %d a month", (stage, total) => {
    const est = estimateCost(dev(stage), prices);
    expect(est.total).toBe(total);
    expect(est.currency).toBe("USD");
  });

  it("bills a starter web service and a 10 GB disk at stage 0", () => {
    expect(summary(0)).toEqual([["apps.web", "starter", 7], ["apps.web.disk", "10 GB", 2.5]]);
  });

  it("adds the private service that owns the disk at stage 1", () => {
    expect(summary(1)).toEqual([
      ["apps.web", "starter", 7], ["apps.web.disk.privateService", "starter", 7], ["apps.web.disk", "10 GB", 2.5],
    ]);
  });

  it("replaces the disk by Postgres starter at stage 2 and adds Key Value at stage 3", () => {
    expect(summary(2)).toEqual([["apps.web", "starter", 7], ["database", "starter", 7]]);
    expect(summary(3)).toEqual([["apps.web", "starter", 7], ["database", "starter", 7], ["cache", "starter", 10]]);
  });

  it("prices stage 5 with a web copy per region, an HA standby, a replica and the load balancer", () => {
    expect(summary(5)).toEqual([
      ["apps.web", "starter", 7], ["apps.web@virginia", "starter", 7],
      ["database", "pro_4gb", 55], ["database.standby", "pro_4gb", 55], ["database.readReplicas.replica", "pro_4gb", 55],
      ["cache", "starter", 10], ["storage", "spaces", 5], ["cloudflare", "free", 0], ["cloudflare.loadBalancer", "load balancing", 5],
    ]);
  });

  it("bills an HA standby and each read replica like the primary, storage included", () => {
    const config = readStackConfig("dev", { stage: 2, database: { name: "db", plan: "pro_4gb", version: "16", diskSizeGB: 20, highAvailability: true, readReplicas: ["r1", "r2"] } });
    // pro_4gb $55 + 20 GB × $0.30 = $61 per instance: primary, standby and two replicas.
    expect(estimateCost(config, prices).lines.filter((l) => l.resource.startsWith("database")).map((l) => [l.resource, l.kind, l.monthly])).toEqual([
      ["database", "postgres", 61], ["database.standby", "postgres HA standby", 61],
      ["database.readReplicas.r1", "postgres read replica", 61], ["database.readReplicas.r2", "postgres read replica", 61],
    ]);
    expect(estimateCost(config, prices).total).toBe(251);
  });

  it("bills neither standby nor replicas when the database has none", () => {
    const config = readStackConfig("dev", { stage: 2, database: { name: "db", plan: "basic_1gb", version: "16", diskSizeGB: 10 } });
    expect(estimateCost(config, prices).lines.filter((l) => l.resource.startsWith("database")).map((l) => [l.resource, l.monthly]))
      .toEqual([["database", 22]]);
  });

  it("keeps billing a disk the stack already had until allowDataLoss.disk lets it go", () => {
    const previous = { stage: 0, statefulResources: [{ kind: "disk" as const, name: "qrcards-dev-web-disk" }] };
    const kept = estimateCost(dev(2), prices, { previous });
    expect(kept.total).toBe(16.5);
    expect(kept.lines.find((l) => l.resource === "apps.web.disk")).toEqual({
      resource: "apps.web.disk", kind: "disk 10 GB", plan: "10 GB", monthly: 2.5,
      note: "kept from an earlier stage until allowDataLoss.disk is true",
    });
    const released = readStackConfig("dev", { stage: 2, allowDataLoss: { disk: true } });
    expect(estimateCost(released, prices, { previous }).total).toBe(14);
  });

  it("returns { total, currency, lines: [{ resource, plan, monthly }] }", () => {
    const est = estimateCost(dev(0), prices);
    expect(Object.keys(est)).toEqual(["total", "currency", "lines"]);
    for (const line of est.lines) {
      expect(line).toEqual(expect.objectContaining({ resource: expect.any(String), plan: expect.any(String), monthly: expect.any(Number) }));
    }
  });
});

describe("estimateCost on Pulumi.prod.yaml", () => {
  const est = estimateCost(readStackConfig("prod"), prices);

  it("totals $166 at autoscaling minimum and $241 at maximum", () => {
    expect([est.total, est.totalMax]).toEqual([166, 241]);
  });

  it("bills each kind of resource", () => {
    expect(est.lines.map((l) => [l.resource, l.kind, l.monthly])).toEqual([
      ["apps.site", "static site", 0], ["apps.api", "web service", 50], ["apps.renderer", "private service", 7],
      ["apps.worker", "background worker", 7], ["apps.nightly", "cron job", 1], ["database", "postgres", 81],
      ["cache", "key value", 15], ["storage", "DigitalOcean Spaces", 5], ["cloudflare", "Cloudflare zone", 0],
    ]);
    expect(est.lines[1]).toMatchObject({ monthlyMax: 125, note: "autoscaling 2–5 instances; total uses 2" });
    expect(est.lines[5].note).toBe("includes 20 GB storage");
  });

  it("bills at stage 5 the copies of the API and of the private service it calls in Frankfurt", () => {
    const lines = estimateCost(readStackConfig("prod", { stage: 5 }), prices).lines.filter((l) => l.resource.includes("@"));
    expect(lines.map((l) => [l.resource, l.kind, l.monthly])).toEqual([
      ["apps.api@frankfurt", "web service (frankfurt)", 50], ["apps.renderer@frankfurt", "private service (frankfurt)", 7],
    ]);
  });
});

describe("compareConfigs", () => {
  it("shows what raising dev from stage 0 to 3 adds, keeping the disk it had", () => {
    const { base, head, delta } = compareConfigs(dev(0), dev(3), prices);
    expect([base.total, head.total, delta.change]).toEqual([9.5, 26.5, 17]);
    expect(delta.lines.filter((l) => l.change !== 0)).toEqual([
      { resource: "database", kind: "postgres", plan: "starter", after: 7, change: 7 },
      { resource: "cache", kind: "key value", plan: "starter", after: 10, change: 10 },
    ]);
  });

  it("reports removed resources and plan changes", () => {
    const { delta } = compareConfigs(dev(1), readStackConfig("dev", { stage: 1, apps: { web: { ...rawWeb(), plan: "standard" } } }), prices);
    expect(delta.lines.map((l) => [l.resource, l.plan, l.change])).toEqual([
      ["apps.web", "starter → standard", 18], ["apps.web.disk.privateService", "starter → standard", 18], ["apps.web.disk", "10 GB", 0],
    ]);
  });
});

/** The dev web app as written in Pulumi.dev.yaml (for variations). */
function rawWeb(): Record<string, unknown> {
  const web = dev(0).apps.web;
  return { type: web.type, runtime: web.runtime, plan: web.plan, repo: web.repo, branch: web.branch, disk: { mountPath: web.disk!.mountPath, sizeGB: web.disk!.sizeGB } };
}

describe("price catalog", () => {
  const raw = () => JSON.parse(JSON.stringify(require("../../cost/prices.json")));

  it("names a source and a date for every price", () => {
    expect(prices.service.starter).toEqual({ monthly: 7, source: "https://render.com/pricing", date: "2025-11-15" });
    expect(prices.diskPerGB.monthly).toBe(0.25);
  });

  it("can be replaced (--prices)", () => {
    const custom = raw();
    custom.service.starter.monthly = 8;
    custom.diskPerGB.monthly = 0.3;
    expect(estimateCost(dev(0), parsePriceCatalog(custom)).total).toBe(11);
  });

  it("rejects a catalog naming an unknown source", () => {
    const bad = raw();
    bad.spaces.source = "nowhere";
    expect(() => parsePriceCatalog(bad, "prices.json")).toThrow('spaces.source: "nowhere" is not in sources');
  });

  it("says which plan has no price and how to add one", () => {
    const partial = raw();
    delete partial.postgres.starter;
    expect(() => estimateCost(dev(2), parsePriceCatalog(partial))).toThrow(CostError);
    expect(() => estimateCost(dev(2), parsePriceCatalog(partial))).toThrow(
      'database.plan: plan "starter" has no price in the catalog (postgres: free, standard, pro, basic_256mb');
  });
});

describe("estimateCost of workspace features", () => {
  it("lists webhooks and the metrics stream at no charge, naming the workspace plan they need", () => {
    const config = readStackConfig("dev");
    const withFeatures = {
      ...config,
      webhooks: { deploys: { url: "https://hooks.example.com/render", enabled: true, eventFilter: [], secretEnvVar: "RENDER_WEBHOOK_SECRET" } },
      metricsStream: { provider: "DATADOG" as const, url: "https://otlp.example.com", tokenSecret: "ddToken" },
    };
    const before = estimateCost(config, prices);
    const after = estimateCost(withFeatures, prices);
    expect(after.total).toBe(before.total);
    expect(after.lines.filter((l) => l.kind === "webhook" || l.kind === "metrics stream")).toEqual([
      { resource: "webhooks.deploys", kind: "webhook", plan: "workspace", monthly: 0, note: expect.stringContaining("Professional workspace") },
      { resource: "metricsStream", kind: "metrics stream", plan: "workspace", monthly: 0, note: expect.stringContaining("Professional") },
    ]);
  });
});
