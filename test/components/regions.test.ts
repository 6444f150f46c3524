import { PlacedApp, placeApps, unreachableMessage } from "../../components/regions";

const web = (env: PlacedApp["env"] = {}, region?: string): PlacedApp => ({ type: "web", env, region });
const pserv = (env: PlacedApp["env"] = {}, extra: Partial<PlacedApp> = {}): PlacedApp => ({ type: "pserv", env, ...extra });
const calls = (name: string, property = "hostport") => ({ fromService: { name, property } });
const at = (stage: number, apps: Record<string, PlacedApp>) => placeApps({ stage, region: "oregon", regions: ["oregon", "frankfurt", "singapore"], apps });

describe("placeApps", () => {
  it("copies web services to every other region at stage 5, and nothing below", () => {
    expect(at(5, { site: web(), api: pserv() }).copies).toEqual({ site: ["frankfurt", "singapore"], api: [] });
    expect(at(4, { site: web() }).copies).toEqual({ site: [] });
  });

  it("copies a private service to each region its callers run in, through a chain of private services", () => {
    const placed = at(5, { site: web({ API: calls("api") }), api: pserv({ RENDER: calls("renderer", "host") }), renderer: pserv(), jobs: pserv() });
    expect(placed.copies).toEqual({ site: ["frankfurt", "singapore"], api: ["frankfurt", "singapore"], renderer: ["frankfurt", "singapore"], jobs: [] });
    expect(placed.unreachable).toEqual([]);
  });

  it("leaves a web service's public url alone: it is reachable from anywhere", () => {
    const placed = at(5, { site: web({ API: calls("api", "url") }, "frankfurt"), api: web({}, "oregon") });
    expect(placed.unreachable).toEqual([]);
  });

  it("reports a private service that owns a disk when callers in other regions need it", () => {
    const placed = at(5, { site: web({ DB: calls("store") }), store: pserv({}, { disk: { sizeGB: 10 } }) });
    expect(placed.copies.store).toEqual([]);
    expect(placed.unreachable).toEqual([{ app: "site", env: "DB", target: "store", regions: ["frankfurt", "singapore"], targetRegion: "oregon", why: "disk" }]);
    expect(unreachableMessage(placed.unreachable[0], "pserv")).toBe(
      '"store" owns a disk, so stage 5 cannot copy it to frankfurt, singapore, where this app runs too, and Render\'s private network does not cross regions; keep the disk on another service, or reference a web service\'s url');
  });

  it("reports a private address in another region below stage 5", () => {
    const placed = at(4, { site: web({ API: calls("api", "host") }), api: web({}, "frankfurt") });
    expect(placed.unreachable).toEqual([{ app: "site", env: "API", target: "api", regions: ["oregon"], targetRegion: "frankfurt", why: "regional" }]);
    expect(unreachableMessage(placed.unreachable[0], "web")).toBe(
      '"api" runs in frankfurt only and this app also runs in oregon; its host is on Render\'s private network, which does not cross regions: run both in one region, or reference its url');
  });
});
