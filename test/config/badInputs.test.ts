import { ConfigError, parseStackConfig } from "../../components/config";
import { BAD_INPUTS } from "./badInputs";
import { copy, stackFileConfig } from "./fixtures";

function problemsOf(stage: number, edit: (raw: Record<string, any>) => void): readonly string[] {
  const raw = copy(stackFileConfig("dev"));
  raw.stage = stage;
  edit(raw);
  try {
    parseStackConfig(raw, { stackName: "dev" });
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
}

describe("parseStackConfig on bad input", () => {
  it("has at least 40 distinct cases", () => {
    expect(new Set(BAD_INPUTS.map((c) => c.message)).size).toBeGreaterThanOrEqual(40);
  });

  test.each(BAD_INPUTS.map((c) => [c.title, c] as const))("refuses %s", (_title, c) => {
    const problems = problemsOf(c.stage ?? 0, c.edit);
    expect(problems).toEqual([c.message]);
    expect(c.message.startsWith(`${c.path}: `)).toBe(true);
    if (c.value !== undefined) expect(c.message).toContain(c.value);
    expect(c.message).toContain(c.allowed);
  });

  it("reports every problem of one config in one error", () => {
    const problems = problemsOf(5, (raw) => {
      raw.apps.web.plan = "huge";
      raw.database.version = 16;
      raw.multiRegion.regions = ["oregon"];
      raw.apps.web.env.API_TOKEN = "plain";
    });
    expect(problems).toEqual([
      `apps.web.plan: "huge" is not a plan; allowed: starter, standard, pro, pro_plus, pro_max, pro_ultra`,
      `database.version: 16 is a number; write the Postgres version as a string ("16"); allowed: "11", "12", "13", "14", "15", "16", "17", "18"`,
      expect.stringMatching(/^apps\.web\.env\.API_TOKEN: a literal value for a secret-looking name is refused/),
      "multiRegion.regions: stage 5 needs web services in at least 2 regions; have oregon; add one of ohio, virginia, frankfurt, singapore",
    ]);
  });

  it("never shows a refused secret value", () => {
    const problems = problemsOf(0, (raw) => { raw.apps.web.env.DB_PASSWORD = "hunter2"; });
    expect(problems.join("\n")).not.toContain("hunter2");
  });
});
