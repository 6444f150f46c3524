/**
 * The data-safety plan as pure functions of (stack config, previous outputs): which stateful resources a stage
 * keeps, and which losses it refuses. Fast enough for mutation testing; dataSafety.test.ts checks the same
 * rules through the whole program.
 */
import { DataLossError, assertNoDataLoss, dataLossProblems, parsePrevious, placeDisks, plannedStateful, type PreviousState } from "../../components/statefulPlan";
import { stackAt } from "../config/fixtures";

const prev = (stage: number | undefined, refs: [string, string][]): PreviousState =>
  ({ stage, statefulResources: refs.map(([kind, name]) => ({ kind: kind as never, name })) });
const ALL: [string, string][] = [["postgres", "dev-postgres"], ["keyValue", "dev-keyvalue"], ["bucket", "dev-spaces"]];

describe("plannedStateful", () => {
  it.each([
    [0, [["disk", "dev-web-disk"]]],
    [1, [["disk", "dev-db-disk"]]],
    [2, [["postgres", "dev-postgres"]]],
    [3, [["postgres", "dev-postgres"], ["keyValue", "dev-keyvalue"]]],
    [4, [["postgres", "dev-postgres"], ["keyValue", "dev-keyvalue"], ["bucket", "dev-spaces"]]],
    [5, [["postgres", "dev-postgres"], ["keyValue", "dev-keyvalue"], ["bucket", "dev-spaces"]]],
  ])("stage %i of a fresh dev stack holds %j", (stage, expected) => {
    expect(plannedStateful(stackAt(stage), "dev", stage as never, prev(undefined, [])).map((r) => [r.kind, r.name])).toEqual(expected);
  });

  it("names an S3 bucket after its provider", () => {
    const config = stackAt(4, "dev", (raw) => { raw.storage = { provider: "s3", bucket: "media-x", region: "us-east-1" }; });
    expect(plannedStateful(config, "dev", 4, prev(undefined, [])).map((r) => r.name)).toContain("dev-s3");
  });

  it("keeps a disk of an earlier stage, retired, until its loss is allowed", () => {
    const before = prev(0, [["disk", "dev-web-disk"]]);
    expect(placeDisks(stackAt(2), "dev", 2, before)).toEqual([
      { sourceApp: "web", ownerKey: "web", derived: false, name: "dev-web-disk", retired: true },
    ]);
    expect(placeDisks(stackAt(2, "dev", (raw) => { raw.allowDataLoss = { disk: true }; }), "dev", 2, before)).toEqual([]);
    expect(placeDisks(stackAt(2), "dev", 2, prev(undefined, []))).toEqual([]);
  });

  it("puts the disk on the private service at stage 1", () => {
    expect(placeDisks(stackAt(1), "dev", 1, prev(undefined, []))).toEqual([
      { sourceApp: "web", ownerKey: "db", derived: true, name: "dev-db-disk", retired: false },
    ]);
  });
});

describe("dataLossProblems", () => {
  it("has nothing to say when every previous resource is kept", () => {
    expect(dataLossProblems(stackAt(5), "dev", 5, prev(4, ALL))).toEqual([]);
  });

  it.each([
    [3, 2, "keyValue", `stage 3 → 2 would delete Key Value instance "dev-keyvalue" and all its data. Keep the stage, or allow it: pulumi config set --path allowDataLoss.keyValue true`],
    [4, 3, "bucket", `stage 4 → 3 would delete bucket "dev-spaces" and all its data. Keep the stage, or allow it: pulumi config set --path allowDataLoss.bucket true`],
    [2, 1, "postgres", `stage 2 → 1 would delete Postgres database "dev-postgres" and all its data. Keep the stage, or allow it: pulumi config set --path allowDataLoss.postgres true`],
  ])("refuses %i → %i losing the %s, one message per resource", (from, to, kind, message) => {
    const refs = ALL.filter(([k]) => from >= 4 || k !== "bucket").filter(([k]) => from >= 3 || k === "postgres");
    const problems = dataLossProblems(stackAt(to), "dev", to as never, prev(from, refs));
    expect(problems).toContain(message);
    const allowed = stackAt(to, "dev", (raw) => { raw.allowDataLoss = { [kind]: true }; });
    expect(dataLossProblems(allowed, "dev", to as never, prev(from, refs))).not.toContain(message);
  });

  it("refuses every loss at once, and only the ones not allowed", () => {
    expect(dataLossProblems(stackAt(0), "dev", 0, prev(4, ALL))).toHaveLength(3);
    const some = stackAt(0, "dev", (raw) => { raw.allowDataLoss = { bucket: true, keyValue: true }; });
    expect(dataLossProblems(some, "dev", 0, prev(4, ALL))).toEqual([expect.stringContaining('Postgres database "dev-postgres"')]);
  });

  it("says the previous stage is unknown when the previous run did not export it", () => {
    expect(dataLossProblems(stackAt(2), "dev", 2, prev(undefined, [["keyValue", "dev-keyvalue"]]))[0]).toMatch(/^stage \? → 2 would delete/);
  });

  it("explains the disk move of stage 0 → 1", () => {
    expect(dataLossProblems(stackAt(1), "dev", 1, prev(0, [["disk", "dev-web-disk"]]))).toEqual([
      'stage 0 → 1 moves the disk of app "web" to private service "db": disk "dev-web-disk" would be deleted with its data ' +
      "(Render cannot move a disk between services). Copy the data off first (e.g. sqlite3 .backup over `render ssh`), " +
      "then allow it: pulumi config set --path allowDataLoss.disk true",
    ]);
  });

  it("does not call a disk lost below stage 1 a move", () => {
    expect(dataLossProblems(stackAt(0), "dev", 0, prev(1, [["disk", "dev-db-disk"]]))[0]).toMatch(/^stage 1 → 0 would delete disk "dev-db-disk"/);
  });

  it("tells a protected stack it will also have to unprotect", () => {
    const config = stackAt(2, "dev", (raw) => { raw.protectData = true; });
    expect(dataLossProblems(config, "dev", 2, prev(3, ALL.slice(0, 2)))[0])
      .toMatch(/allowDataLoss\.keyValue true \(protectData is on: Pulumi will also ask you to `pulumi state unprotect` it\)$/);
    expect(dataLossProblems(stackAt(2), "dev", 2, prev(3, ALL.slice(0, 2)))[0]).not.toContain("protectData");
  });

  it("throws every problem as one DataLossError", () => {
    expect(() => assertNoDataLoss(stackAt(0), "dev", 0, prev(4, ALL))).toThrow(DataLossError);
    expect(() => assertNoDataLoss(stackAt(0), "dev", 0, prev(4, ALL))).toThrow(/^Refusing to delete stateful resources:\n {2}- stage 4 → 0/);
    expect(() => assertNoDataLoss(stackAt(4), "dev", 4, prev(4, ALL))).not.toThrow();
  });
});

describe("parsePrevious", () => {
  it("reads the stage and the stateful resources a previous run exported", () => {
    expect(parsePrevious(3, [{ kind: "postgres", name: "p", extra: 1 }, { kind: "keyValue", name: "k" }])).toEqual(prev(3, [["postgres", "p"], ["keyValue", "k"]]));
  });

  it.each([
    ["nothing", undefined, undefined],
    ["a non-array", 2, { kind: "postgres", name: "p" }],
    ["entries of unknown kinds or without names", 2, [{ kind: "volume", name: "v" }, { kind: "disk" }, null, "disk", { kind: "disk", name: 3 }]],
  ])("reads %s as no stateful resources", (_what, stage, stateful) => {
    expect(parsePrevious(stage, stateful).statefulResources).toEqual([]);
  });

  it("ignores a stage that is not a number", () => {
    expect(parsePrevious("3", []).stage).toBeUndefined();
  });
});
