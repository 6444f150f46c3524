import { belowTarget, moduleScores, totalScore } from "../../tools/mutationScore";

const mutants = (counts: Record<string, number>) =>
  Object.entries(counts).flatMap(([status, n]) => Array.from({ length: n }, (_, i) => ({ status, mutatorName: "EqualityOperator", replacement: "a !== b", location: { start: { line: i + 1 } } })));

describe("mutation score gate", () => {
  const report = { files: {
    "providers/render/http.ts": { mutants: mutants({ Killed: 80, Timeout: 8, Survived: 10, NoCoverage: 2, Ignored: 30, CompileError: 5 }) },
    "sandbox/refresh.ts": { mutants: mutants({ Killed: 16, Survived: 4 }) },
  } };

  it("counts killed and timed-out mutants as detected, survivors and uncovered ones against, the rest not at all", () => {
    expect(moduleScores(report).map((s) => [s.file, s.detected, s.undetected, s.score])).toEqual([
      ["providers/render/http.ts", 88, 12, 88], ["sandbox/refresh.ts", 16, 4, 80],
    ]);
    expect(totalScore(moduleScores(report))).toBe(86.6);
  });

  it("fails on every module under the target even when the total passes", () => {
    expect(belowTarget(moduleScores(report))).toEqual(["sandbox/refresh.ts 80%"]);
    expect(belowTarget(moduleScores(report), 80)).toEqual([]);
    expect(belowTarget(moduleScores(report), 87)).toEqual(["sandbox/refresh.ts 80%", "total 86.6%"]);
  });

  it("lists each survivor with its place and replacement", () => {
    expect(moduleScores(report)[1].survivors[0]).toBe('sandbox/refresh.ts:1 EqualityOperator → "a !== b" (Survived)');
  });
});
