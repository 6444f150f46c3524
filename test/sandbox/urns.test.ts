import { aliasUrns, makeUrn } from "../../sandbox/urns";
import { applyIgnoreChanges, changedKeys } from "../../sandbox/deployment";
import { secret } from "../../sandbox/wire";

describe("makeUrn", () => {
  test.each([
    [undefined, "t:m:A", "urn:pulumi:dev::p::t:m:A::a"],
    ["urn:pulumi:dev::p::pulumi:pulumi:Stack::p-dev", "t:m:A", "urn:pulumi:dev::p::t:m:A::a"],
    ["urn:pulumi:dev::p::hosting:index:Stack::dev", "t:m:A", "urn:pulumi:dev::p::hosting:index:Stack$t:m:A::a"],
    ["urn:pulumi:dev::p::x:y:P$hosting:index:Stack::dev", "t:m:A", "urn:pulumi:dev::p::x:y:P$hosting:index:Stack$t:m:A::a"],
  ])("under parent %s", (parent, type, urn) => {
    expect(makeUrn("dev", "p", parent, type, "a")).toBe(urn);
  });
});

describe("aliasUrns", () => {
  it("resolves alias specs and inherits the parent's old URNs", () => {
    expect(aliasUrns({
      stack: "dev", project: "p", type: "t:m:A", name: "a", parentUrn: "urn:pulumi:dev::p::c:m:New::c",
      specs: [{ name: "old-a" }, { parentUrn: null }], urns: [],
      parentAliases: ["urn:pulumi:dev::p::c:m:Old::c"],
    })).toEqual([
      "urn:pulumi:dev::p::c:m:New$t:m:A::old-a",
      "urn:pulumi:dev::p::t:m:A::a",
      "urn:pulumi:dev::p::c:m:Old$t:m:A::a",
    ]);
  });
});

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
