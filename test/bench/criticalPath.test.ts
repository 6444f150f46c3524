import { criticalPath } from "../../bench/criticalPath";

describe("criticalPath", () => {
  it("follows the longest chain through a diamond", () => {
    const result = criticalPath([
      { id: "postgres", ms: 100, after: [] },
      { id: "keyValue", ms: 30, after: [] },
      { id: "connection", ms: 5, after: ["postgres"] },
      { id: "service", ms: 50, after: ["connection", "keyValue"] },
      { id: "domain", ms: 10, after: ["service"] },
    ]);
    expect(result).toEqual({ ms: 165, steps: ["postgres", "connection", "service", "domain"] });
  });

  it("takes the slower of two independent chains", () => {
    const result = criticalPath([
      { id: "a", ms: 10, after: [] },
      { id: "b", ms: 10, after: ["a"] },
      { id: "c", ms: 25, after: [] },
    ]);
    expect(result).toEqual({ ms: 25, steps: ["c"] });
  });

  it("is zero for an empty graph", () => {
    expect(criticalPath([])).toEqual({ ms: 0, steps: [] });
  });

  it.each([
    [[{ id: "a", ms: 1, after: ["b"] }, { id: "b", ms: 1, after: ["a"] }], 'steps wait for each other in a cycle through "a"'],
    [[{ id: "a", ms: 1, after: ["x"] }], 'step "a" waits for unknown step "x"; known: a.'],
    [[{ id: "a", ms: 1, after: [] }, { id: "a", ms: 2, after: [] }], 'step "a" is listed twice'],
    [[{ id: "a", ms: -1, after: [] }], 'step "a" has ms -1; use a duration >= 0.'],
  ])("rejects a bad graph (%#)", (steps, message) => {
    expect(() => criticalPath(steps)).toThrow(message);
  });
});
