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
