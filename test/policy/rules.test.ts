import {
  autoscalingRange, cloudflareDnsOnlyUntilVerified, isEnforcedStack, noFreePlans, noPlaintextSecrets, PolicyTarget,
  postgresResilience, stackOfUrn, statefulProtected,
} from "../../policy/rules";
import { renderKind } from "../../policy/renderKind";

const render = (kind: string, name: string, props: Record<string, unknown>, protect = false): PolicyTarget =>
  ({ type: `pulumi-nodejs:dynamic/render:${kind}`, name, props, protect });
const legacy = (name: string, props: Record<string, unknown>, protect = false): PolicyTarget =>
  ({ type: "pulumi-nodejs:dynamic:Resource", name, props: { __provider: "exports.handler = …", ...props }, protect });

describe("renderKind", () => {
  test.each([
    ["pulumi-nodejs:dynamic/render:Postgres", {}, "Postgres"],
    ["pulumi-nodejs:dynamic/render:Unknown", {}, undefined],
    ["pulumi-nodejs:dynamic:Resource", { type: "web_service", name: "web" }, "Service"],
    ["pulumi-nodejs:dynamic:Resource", { serviceId: "srv-1", name: "d", mountPath: "/data", sizeGB: 1 }, "Disk"],
    ["pulumi-nodejs:dynamic:Resource", { serviceId: "srv-1", name: "www.example.com" }, "CustomDomain"],
    ["pulumi-nodejs:dynamic:Resource", { name: "kv", plan: "starter", maxmemoryPolicy: "allkeys_lru" }, "KeyValue"],
    ["pulumi-nodejs:dynamic:Resource", { name: "db", plan: "basic_256mb", version: "16" }, "Postgres"],
    ["pulumi-nodejs:dynamic:Resource", { name: "p", environments: [] }, "Project"],
    ["pulumi-nodejs:dynamic:Resource", { name: "g", envVars: {}, serviceIds: [] }, "EnvGroup"],
    ["aws:s3/bucketV2:BucketV2", { bucket: "b" }, undefined],
  ])("reads %s %j as %s", (type, props, expected) => {
    expect(renderKind(type, props)).toBe(expected);
  });
});

describe("noFreePlans", () => {
  test.each([
    [render("Service", "web", { type: "web_service", plan: "free" }), ['Service "web" uses the free plan; production needs a paid plan (e.g. starter).']],
    [legacy("db", { version: "16", plan: "free" }), ['Postgres "db" uses the free plan; production needs a paid plan (e.g. basic_256mb).']],
    [render("KeyValue", "kv", { plan: "free" }), ['KeyValue "kv" uses the free plan; production needs a paid plan (e.g. starter).']],
    [render("Service", "web", { type: "web_service", plan: "starter" }), []],
    [render("Service", "site", { type: "static_site" }), []],
  ])("judges %j", (resource, expected) => {
    expect(noFreePlans(resource)).toEqual(expected);
  });
});

describe("postgresResilience", () => {
  test.each([
    [{ plan: "free" }, ['Postgres "db" has neither high availability nor point-in-time recovery (plan "free"); use a paid plan or enable highAvailability.']],
    [{ plan: "basic_1gb", highAvailability: true }, ['Postgres "db": highAvailability needs a pro_* or accelerated_* plan, not "basic_1gb".']],
    [{ plan: "pro_4gb", highAvailability: true }, []],
    [{ plan: "starter" }, []],
    [{ plan: "basic_256mb", highAvailability: false }, []],
  ])("judges %j", (props, expected) => {
    expect(postgresResilience(render("Postgres", "db", props))).toEqual(expected);
  });
});

describe("statefulProtected", () => {
  test.each([
    [render("Disk", "web-disk", { serviceId: "srv", mountPath: "/data" }), ['Disk "web-disk" holds data but is not protected; set protectData: true for this stack.']],
    [render("Postgres", "db", {}), ['Postgres "db" holds data but is not protected; set protectData: true for this stack.']],
    [render("KeyValue", "cache", {}), ['KeyValue "cache" holds data but is not protected; set protectData: true for this stack.']],
    [{ type: "digitalocean:index/spacesBucket:SpacesBucket", name: "media", props: {}, protect: false },
      ['digitalocean:index/spacesBucket:SpacesBucket "media" holds data but is not protected; set protectData: true for this stack.']],
    [{ type: "aws:s3/bucket:Bucket", name: "media", props: { bucket: "media" }, protect: false },
      ['aws:s3/bucket:Bucket "media" holds data but is not protected; set protectData: true for this stack.']],
    [{ type: "aws:s3/bucketV2:BucketV2", name: "media", props: { bucket: "media" }, protect: false },
      ['aws:s3/bucketV2:BucketV2 "media" holds data but is not protected; set protectData: true for this stack.']],
    [{ type: "aws:s3/bucket:Bucket", name: "media", props: { bucket: "media" }, protect: true }, []],
    [{ type: "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", name: "media-public-access", props: {}, protect: false }, []],
    [{ type: "digitalocean:index/cdn:Cdn", name: "media-cdn", props: {}, protect: false }, []],
    [render("Postgres", "db", {}, true), []],
    [render("Service", "web", { type: "web_service" }), []],
  ])("judges %j", (resource, expected) => {
    expect(statefulProtected(resource)).toEqual(expected);
  });
});

describe("noPlaintextSecrets", () => {
  const web = (envVars: Record<string, string>): PolicyTarget => render("Service", "web", { type: "web_service", envVars });

  test.each([
    [{ STRIPE_KEY: "sk_live_abcdefghijklmnop" }, "env var STRIPE_KEY holds a Stripe live key"],
    [{ DATABASE_URL: "postgres://app:hunter2@db.example.com/app" }, "env var DATABASE_URL holds a password inside a URL to db.example.com"],
    [{ SECRET_KEY: "changeme" }, 'env var SECRET_KEY is the placeholder "changeme"'],
    [{ KEY: "-----BEGIN RSA PRIVATE KEY-----\nMII" }, "env var KEY holds a PEM private key"],
  ])("flags %j", (envVars, expected) => {
    expect(noPlaintextSecrets(web(envVars))).toEqual([expect.stringContaining(`Service "web" ${expected}; store it with`)]);
  });

  test.each([
    [{ FLASK_ENV: "production", DATABASE_PATH: "/opt/render/project/src/data" }],
    [{ DATABASE_URL: "postgresql://u:p4ss@dpg-abc123-a/app" }],
    [{ DATABASE_URL: "postgresql://u:p4ss@dpg-abc123-a.oregon-postgres.render.com/app" }],
    [{ SECRET_KEY: "Zm9vYmFyYmF6cXV4cXV1eHF1dXg0NTY3ODkwMTIzNDU=" }],
  ])("accepts %j", (envVars) => {
    expect(noPlaintextSecrets(web(envVars))).toEqual([]);
  });

  it("skips keys listed as allowed", () => {
    expect(noPlaintextSecrets(web({ STRIPE_KEY: "sk_live_abcdefghijklmnop" }), ["STRIPE_KEY"])).toEqual([]);
  });

  it("checks env groups too", () => {
    const group = render("EnvGroup", "shared", { envVars: { API_TOKEN: "secret" }, serviceIds: [] });
    expect(noPlaintextSecrets(group)).toEqual([expect.stringContaining('EnvGroup "shared" env var API_TOKEN is the placeholder "secret"')]);
  });
});

describe("autoscalingRange", () => {
  test.each([
    [{ minInstances: 3, maxInstances: 2 }, ['Service "web": autoscaling maxInstances 2 < minInstances 3.']],
    [{ minInstances: 2, maxInstances: 2 }, []],
    [undefined, []],
  ])("judges %j", (autoscaling, expected) => {
    expect(autoscalingRange(render("Service", "web", { type: "web_service", autoscaling }))).toEqual(expected);
  });
});

describe("cloudflareDnsOnlyUntilVerified", () => {
  const record = (proxied: boolean, name = "www.example.com", content = "qrcards.onrender.com"): PolicyTarget =>
    ({ type: "cloudflare:index/dnsRecord:DnsRecord", name: "www-record", props: { name, content, proxied, type: "CNAME" }, protect: false });
  const domain = (verificationStatus: string): PolicyTarget =>
    render("CustomDomain", "www", { serviceId: "srv", name: "www.example.com", verificationStatus });

  it("flags a proxied record before the domain is verified", () => {
    expect(cloudflareDnsOnlyUntilVerified([record(true), domain("unverified")])).toEqual([
      'Cloudflare record "www-record" (www.example.com → qrcards.onrender.com) is proxied before Render verified the domain; set proxied: false until its CustomDomain shows verificationStatus "verified".',
    ]);
  });

  test.each([
    ["a verified domain", [record(true), domain("verified")]],
    ["a DNS-only record", [record(false), domain("unverified")]],
    ["a record pointing elsewhere", [record(true, "cdn.example.com", "example.b-cdn.net")]],
  ])("accepts %s", (_label, resources) => {
    expect(cloudflareDnsOnlyUntilVerified(resources)).toEqual([]);
  });
});

describe("stack selection", () => {
  it("reads the stack from a URN", () => {
    expect(stackOfUrn("urn:pulumi:prod::render-stages::hosting:index:Stack::prod")).toBe("prod");
  });

  test.each([
    ["prod", true], ["production", true], ["prod-eu", true], ["dev", false], ["pr-12", false],
  ])("treats %s as production: %s", (stack, expected) => {
    expect(isEnforcedStack(stack, ["prod", "production", "prod-*"])).toBe(expected);
  });
});
