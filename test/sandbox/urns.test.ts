import { aliasUrns, makeUrn } from "../../sandbox/urns";

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
