/** The emulator's conflict rules: a custom domain belongs to one service in all of Render; a service has one disk. */
import { startEmulator, type EmulatorHandle } from "../../emulator/server";
import { webServiceBody } from "./fixtures";
import { apiClient, call } from "./http";

describe("emulator conflict rules", () => {
  let emulator: EmulatorHandle;
  let api: ReturnType<typeof apiClient>;
  let first: string;
  let second: string;
  beforeAll(async () => {
    emulator = await startEmulator({ seed: 7, rateLimits: "off" });
    api = apiClient(emulator.apiUrl, emulator.apiKey);
  });
  afterAll(() => emulator.close());
  beforeEach(async () => {
    await call(emulator.url, "POST", "/__emulator/reset");
    const created = async (name: string) => ((await api("POST", "/services", webServiceBody(emulator.ownerId, { name }))).body as { service: { id: string } }).service.id;
    first = await created("one");
    second = await created("two");
  });

  const domainsOf = async (serviceId: string) =>
    ((await api("GET", `/services/${serviceId}/custom-domains`)).body as { customDomain: { name: string } }[]).map((d) => d.customDomain.name).sort();

  it("answers 409 when another service already has the domain, and adds nothing", async () => {
    expect((await api("POST", `/services/${first}/custom-domains`, { name: "app.example.com" })).status).toBe(201);

    const taken = await api("POST", `/services/${second}/custom-domains`, { name: "App.Example.com" });

    expect([taken.status, taken.body]).toEqual([409, { message: "custom domain app.example.com is already in use" }]);
    expect(await domainsOf(second)).toEqual([]);
    expect(await domainsOf(first)).toEqual(["app.example.com"]);
  });

  it("answers 409 when the same service adds a domain it already has", async () => {
    await api("POST", `/services/${first}/custom-domains`, { name: "app.example.com" });
    const again = await api("POST", `/services/${first}/custom-domains`, { name: "app.example.com" });
    expect(again.status).toBe(409);
    expect(await domainsOf(first)).toEqual(["app.example.com"]);
  });

  it("skips the www companion another service already has", async () => {
    await api("POST", `/services/${second}/custom-domains`, { name: "www.example.com" });
    await api("DELETE", `/services/${second}/custom-domains/example.com`);
    expect(await domainsOf(second)).toEqual(["www.example.com"]);
    const apex = await api("POST", `/services/${first}/custom-domains`, { name: "example.com" });
    expect(apex.status).toBe(201);
    expect(await domainsOf(first)).toEqual(["example.com"]);
    expect(await domainsOf(second)).toEqual(["www.example.com"]);
  });

  it("frees a domain once its service deletes it", async () => {
    await api("POST", `/services/${first}/custom-domains`, { name: "app.example.com" });
    expect((await api("DELETE", `/services/${first}/custom-domains/app.example.com`)).status).toBe(204);
    expect((await api("POST", `/services/${second}/custom-domains`, { name: "app.example.com" })).status).toBe(201);
  });

  it("refuses a second disk on a service with 409 and keeps the first", async () => {
    const disk = await api("POST", "/disks", { serviceId: first, name: "data", mountPath: "/var/data", sizeGB: 5 });
    expect(disk.status).toBe(201);

    const again = await api("POST", "/disks", { serviceId: first, name: "more", mountPath: "/var/more", sizeGB: 1 });

    expect([again.status, again.body]).toEqual([409, { message: `service ${first} already has a disk; a service can have only one` }]);
    const disks = (await api("GET", `/disks?serviceId=${first}`)).body as { disk: { name: string } }[];
    expect(disks.map((d) => d.disk.name)).toEqual(["data"]);
  });

  it("gives each service its own disk", async () => {
    expect((await api("POST", "/disks", { serviceId: first, name: "data", mountPath: "/var/data", sizeGB: 5 })).status).toBe(201);
    expect((await api("POST", "/disks", { serviceId: second, name: "data", mountPath: "/var/data", sizeGB: 5 })).status).toBe(201);
  });

  it("takes a new disk once the old one is deleted", async () => {
    const id = ((await api("POST", "/disks", { serviceId: first, name: "data", mountPath: "/var/data", sizeGB: 5 })).body as { id: string }).id;
    expect((await api("DELETE", `/disks/${id}`)).status).toBe(204);
    expect((await api("POST", "/disks", { serviceId: first, name: "data2", mountPath: "/var/data", sizeGB: 1 })).status).toBe(201);
  });
});
