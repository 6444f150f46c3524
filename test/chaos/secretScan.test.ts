import { collectSecrets, scanForSecrets, secretEncodings } from "../../chaos/secretScan";

const INVENTORY = {
  postgres: [{ id: "dpg-1-a", name: "db", password: "p4ssw0rd-long" }],
  keyValue: [{ id: "red-1", name: "cache", password: "kv-password-9" }],
  envVars: [
    { serviceId: "srv-1", key: "SECRET_KEY", value: "generated-secret-value==" },
    { serviceId: "srv-1", key: "FLASK_ENV", value: "production-mode" },
  ],
  secretFiles: [{ serviceId: "srv-1", name: "creds.json", content: "{\"token\":\"abcdefgh\"}" }],
};

describe("secret scanner", () => {
  it("takes passwords, secret env vars and secret file contents from the inventory, not plain values", () => {
    const kinds = collectSecrets(INVENTORY, [{ kind: "Render API key", value: "rnd_api_key_123" }]).map((s) => s.kind).sort();
    expect(kinds).toEqual(["Render API key", "env var SECRET_KEY", "keyValue password", "postgres password", "secretFiles content"]);
  });

  it("finds a secret raw, JSON-escaped, URL-encoded or base64-encoded, and names only where and what", () => {
    const secrets = [{ kind: "postgres password", value: "p@ss/word\"x" }];
    for (const form of secretEncodings("p@ss/word\"x")) {
      expect(scanForSecrets([{ source: "state", text: `..${form}..` }], secrets)).toEqual([{ source: "state", kind: "postgres password" }]);
    }
    expect(scanForSecrets([{ source: "log", text: "nothing here" }], secrets)).toEqual([]);
  });

  it("ignores values too short to be told apart from ordinary text", () => {
    expect(collectSecrets({ postgres: [{ password: "short" }] })).toEqual([]);
  });
});

describe("what the secret scan covers", () => {
  const fs = require("fs") as typeof import("fs");
  const os = require("os") as typeof import("os");
  const path = require("path") as typeof import("path");
  const { caseEvidence, caseLeaks } = require("../../chaos/evidence") as typeof import("../../chaos/evidence");

  it("scans every file a run wrote, the emulator's data file included, and looks for the keys everywhere else", () => {
    const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "scan-cover-"));
    const key = "a".repeat(64);
    fs.mkdirSync(path.join(workDir, "state"));
    fs.writeFileSync(path.join(workDir, "emulator.json"), `{"version":2,"sealed":"v1:..."} p4ssw0rd-long`);
    fs.writeFileSync(path.join(workDir, "emulator.json.key"), `${key}\n`);
    fs.writeFileSync(path.join(workDir, "state", "chaos.emulator.json"), "{}");
    fs.writeFileSync(path.join(workDir, "state", "chaos.key"), `${"b".repeat(64)}\n`);
    fs.writeFileSync(path.join(workDir, "state", "chaos.json"), `{"copied":"${key}"}`);
    const sources = caseEvidence(workDir, []).map((t) => t.source).sort();
    expect(sources).toEqual(["file emulator.json", "file state/chaos.emulator.json", "file state/chaos.json"]);
    const target = { workDir, stack: "chaos", emulatorUrl: "http://127.0.0.1:1", apiKey: "rnd_api_key_123", secrets: {} };
    expect(caseLeaks(target, INVENTORY, []).sort((a, b) => a.source.localeCompare(b.source))).toEqual([
      { source: "file emulator.json", kind: "postgres password" },
      { source: "file state/chaos.json", kind: "encryption key emulator.json.key" },
    ]);
    fs.rmSync(workDir, { recursive: true, force: true });
  });
});
