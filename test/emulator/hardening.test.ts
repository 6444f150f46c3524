import * as fs from "fs";
import * as net from "net";
import * as os from "os";
import * as path from "path";
import { keyFileCipher, stateKeyFile } from "../../emulator/stateFile";
import { startEmulator, type EmulatorHandle } from "../../emulator/server";
import { postgresBody, webServiceBody } from "./fixtures";
import { apiClient, call } from "./http";

/** Sends raw HTTP (headers exactly as given) and resolves with the status line and body the emulator answers. */
function rawRequest(port: number, head: string, body = ""): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, "127.0.0.1");
    let answer = "";
    socket.setEncoding("utf8");
    socket.on("data", (chunk: string) => { answer += chunk; });
    socket.on("error", (err) => (answer ? undefined : reject(err)));
    socket.on("close", () => resolve({ status: Number(/^HTTP\/1\.1 (\d+)/.exec(answer)?.[1] ?? 0), text: answer.slice(answer.indexOf("\r\n\r\n") + 4) }));
    socket.write(`${head}\r\n\r\n${body}`);
  });
}

describe("emulator hardening", () => {
  let emulator: EmulatorHandle;
  beforeAll(async () => {
    emulator = await startEmulator({ rateLimits: "off", maxBodyBytes: 64 * 1024 });
  });
  afterAll(() => emulator.close());
  beforeEach(() => call(emulator.url, "POST", "/__emulator/reset"));

  const faultsCount = async () => ((await call(emulator.url, "GET", "/__emulator/faults")).body as unknown[]).length;
  const fault = { method: "GET", path: "/v1/services", status: 503 };

  it("refuses admin calls without the run's token, from a web page, or without a JSON content type", async () => {
    const noToken = await call(emulator.url, "POST", "/__emulator/faults", { body: fault, headers: { "x-emulator-token": "" } });
    const wrongToken = await call(emulator.url, "GET", "/__emulator/state", { headers: { "x-emulator-token": "x".repeat(32) } });
    const page = await call(emulator.url, "POST", "/__emulator/faults", {
      rawBody: JSON.stringify(fault), headers: { "content-type": "text/plain", origin: "http://evil.example", "x-emulator-token": "" },
    });
    const plainWithToken = await call(emulator.url, "POST", "/__emulator/faults", { rawBody: JSON.stringify(fault), headers: { "content-type": "text/plain" } });
    const pageWithToken = await call(emulator.url, "POST", "/__emulator/faults", { body: fault, headers: { origin: "https://evil.example" } });
    expect([noToken.status, wrongToken.status, page.status, plainWithToken.status, pageWithToken.status]).toEqual([401, 401, 403, 415, 403]);
    expect(await faultsCount()).toBe(0);
    expect((noToken.body as { message: string }).message).toContain("x-emulator-token");
    expect((plainWithToken.body as { message: string }).message).toContain("application/json");
    expect((await call(emulator.url, "POST", "/__emulator/faults", { body: fault })).status).toBe(201);
    expect(await faultsCount()).toBe(1);
  });

  it("answers only requests whose Host names this emulator on loopback", async () => {
    const port = emulator.port;
    const rebound = await call(emulator.url, "GET", "/__emulator/state", { headers: { host: `attacker.example:${port}` } });
    const api = await call(emulator.apiUrl, "GET", "/owners", { apiKey: emulator.apiKey, headers: { host: `attacker.example:${port}` } });
    const otherPort = await call(emulator.apiUrl, "GET", "/owners", { apiKey: emulator.apiKey, headers: { host: `127.0.0.1:${port + 1}` } });
    expect([rebound.status, api.status, otherPort.status]).toEqual([403, 403, 403]);
    expect(rebound.text).not.toContain(emulator.apiKey);
    expect((rebound.body as { message: string }).message).toContain('Host "attacker.example:');
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`, `LOCALHOST:${port}`]) {
      expect([host, (await call(emulator.apiUrl, "GET", "/owners", { apiKey: emulator.apiKey, headers: { host } })).status]).toEqual([host, 200]);
    }
  });

  it("answers 413 to a body over the cap before reading it or looking at the key", async () => {
    const declared = await rawRequest(emulator.port, [
      "POST /v1/services HTTP/1.1", `Host: 127.0.0.1:${emulator.port}`, "Content-Type: application/json", `Content-Length: ${400 * 1024 * 1024}`,
    ].join("\r\n"), "{");
    expect(declared.status).toBe(413);
    expect(JSON.parse(declared.text)).toEqual({ message: `request body too large: ${400 * 1024 * 1024} bytes; the limit is 65536 bytes` });
    const admin = await rawRequest(emulator.port, [
      "POST /__emulator/faults HTTP/1.1", `Host: 127.0.0.1:${emulator.port}`, "Content-Type: text/plain", `Content-Length: ${10 * 1024 * 1024}`,
    ].join("\r\n"));
    expect(admin.status).toBe(413);
    // No length declared: counted as it arrives.
    const chunk = "x".repeat(16 * 1024);
    const chunked = await rawRequest(emulator.port, [
      "POST /v1/services HTTP/1.1", `Host: 127.0.0.1:${emulator.port}`, "Transfer-Encoding: chunked",
    ].join("\r\n"), `${Array.from({ length: 8 }, () => `${chunk.length.toString(16)}\r\n${chunk}\r\n`).join("")}0\r\n\r\n`);
    expect(chunked.status).toBe(413);
    // Within the cap, the same request is read and answered as Render would (here: no key).
    const small = await call(emulator.apiUrl, "POST", "/services", { body: webServiceBody(emulator.ownerId) });
    expect(small.status).toBe(401);
  });

  it.each(["constructor", "__proto__", "toString", "hasOwnProperty", "valueOf"])("answers 401 to the key %j", async (key) => {
    const res = await call(emulator.apiUrl, "GET", "/services", { apiKey: key });
    expect([res.status, res.body]).toEqual([401, { message: "unauthorized" }]);
  });

  it("adds no owner or key through prototype names", async () => {
    const res = await call(emulator.url, "POST", "/__emulator/owners", { body: { apiKey: "__proto__", id: "tea-proto0000000000000000" } });
    expect(res.status).toBe(201);
    const viaProto = await call(emulator.apiUrl, "GET", "/owners", { apiKey: "__proto__" });
    const other = await call(emulator.apiUrl, "GET", "/owners", { apiKey: "constructor" });
    expect([viaProto.status, other.status]).toEqual([200, 401]);
    expect((viaProto.body as { owner: { id: string } }[]).map((o) => o.owner.id)).toEqual(["tea-proto0000000000000000"]);
  });
});

describe("emulator state file", () => {
  it("saves every acknowledged write at once, sealed and readable by its owner only", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "emulator-sealed-"));
    const stateFile = path.join(dir, "stack.emulator.json");
    const emulator = await startEmulator({ stateFile, apiKey: "key-for-the-sealed-state-test", timeScale: 0.001 });
    try {
      const api = apiClient(emulator.apiUrl, emulator.apiKey);
      const service = (await api("POST", "/services", webServiceBody(emulator.ownerId, {
        envVars: [{ key: "SESSION_KEY", value: "plain-session-value-1234" }], secretFiles: [{ name: "app.env", content: "file-content-abcdef" }],
      }))).body as { service: { id: string } };
      const db = (await api("POST", "/postgres", postgresBody(emulator.ownerId))).body as { id: string };
      const inventory = (await call(emulator.url, "GET", "/__emulator/state")).body as { postgres: { password: string }[] };
      // Not closed: what a kill -9 would leave.
      const text = fs.readFileSync(stateFile, "utf8");
      for (const secret of ["plain-session-value-1234", "file-content-abcdef", "key-for-the-sealed-state-test", inventory.postgres[0].password]) {
        expect(text).not.toContain(secret);
      }
      expect(fs.statSync(stateFile).mode & 0o777).toBe(0o600);
      expect(fs.statSync(stateKeyFile(stateFile)).mode & 0o777).toBe(0o600);
      const saved = JSON.parse(keyFileCipher(stateKeyFile(stateFile)).decrypt(JSON.parse(text).sealed)) as { services: Record<string, unknown>; postgres: Record<string, unknown> };
      expect(Object.keys(saved.services)).toEqual([service.service.id]);
      expect(Object.keys(saved.postgres)).toEqual([db.id]);
      expect(fs.readdirSync(dir).sort()).toEqual(["stack.emulator.json", "stack.emulator.json.key"]);
    } finally {
      await emulator.close();
    }
  });

  it("refuses a key file that does not open the state", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "emulator-sealed-"));
    const stateFile = path.join(dir, "s.json");
    const first = await startEmulator({ stateFile });
    await first.close();
    fs.rmSync(stateKeyFile(stateFile));
    await expect(startEmulator({ stateFile })).rejects.toThrow(`the emulator state cannot be opened with the key in ${stateKeyFile(stateFile)}`);
  });
});
