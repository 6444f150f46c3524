const constructed: { name: string; args: { policies: { name: string }[] } }[] = [];

jest.mock("@pulumi/policy", () => ({
  PolicyPack: class {
    constructor(name: string, args: { policies: { name: string }[] }) {
      constructed.push({ name, args });
    }
  },
}));

describe("policy/index.ts", () => {
  it("registers one pack with every policy", () => {
    jest.isolateModules(() => require("../../policy/index"));
    expect(constructed.map((c) => [c.name, c.args.policies.map((p) => p.name)])).toEqual([["render-stages-production", [
      "no-free-plans", "postgres-resilience", "stateful-protected", "no-plaintext-secrets", "autoscaling-range",
      "cloudflare-dns-only-until-verified", "log-stream-configured", "failed-deploy-notifications",
    ]]]);
  });
});
