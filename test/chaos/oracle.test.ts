import { findDuplicates, findLost, findOrphans, fingerprint, fingerprintDiff, ownedIds, statefulIds } from "../../chaos/oracle";

const service = (id: string, name: string, plan = "starter") => ({ id, name, type: "web_service", serviceDetails: { plan, region: "oregon", numInstances: 1 }, suspended: "not_suspended" });

function inventory(extra: Record<string, unknown[]> = {}): Record<string, unknown[]> {
  return {
    services: [service("srv-aaaa", "chaos-web")],
    disks: [],
    postgres: [{ id: "dpg-bbbb-a", name: "chaos-db", plan: "basic_1gb", region: "oregon", version: "16", highAvailabilityEnabled: false, role: "primary", password: "pw-secret-1" }],
    keyValue: [{ id: "red-cccc", name: "chaos-cache", plan: "starter", region: "oregon", options: { maxmemoryPolicy: "allkeys_lru" }, password: "pw-secret-2" }],
    envGroups: [],
    projects: [],
    customDomains: [{ id: "cdm-dddd", name: "www.example.com", serviceId: "srv-aaaa" }, { id: "cdm-eeee", name: "example.com", serviceId: "srv-aaaa" }],
    envVars: [
      { serviceId: "srv-aaaa", key: "DATABASE_URL", value: "postgresql://u:pw-secret-1@dpg-bbbb-a/db" },
      { serviceId: "srv-aaaa", key: "REDIS_URL", value: "redis://red-cccc:6379" },
    ],
    ...extra,
  };
}

const STATE = JSON.stringify({ resources: [{ id: "srv-aaaa" }, { id: "dpg-bbbb-a" }, { id: "red-cccc" }] });

describe("chaos oracle", () => {
  it("counts a name used twice in one kind as a duplicate", () => {
    const inv = inventory({ services: [service("srv-aaaa", "chaos-web"), service("srv-ffff", "chaos-web")] });
    expect(findDuplicates(inv)).toEqual(['services "chaos-web" ×2']);
    expect(findDuplicates(inventory())).toEqual([]);
  });

  it("finds objects the state does not own, but not a service's own domains", () => {
    expect(ownedIds(STATE)).toEqual(new Set(["srv-aaaa", "dpg-bbbb-a", "red-cccc"]));
    expect(findOrphans(inventory(), STATE)).toEqual([]);
    const inv = inventory({ services: [service("srv-aaaa", "chaos-web"), service("srv-ffff", "chaos-web-2")] });
    expect(findOrphans(inv, STATE)).toEqual(['services srv-ffff "chaos-web-2"']);
    expect(findOrphans(inv, STATE, new Set(["srv-ffff"]))).toEqual([]);
  });

  it("reports a desired stateful object that is gone or was replaced, unless the harness removed it", () => {
    const before = statefulIds(inventory());
    const desired = fingerprint(inventory());
    const replaced = statefulIds(inventory({ postgres: [{ id: "dpg-zzzz-a", name: "chaos-db" }] }));
    expect(findLost([before], replaced, desired)).toEqual(['postgres "chaos-db" was replaced (dpg-bbbb-a → dpg-zzzz-a)']);
    expect(findLost([before], statefulIds(inventory({ keyValue: [] })), desired)).toEqual(['keyValue "chaos-cache" (red-cccc) is gone']);
    expect(findLost([before], statefulIds(inventory({ keyValue: [] })), desired, new Set(["red-cccc"]))).toEqual([]);
  });

  it("ignores stateful objects the desired state does not keep (a destroy)", () => {
    const empty = fingerprint({});
    expect(findLost([statefulIds(inventory())], statefulIds({}), empty)).toEqual([]);
  });

  it("agrees with itself and names what differs", () => {
    expect(fingerprintDiff(fingerprint(inventory()), fingerprint(inventory()))).toEqual([]);
    const bigger = inventory({ services: [service("srv-aaaa", "chaos-web", "standard")] });
    expect(fingerprintDiff(fingerprint(inventory()), fingerprint(bigger))).toEqual([
      'services "chaos-web": want {"type":"web_service","plan":"starter","region":"oregon","numInstances":1,"autoscaling":null,"suspended":"not_suspended","envVars":["DATABASE_URL","REDIS_URL"],"secretFiles":[],"domains":["example.com","www.example.com"]}, got {"type":"web_service","plan":"standard","region":"oregon","numInstances":1,"autoscaling":null,"suspended":"not_suspended","envVars":["DATABASE_URL","REDIS_URL"],"secretFiles":[],"domains":["example.com","www.example.com"]}',
    ]);
  });

  it("flags a connection string that points at a database that no longer exists", () => {
    const stale = inventory({ postgres: [{ id: "dpg-new0-a", name: "chaos-db", password: "other" }] });
    expect(fingerprint(stale).staleWiring).toEqual(["chaos-web.DATABASE_URL"]);
    expect(fingerprint(inventory()).staleWiring).toEqual([]);
  });
});
