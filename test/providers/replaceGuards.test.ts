import { checkKeyValue } from "../../providers/render/keyValueProvider";
import { checkPostgres, diffPostgres } from "../../providers/render/postgresProvider";

describe("create-only changes that would replace a stateful resource", () => {
  const pgOld = { name: "db", plan: "basic_1gb", region: "oregon", version: "16", databaseName: "app_x1y2", databaseUser: "app" };

  test.each([
    ["region", { region: "frankfurt" }, `"frankfurt" would replace Postgres "db" (now "oregon")`],
    ["version", { version: "17" }, `"17" would replace Postgres "db" (now "16")`],
    ["databaseName", { databaseName: "other" }, `"other" would replace Postgres "db" (now "app_x1y2")`],
    ["databaseUser", { databaseUser: "owner" }, `"owner" would replace Postgres "db" (now "app")`],
  ])("Postgres %s change is refused when data loss is not allowed", (property, change, start) => {
    const result = checkPostgres(pgOld, { ...pgOld, databaseName: "app", ...change, allowReplace: false });
    expect(result.failures).toHaveLength(1);
    expect(result.failures?.[0].property).toBe(property);
    expect(result.failures?.[0].reason.startsWith(start)).toBe(true);
    expect(result.failures?.[0].reason).toContain("pulumi config set --path allowDataLoss.postgres true");
  });

  it.each(["region", "version", "databaseName", "databaseUser"])("plans a replacement when Postgres %s changes", (property) => {
    const news = { ...pgOld, [property]: "changed" };
    expect(diffPostgres(pgOld, news)).toMatchObject({ changes: true, replaces: [property] });
  });

  it("lets Postgres keep its suffixed database name and change in place", () => {
    const result = checkPostgres(pgOld, { ...pgOld, databaseName: "app", plan: "basic_4gb", allowReplace: false });
    expect(result.failures ?? []).toEqual([]);
    expect(result.inputs?.plan).toBe("basic_4gb");
  });

  it("lets a Postgres replacement through once allowed", () => {
    expect(checkPostgres(pgOld, { ...pgOld, version: "17", allowReplace: true }).failures ?? []).toEqual([]);
  });

  const kvOld = { name: "cache", plan: "starter", region: "oregon", maxmemoryPolicy: "allkeys_lru", ipAllowList: [] };

  it("refuses a Key Value region change when data loss is not allowed", () => {
    const result = checkKeyValue({ ...kvOld, region: "virginia", allowReplace: false }, kvOld);
    expect(result.failures).toEqual([{
      property: "region",
      reason: `"virginia" would replace Key Value "cache" (now "oregon") with a new, empty instance. Keep "oregon", ` +
        "or allow it: pulumi config set --path allowDataLoss.keyValue true",
    }]);
  });

  it.each([
    ["allowed", { region: "virginia", allowReplace: true }, kvOld],
    ["a fresh instance", { region: "virginia", allowReplace: false }, {}],
    ["an in-place change", { plan: "standard", allowReplace: false }, kvOld],
  ])("accepts Key Value changes: %s", (_case, change, olds) => {
    expect(checkKeyValue({ ...kvOld, ...change }, olds).failures ?? []).toEqual([]);
  });
});
