import { buildDataSafetyCases, createOnlyKeys, heldKinds } from "../../chaos/dataSafetyCases";
import { stageConfig } from "../../chaos/stackConfigs";
import { parseStackConfig } from "../../components/config";
import { planDataSafety, statefulInventory } from "../../components/dataSafety";
import { STAGES, type Stage } from "../../components/enums";
import { FRESH_STACK, plannedStateful, type PreviousState } from "../../components/statefulPlan";
import { POSTGRES_CREATE_ONLY, SERVICE_CREATE_ONLY } from "../../providers/render/replaceKeys";

const NAME = "chaos";

/** What a clean run of the chaos stack at `stage` exported. */
function previousAt(stage: Stage): PreviousState {
  const config = parseStackConfig(stageConfig(stage), { stackName: NAME });
  return {
    stage,
    statefulResources: plannedStateful(config, NAME, stage, FRESH_STACK),
    inventory: JSON.parse(JSON.stringify(statefulInventory(config, NAME, stage, FRESH_STACK))),
  };
}

function planFor(raw: Record<string, unknown>, from: Stage) {
  const config = parseStackConfig(raw, { stackName: NAME });
  return planDataSafety(config, NAME, config.stage, previousAt(from));
}

const cases = buildDataSafetyCases();

describe("the generated data-safety matrix", () => {
  it("covers every create-only key of every kind on every stage that holds the kind", () => {
    for (const stage of STAGES) {
      const ids = cases.filter((c) => c.stage === stage && c.group === "create-only").map((c) => c.id);
      const expected = createOnlyKeys(stage).filter(([kind]) => heldKinds(stage).includes(kind))
        .map(([, key]) => `data-safety-${key.replace(".", "-")}-at-${stage}`);
      expect(ids).toEqual(expected);
    }
    const ids = cases.map((c) => c.id);
    for (const key of [...SERVICE_CREATE_ONLY.map((k) => `service-${k}`), ...POSTGRES_CREATE_ONLY.map((k) => `postgres-${k}`)]) {
      expect(ids.some((id) => id.startsWith(`data-safety-${key}-at-`))).toBe(true);
    }
    expect(cases.filter((c) => c.group === "lowering")).toHaveLength(15);
    expect(new Set(ids).size).toBe(ids.length);
    expect(cases.length).toBeGreaterThanOrEqual(30);
  });

  it.each(cases.map((c) => [c.id, c] as const))("%s: the plan refuses exactly the expected losses, and allows them once permitted", (_id, c) => {
    const plan = planFor(c.change, c.stage);
    const refusedKinds = [...new Set(plan.decisions.filter((d) => (d.action === "replace" || d.action === "delete") && !d.allowed).map((d) => d.kind))];
    expect(refusedKinds.sort()).toEqual([...c.loses].sort());
    for (const kind of c.loses) {
      expect(plan.problems.some((p) => p.includes(`pulumi config set --path allowDataLoss.${kind} true`))).toBe(true);
    }
    if (c.allowed) {
      const allowed = planFor(c.allowed, c.stage);
      expect(allowed.problems).toEqual([]);
      expect([...new Set(allowed.decisions.filter((d) => d.action === "replace" || d.action === "delete").map((d) => d.kind))].sort())
        .toEqual([...c.loses].sort());
    }
  });
});

describe("the plan's decisions", () => {
  const decisions = (raw: Record<string, unknown>, from: Stage) =>
    Object.fromEntries(planFor(raw, from).decisions.map((d) => [`${d.kind}/${d.name}`, d.action]));

  it("treats disk growth, plan upgrades and renames Render makes in place as updates", () => {
    const c = cases.find((x) => x.id === "data-safety-disk-grows-at-0")!;
    expect(decisions(c.change, 0)).toEqual({ "disk/chaos-web-disk": "update" });
    const pg = cases.find((x) => x.id === "data-safety-postgres-plan-upgrade-at-3")!;
    expect(decisions(pg.change, 3)).toEqual({ "postgres/chaos-postgres": "update", "keyValue/chaos-keyvalue": "keep" });
    const prefix = cases.find((x) => x.id === "data-safety-rename-name-prefix-at-3")!;
    expect(decisions(prefix.change, 3)).toEqual({ "postgres/chaos-postgres": "update", "keyValue/chaos-keyvalue": "update" });
  });

  it("names the resource, the change, why Render cannot do it in place and the command", () => {
    const c = cases.find((x) => x.id === "data-safety-postgres-version-at-2")!;
    expect(planFor(c.change, 2).problems).toEqual([
      'Postgres database "chaos-postgres" (Render "chaos-db") would be replaced by a new, empty database, losing its data: ' +
      'database.version: "16" → "17". Render fixes a database\'s major version when it creates it (the API has no in-place upgrade). ' +
      "Undo that change, or take a dump first (pg_dump with the external connection string) and allow it: " +
      "pulumi config set --path allowDataLoss.postgres true",
    ]);
  });

  it("follows a service replacement to its disk, and a region change to every store in that region", () => {
    const raw = { ...stageConfig(0), region: "ohio" };
    expect(planFor(raw, 0).problems[0]).toContain('region: "oregon" → "ohio" (service "chaos-web")');
    // A stage 0 stack raised to stage 2 keeps its disk retired on the web service: a region change still replaces it.
    const config = parseStackConfig(stageConfig(0), { stackName: NAME });
    const stage2 = parseStackConfig({ ...stageConfig(2), apps: stageConfig(0).apps }, { stackName: NAME });
    const atTwo = { stage: 2, statefulResources: plannedStateful(stage2, NAME, 2, previousAt(0)), inventory: statefulInventory(stage2, NAME, 2, previousAt(0)) };
    expect(atTwo.inventory.map((i) => i.name)).toEqual(["chaos-web-disk", "chaos-postgres"]);
    const moved = parseStackConfig({ ...stageConfig(2), apps: stageConfig(0).apps, region: "ohio" }, { stackName: NAME });
    const plan = planDataSafety(moved, NAME, 2, atTwo);
    expect(plan.decisions.filter((d) => d.action === "replace").map((d) => d.name)).toEqual(["chaos-web-disk", "chaos-postgres"]);
    expect(config.stage).toBe(0);
  });

  it("reads an older run that exported only statefulResources: deletions are still refused", () => {
    const config = parseStackConfig(stageConfig(2), { stackName: NAME });
    const plan = planDataSafety(config, NAME, 2, { stage: 3, statefulResources: [{ kind: "postgres", name: "chaos-postgres" }, { kind: "keyValue", name: "chaos-keyvalue" }] });
    expect(plan.decisions.map((d) => `${d.action} ${d.name}`)).toEqual(["keep chaos-postgres", "delete chaos-keyvalue"]);
  });
});
