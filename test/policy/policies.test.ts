import type { PolicyResource, ResourceValidationArgs, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { readFileSync } from "fs";
import { join } from "path";
import { parse } from "yaml";
import { policies } from "../../policy/policies";

type Props = Record<string, unknown>;
const urn = (stack: string, type: string, name: string): string => `urn:pulumi:${stack}::render-stages::${type}::${name}`;

function resourceArgs(stack: string, type: string, name: string, props: Props, protect: boolean, config: Props = {}): ResourceValidationArgs {
  return {
    type, name, props, urn: urn(stack, type, name), stackTags: new Map(),
    opts: { protect, ignoreChanges: [], aliases: [], customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 }, additionalSecretOutputs: [] },
    isType: () => false, asType: () => undefined,
    getConfig: <T extends object>() => config as T,
    notApplicable: () => { throw new Error("not applicable"); },
  };
}

/** Every violation the resource policies report for one stack's resources. */
async function violations(stack: string, resources: [string, string, Props, boolean][], config: Props = {}): Promise<string[]> {
  const reported: string[] = [];
  for (const policy of policies) {
    if (!("validateResource" in policy)) continue;
    const validate = (policy as ResourceValidationPolicy).validateResource;
    for (const [type, name, props, protect] of resources) {
      for (const fn of Array.isArray(validate) ? validate : [validate!]) {
        await fn(resourceArgs(stack, type, name, props, protect, config), (m) => reported.push(`${policy.name}: ${m}`));
      }
    }
  }
  const stackPolicy = policies.find((p) => p.name === "cloudflare-dns-only-until-verified") as StackValidationPolicy;
  const stackResources = resources.map(([type, name, props, protect]) =>
    ({ type, name, props, urn: urn(stack, type, name), opts: { protect } }) as unknown as PolicyResource);
  await stackPolicy.validateStack!({ resources: stackResources, stackTags: new Map(), getConfig: <T extends object>() => config as T, notApplicable: () => { throw new Error("n/a"); } },
    (m) => reported.push(`${stackPolicy.name}: ${m}`));
  return reported;
}

const T = (cls: string): string => `pulumi-nodejs:dynamic/render:${cls}`;

const passingProd: [string, string, Props, boolean][] = [
  [T("Service"), "prod-web", { type: "web_service", plan: "standard", autoscaling: { minInstances: 2, maxInstances: 4 }, envVars: { FLASK_ENV: "production" } }, false],
  [T("Postgres"), "prod-db", { plan: "pro_4gb", version: "16", highAvailability: true }, true],
  [T("KeyValue"), "prod-cache", { plan: "starter", maxmemoryPolicy: "allkeys_lru" }, true],
  [T("CustomDomain"), "prod-www", { serviceId: "srv-1", name: "www.qrcards.example", verificationStatus: "verified" }, false],
  ["cloudflare:index/dnsRecord:DnsRecord", "prod-www-record", { name: "www.qrcards.example", content: "prod-web.onrender.com", proxied: true }, false],
  ["digitalocean:index/spacesBucket:SpacesBucket", "prod-media", { name: "media", region: "fra1" }, true],
];

const failingProd: [string, string, Props, boolean][] = [
  [T("Service"), "prod-web", { type: "web_service", plan: "free", autoscaling: { minInstances: 3, maxInstances: 1 }, envVars: { SECRET_KEY: "changeme" } }, false],
  [T("Postgres"), "prod-db", { plan: "free", version: "16" }, false],
  ["pulumi-nodejs:dynamic:Resource", "prod-disk", { __provider: "…", serviceId: "srv-1", name: "data", mountPath: "/data", sizeGB: 10 }, false],
  [T("CustomDomain"), "prod-www", { serviceId: "srv-1", name: "www.qrcards.example", verificationStatus: "unverified" }, false],
  ["cloudflare:index/dnsRecord:DnsRecord", "prod-www-record", { name: "www.qrcards.example", content: "prod-web.onrender.com", proxied: true }, false],
];

describe("production policy pack", () => {
  it("passes a compliant prod stack", async () => {
    expect(await violations("prod", passingProd)).toEqual([]);
  });

  it("reports every rule a non-compliant prod stack breaks", async () => {
    const reported = await violations("prod", failingProd);
    expect(reported.map((m) => m.split(":")[0]).sort()).toEqual([
      "autoscaling-range", "cloudflare-dns-only-until-verified", "no-free-plans", "no-free-plans",
      "no-plaintext-secrets", "postgres-resilience", "stateful-protected", "stateful-protected",
    ]);
    expect(reported).toContain('stateful-protected: Disk "prod-disk" holds data but is not protected; set protectData: true for this stack.');
  });

  it("leaves dev and preview stacks alone", async () => {
    expect(await violations("dev", failingProd)).toEqual([]);
    expect(await violations("pr-7", failingProd)).toEqual([]);
  });

  it("takes the production stack names from policy config", async () => {
    const reported = await violations("live", failingProd, { productionStacks: ["live"] });
    expect(reported).toHaveLength(8);
  });

  it("declares every policy mandatory with a description", () => {
    expect(policies.map((p) => [p.name, p.enforcementLevel, p.description.length > 20])).toEqual([
      ["no-free-plans", "mandatory", true], ["postgres-resilience", "mandatory", true], ["stateful-protected", "mandatory", true],
      ["no-plaintext-secrets", "mandatory", true], ["autoscaling-range", "mandatory", true],
      ["cloudflare-dns-only-until-verified", "mandatory", true], ["log-stream-configured", "mandatory", true],
      ["failed-deploy-notifications", "mandatory", true],
    ]);
  });
});

describe("policy pack files", () => {
  const dir = join(__dirname, "..", "..", "policy");

  it("declares a Node.js CrossGuard pack with a versioned package.json", () => {
    expect(parse(readFileSync(join(dir, "PulumiPolicy.yaml"), "utf8")).runtime).toBe("nodejs");
    const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
    expect([pkg.version, Object.keys(pkg.dependencies)]).toEqual(["0.1.0", ["@pulumi/policy", "@pulumi/pulumi"]]);
    expect(readFileSync(join(dir, "index.ts"), "utf8")).toContain('new PolicyPack("render-stages-production", { policies })');
  });
});
