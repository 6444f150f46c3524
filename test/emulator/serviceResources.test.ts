import { startEmulator, type EmulatorHandle } from "../../emulator/server";
import { imageServiceBody, webServiceBody } from "./fixtures";
import { apiClient, call } from "./http";

describe("emulator service sub-resources", () => {
  let emulator: EmulatorHandle;
  let api: ReturnType<typeof apiClient>;
  let serviceId: string;
  beforeAll(async () => {
    emulator = await startEmulator({ seed: 5, rateLimits: "off" });
    api = apiClient(emulator.apiUrl, emulator.apiKey);
  });
  afterAll(() => emulator.close());
  beforeEach(async () => {
    await call(emulator.url, "POST", "/__emulator/reset");
    const created = await api("POST", "/services", webServiceBody(emulator.ownerId, { envVars: [{ key: "A", value: "1" }, { key: "B", value: "2" }], secretFiles: [{ name: "f2", content: "two" }, { name: "f1", content: "one" }] }));
    serviceId = (created.body as { service: { id: string } }).service.id;
  });

  it("lists env vars newest first and replaces them in bulk, answering in request order", async () => {
    const before = (await api("GET", `/services/${serviceId}/env-vars`)).body as { envVar: { key: string } }[];
    const put = await api("PUT", `/services/${serviceId}/env-vars`, [{ key: "A", value: "new" }, { key: "SECRET", generateValue: true }]);
    const after = (await api("GET", `/services/${serviceId}/env-vars`)).body as { envVar: { key: string; value: string } }[];
    const putKeys = (put.body as { envVar: { key: string; value: string } }[]).map((item) => item.envVar.key);
    expect(before.map((item) => item.envVar.key)).toEqual(["B", "A"]);
    expect(putKeys).toEqual(["A", "SECRET"]);
    expect(after.map((item) => item.envVar.key)).toEqual(["SECRET", "A"]);
    expect(after[0].envVar.value).toMatch(/^[A-Za-z0-9+/]{43}=$/);
  });

  it("wipes env vars and secret files on a null bulk body", async () => {
    const vars = await api("PUT", `/services/${serviceId}/env-vars`, null);
    const files = await api("PUT", `/services/${serviceId}/secret-files`, null);
    const left = await api("GET", `/services/${serviceId}/env-vars`);
    expect([vars.status, vars.body, files.body, left.body]).toEqual([200, [], [], []]);
  });

  it("reads, writes and deletes single env vars and secret files", async () => {
    const put = await api("PUT", `/services/${serviceId}/env-vars/C`, { value: "3" });
    const get = await api("GET", `/services/${serviceId}/env-vars/C`);
    const del = await api("DELETE", `/services/${serviceId}/env-vars/C`);
    const gone = await api("GET", `/services/${serviceId}/env-vars/C`);
    const file = await api("PUT", `/services/${serviceId}/secret-files/f3`, { content: "three" });
    const files = (await api("GET", `/services/${serviceId}/secret-files`)).body as { secretFile: { name: string } }[];
    expect([put.status, put.body, get.body, del.status, gone.status]).toEqual([200, { key: "C", value: "3" }, { key: "C", value: "3" }, 204, 404]);
    expect([file.status, file.body]).toEqual([201, { content: "three", name: "f3" }]);
    expect(files.map((item) => item.secretFile.name)).toEqual(["f3", "f1", "f2"]);
  });

  it("adds the www companion for an apex domain and the apex for a www domain", async () => {
    const apex = await api("POST", `/services/${serviceId}/custom-domains`, { name: "example.com" });
    const www = await api("POST", `/services/${serviceId}/custom-domains`, { name: "www.example.org" });
    const pick = (res: { body: unknown }) => (res.body as Record<string, string>[]).map(({ name, domainType, redirectForName, verificationStatus, publicSuffix }) => ({ name, domainType, redirectForName, verificationStatus, publicSuffix }));
    expect([apex.status, pick(apex)]).toEqual([201, [
      { name: "example.com", domainType: "apex", redirectForName: "", verificationStatus: "unverified", publicSuffix: "com" },
      { name: "www.example.com", domainType: "subdomain", redirectForName: "example.com", verificationStatus: "unverified", publicSuffix: "com" },
    ]]);
    expect(pick(www).map((domain) => [domain.name, domain.redirectForName])).toEqual([["www.example.org", ""], ["example.org", "www.example.org"]]);
  });

  it("reads, verifies and deletes a custom domain by name or id", async () => {
    const created = (await api("POST", `/services/${serviceId}/custom-domains`, { name: "app.example.com" })).body as { id: string }[];
    const byId = await api("GET", `/services/${serviceId}/custom-domains/${created[0].id}`);
    const verify = await api("POST", `/services/${serviceId}/custom-domains/app.example.com/verify`);
    const del = await api("DELETE", `/services/${serviceId}/custom-domains/app.example.com`);
    const list = await api("GET", `/services/${serviceId}/custom-domains?limit=100`);
    expect([(byId.body as { name: string }).name, verify.status, verify.text, del.status, list.body]).toEqual(["app.example.com", 202, "", 204, []]);
  });

  it("refuses custom domains on private services", async () => {
    const pserv = (await api("POST", "/services", imageServiceBody(emulator.ownerId, "private_service", "p"))).body as { service: { id: string } };
    const res = await api("POST", `/services/${pserv.service.id}/custom-domains`, { name: "p.example.com" });
    expect([res.status, res.body]).toEqual([400, { message: "custom domains are only supported for web_service and static_site, not private_service" }]);
  });

  it("adds a disk, grows it, refuses to shrink it and shows it on the service", async () => {
    const disk = await api("POST", "/disks", { serviceId, name: "data", mountPath: "/var/data", sizeGB: 5 });
    const id = (disk.body as { id: string }).id;
    const grown = await api("PATCH", `/disks/${id}`, { sizeGB: 10 });
    const shrink = await api("PATCH", `/disks/${id}`, { sizeGB: 2 });
    const service = (await api("GET", `/services/${serviceId}`)).body as { serviceDetails: { disk: unknown } };
    const listed = (await api("GET", `/disks?serviceId=${serviceId}`)).body as { disk: { id: string } }[];
    expect([disk.status, (grown.body as { sizeGB: number }).sizeGB]).toEqual([201, 10]);
    expect([shrink.status, shrink.body]).toEqual([400, { message: "invalid sizeGB 2: disks can only grow; the current size is 10 GB" }]);
    expect(service.serviceDetails.disk).toEqual({ id, mountPath: "/var/data", name: "data", sizeGB: 10 });
    expect(listed.map((item) => item.disk.id)).toEqual([id]);
  });

  it("scales, autoscales and removes autoscaling so the key disappears", async () => {
    const scale = await api("POST", `/services/${serviceId}/scale`, { numInstances: 3 });
    const scaled = (await api("GET", `/services/${serviceId}`)).body as { serviceDetails: Record<string, unknown> };
    const auto = { enabled: true, min: 1, max: 4, criteria: { cpu: { enabled: true, percentage: 60 }, memory: { enabled: false, percentage: 70 } } };
    const put = await api("PUT", `/services/${serviceId}/autoscaling`, auto);
    const del = await api("DELETE", `/services/${serviceId}/autoscaling`);
    const after = (await api("GET", `/services/${serviceId}`)).body as { serviceDetails: Record<string, unknown> };
    expect([scale.status, scale.text, scaled.serviceDetails.numInstances]).toEqual([202, "", 3]);
    expect([put.status, put.body, del.status, "autoscaling" in after.serviceDetails]).toEqual([200, auto, 204, false]);
  });

  it("suspends and resumes a service", async () => {
    const suspend = await api("POST", `/services/${serviceId}/suspend`);
    const suspended = (await api("GET", `/services/${serviceId}`)).body as { suspended: string; suspenders: string[] };
    const resume = await api("POST", `/services/${serviceId}/resume`);
    const resumed = (await api("GET", `/services/${serviceId}`)).body as { suspended: string };
    expect([suspend.status, suspended.suspended, suspended.suspenders, resume.status, resumed.suspended]).toEqual([202, "suspended", ["user"], 202, "not_suspended"]);
  });

  it("keeps static-site headers and redirect rules in priority order", async () => {
    const site = (await api("POST", "/services", { type: "static_site", name: "site", ownerId: emulator.ownerId, repo: "https://github.com/a/b", serviceDetails: { routes: [{ type: "redirect", source: "/a", destination: "/b" }] } })).body as { service: { id: string } };
    const id = site.service.id;
    const header = await api("POST", `/services/${id}/headers`, { path: "/*", name: "X-Frame-Options", value: "DENY" });
    const route = await api("POST", `/services/${id}/routes`, { type: "rewrite", source: "/c", destination: "/d", priority: 0 });
    const routes = (await api("GET", `/services/${id}/routes`)).body as { route: { source: string; priority: number } }[];
    const headers = (await api("GET", `/services/${id}/headers`)).body as { header: { name: string } }[];
    expect([header.status, route.status]).toEqual([201, 201]);
    expect(routes.map((item) => [item.route.source, item.route.priority])).toEqual([["/c", 0], ["/a", 1]]);
    expect(headers.map((item) => item.header.name)).toEqual(["X-Frame-Options"]);
  });
});
