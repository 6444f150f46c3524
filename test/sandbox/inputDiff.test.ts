import { applyIgnoreChanges, changedKeys } from "../../sandbox/inputDiff";
import { secret } from "../../sandbox/wire";

describe("changedKeys", () => {
  it("compares values, not secret wrappers, and ignores the provider code", () => {
    expect(changedKeys({ a: secret("x"), b: 1, __provider: "v1" }, { a: secret("x"), b: 2, __provider: "v2" })).toEqual(["b"]);
    expect(changedKeys({ a: "x" }, { a: secret("x") })).toEqual([]);
  });
});

describe("applyIgnoreChanges", () => {
  it("keeps old values of ignored paths and drops ones the old inputs lacked", () => {
    expect(applyIgnoreChanges({ a: 1, b: { c: 2, d: 3 }, e: 4 }, { a: 0, b: { c: 9 } }, ["a", "b.c", "e"]))
      .toEqual({ a: 0, b: { c: 9, d: 3 } });
  });
});
