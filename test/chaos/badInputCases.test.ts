import { BAD_INPUT_CASES } from "../../chaos/badInputCases";
import { judgeConfigMessage } from "../../chaos/clarity";
import { stage3Changed, stageConfig } from "../../chaos/stackConfigs";
import { parseStackConfig } from "../../components/config";

/** Refused only with state or stack config at hand (a run), not by the config schema alone. */
const NEEDS_A_RUN = BAD_INPUT_CASES.filter((c) => c.before !== undefined || c.id === "secret-config-unset").map((c) => c.id);

describe("chaos stack configs and bad inputs", () => {
  it("starts from configs the schema accepts at every stage", () => {
    for (const stage of [0, 1, 2, 3, 4, 5]) expect(() => parseStackConfig(stageConfig(stage), { stackName: "chaos" })).not.toThrow();
    expect(() => parseStackConfig(stage3Changed(), { stackName: "chaos" })).not.toThrow();
  });

  it("has at least 40 distinct cases", () => {
    const ids = BAD_INPUT_CASES.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBeGreaterThanOrEqual(40);
  });

  it.each(BAD_INPUT_CASES.filter((c) => !NEEDS_A_RUN.includes(c.id)).map((c) => [c.id, c] as const))(
    "%s is refused by the schema with the field, the value and what is allowed",
    (_id, c) => {
      let message = "";
      try {
        parseStackConfig(c.config, { stackName: "chaos" });
      } catch (err) {
        message = (err as Error).message;
      }
      expect(judgeConfigMessage(message, c.expect)).toEqual({ clear: true, missing: [] });
    },
  );
});
