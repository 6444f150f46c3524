import { mkdtempSync, readFileSync, rmSync, statSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import {
  appConfigFromStackOutput, appConfigFromState, CliIo, renderAll, renderApp, runAppConfig,
} from "../../tools/appConfig";
import { secret } from "../../sandbox/wire";
import { StateStore, statePaths } from "../../sandbox/stateStore";

const projectDir = join(__dirname, "..", "..");
const outputs = {
  urls: { web: "https://web.onrender.com" },
  appConfig: {
    web: { FLASK_ENV: "production", DATABASE_URL: secret("postgresql://u:pw@dpg-1/db"), GREETING: "hello world" },
    worker: secret({ QUEUE: "jobs" }),
  },
};

function io(over: Partial<CliIo> = {}): CliIo & { out: string[] } {
  const out: string[] = [];
  return { stdin: () => "", stdinIsTTY: true, stdoutIsTTY: false, write: (t) => out.push(t), projectDir, out, ...over };
}

describe("appConfigFromState", () => {
  it("marks values under a secret wrapper, at any depth, as secret", () => {
    expect(appConfigFromState(outputs)).toEqual({
      web: {
        FLASK_ENV: { value: "production", secret: false },
        DATABASE_URL: { value: "postgresql://u:pw@dpg-1/db", secret: true },
        GREETING: { value: "hello world", secret: false },
      },
      worker: { QUEUE: { value: "jobs", secret: true } },
    });
  });

  it("says what to do when the stack exports no appConfig", () => {
    expect(() => appConfigFromState({ urls: {} })).toThrow("the stack has no appConfig output; run the program (npm run sandbox) first.");
  });
});

describe("appConfigFromStackOutput", () => {
  it("treats secret-looking names and credential URLs as secrets", () => {
    const json = JSON.stringify({ appConfig: { web: { FLASK_ENV: "production", FLASK_SECRET_KEY: "abc", REDIS_URL: "rediss://red-1:pw@host:6379" } } });
    expect(appConfigFromStackOutput(json)).toEqual({ web: {
      FLASK_ENV: { value: "production", secret: false },
      FLASK_SECRET_KEY: { value: "abc", secret: true },
      REDIS_URL: { value: "rediss://red-1:pw@host:6379", secret: true },
    } });
  });

  test.each([
    ["not json", "stdin is not JSON (expected `pulumi stack output --json --show-secrets`)"],
    ['{"urls":{}}', "stdin has no appConfig output"],
    ['{"appConfig":{"web":{"DATABASE_URL":"[secret]"}}}', "appConfig.web.DATABASE_URL is hidden; run `pulumi stack output --json --show-secrets`."],
  ])("rejects %s", (input, message) => {
    expect(() => appConfigFromStackOutput(input)).toThrow(message);
  });
});

describe("rendering", () => {
  const config = appConfigFromState(outputs);

  it("writes .env lines sorted by key, quoting values that need it", () => {
    expect(renderApp(config.web, "dotenv")).toBe(
      'DATABASE_URL=postgresql://u:pw@dpg-1/db\nFLASK_ENV=production\nGREETING="hello world"\n');
  });

  it("writes JSON per app and for all apps", () => {
    expect(JSON.parse(renderApp(config.worker, "json"))).toEqual({ QUEUE: "jobs" });
    expect(JSON.parse(renderAll(config, "json"))).toEqual({
      web: { FLASK_ENV: "production", DATABASE_URL: "postgresql://u:pw@dpg-1/db", GREETING: "hello world" },
      worker: { QUEUE: "jobs" },
    });
  });

  it("heads each app's .env section with its name", () => {
    expect(renderAll(config, "dotenv").split("\n").filter((l) => l.startsWith("#"))).toEqual(["# web", "# worker"]);
  });
});

describe("npm run app-config", () => {
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "app-config-"));
    const { store } = StateStore.open(statePaths(join(dir, "state"), "dev"), "render-stages", "dev");
    await store.save({ version: 1, project: "render-stages", stack: "dev", resources: [{
      urn: "urn:pulumi:dev::render-stages::pulumi:pulumi:Stack::render-stages-dev", type: "pulumi:pulumi:Stack", custom: false,
      inputs: {}, outputs, dependencies: [], protect: false, retainOnDelete: false, deleteBeforeReplace: false, additionalSecretOutputs: [],
    }] });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const stateArgs = () => ["--stack", "dev", "--state-dir", join(dir, "state")];

  it("reads the sandbox state, whose file holds no secret in plain text", () => {
    expect(readFileSync(join(dir, "state", "dev.json"), "utf8")).not.toContain("pw@dpg-1");
    const cli = io();
    expect(runAppConfig([...stateArgs(), "--app", "web", "--format", "json"], cli)).toBe(0);
    expect(JSON.parse(cli.out.join(""))).toEqual({ web: { DATABASE_URL: "postgresql://u:pw@dpg-1/db", FLASK_ENV: "production", GREETING: "hello world" } });
  });

  it("refuses to print secrets to a terminal", () => {
    expect(() => runAppConfig(stateArgs(), io({ stdoutIsTTY: true }))).toThrow(
      "refusing to print secrets to a terminal (web: DATABASE_URL; worker: QUEUE); pass --show-secrets, redirect to a file, or use --out DIR.");
  });

  it("prints secrets to a terminal when asked, and plain values without asking", () => {
    const asked = io({ stdoutIsTTY: true });
    runAppConfig([...stateArgs(), "--show-secrets"], asked);
    expect(asked.out.join("")).toContain("DATABASE_URL=postgresql://u:pw@dpg-1/db");
    const plain = io({ stdinIsTTY: false, stdoutIsTTY: true, stdin: () => JSON.stringify({ appConfig: { web: { FLASK_ENV: "production" } } }) });
    runAppConfig([], plain);
    expect(plain.out.join("")).toBe("# web\nFLASK_ENV=production\n");
  });

  it("writes one file per app with mode 0600 under --out", () => {
    const cli = io({ stdoutIsTTY: true });
    runAppConfig([...stateArgs(), "--out", join(dir, "env")], cli);
    expect(cli.out).toEqual([`wrote ${join(dir, "env", "web.env")} (mode 0600)\n`, `wrote ${join(dir, "env", "worker.env")} (mode 0600)\n`]);
    expect(statSync(join(dir, "env", "web.env")).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(dir, "env", "worker.env"), "utf8")).toBe("QUEUE=jobs\n");
  });

  test.each([
    [["--format", "yaml"], '--format: "yaml" is not a format; use dotenv or json.'],
    [["--app", "nope"], '--app: "nope" is not an app of this stack; apps: web, worker.'],
    [["--stack", "missing"], 'no sandbox state for stack "missing"'],
  ])("explains %j", (args, message) => {
    const extra = args[0] === "--stack" ? ["--state-dir", join(dir, "state")] : stateArgs();
    expect(() => runAppConfig([...extra, ...args], io())).toThrow(message);
  });
});
