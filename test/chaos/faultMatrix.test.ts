import { FAULT_FAMILIES, HTTP_FAULT_KINDS, buildFaultMatrix, faultRule, type ScenarioProbe } from "../../chaos/faultCases";

const PROBES: ScenarioProbe[] = [
  {
    scenario: "fresh", totalWrites: 3, existing: [],
    writes: [{ method: "POST", path: "/v1/postgres", count: 1 }, { method: "POST", path: "/v1/services", count: 2 }],
  },
  {
    scenario: "destroy", totalWrites: 1, existing: ["services"],
    writes: [{ method: "DELETE", path: "/v1/services/{serviceId}", count: 1 }],
  },
];

describe("fault matrix", () => {
  it("puts one fault of every family on every write route, plus the faults that are not one request", () => {
    const cases = buildFaultMatrix(PROBES, { seed: 1, kills: 1 });
    const ids = cases.map((c) => c.id);
    expect(ids).toHaveLength(3 * FAULT_FAMILIES.length + 4 + 1 + 1 + 1);
    expect(ids).toEqual(expect.arrayContaining([
      "fresh-post-services-drop", "fresh-postgres-stuck-creating", "fresh-name-conflict-services", "fresh-kill-1",
      "destroy-delete-services-burst429", "destroy-delete-services-timeout", "destroy-drift-services", "destroy-kill-1",
    ]));
    expect(new Set(ids).size).toBe(ids.length);
    for (const family of FAULT_FAMILIES) {
      expect(cases.filter((c) => c.scenario === "fresh" && family.includes(c.kind as never))).toHaveLength(2);
    }
  });

  it("meets both members of every family on a route across a few seeds", () => {
    const seen = new Set<string>();
    for (let seed = 1; seed <= 20; seed++) for (const c of buildFaultMatrix(PROBES, { seed, kills: 0 })) if (c.rule) seen.add(c.kind);
    expect([...seen].sort()).toEqual([...HTTP_FAULT_KINDS].sort());
  });

  it("draws the same skips and kill points for the same seed, and keeps them within the probe's counts", () => {
    const a = buildFaultMatrix(PROBES, { seed: 42, kills: 3 });
    expect(buildFaultMatrix(PROBES, { seed: 42, kills: 3 })).toEqual(a);
    for (const c of a) {
      if (c.rule?.path === "/v1/services") expect(c.rule.skip).toBeLessThanOrEqual(1);
      if (c.rule?.path === "/v1/postgres") expect(c.rule.skip).toBe(0);
      if (c.kind === "kill") expect(c.killAfterWrites).toBeGreaterThanOrEqual(1);
      if (c.kind === "kill") expect(c.killAfterWrites).toBeLessThanOrEqual(c.scenario === "fresh" ? 3 : 1);
    }
  });

  it("builds emulator rules whose message names the case", () => {
    const route = { method: "POST" as const, path: "/v1/postgres", count: 1 };
    expect(faultRule("commitThenError", route, 0, "case-7")).toEqual({
      method: "POST", path: "/v1/postgres", skip: 0, commitThenFail: "error", message: "internal server error after commit (case-7)", count: 1,
    });
    expect(faultRule("burst429", route, 0, "c")).toMatchObject({ status: 429, count: 3 });
    expect(faultRule("timeout", route, 0, "c")).toMatchObject({ drop: true, count: 1 });
  });
});
