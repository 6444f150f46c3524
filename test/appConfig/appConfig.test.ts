import { spawnSync } from "child_process";
import { chmodSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import {
  appConfigFromStackOutput, appConfigFromState, CliIo, maskSecrets, renderAll, renderApp, runAppConfig, writeNoFollow, writePrivateFile,
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

function io(over: Partial<CliIo> = {}): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { stdin: () => "", stdinIsTTY: true, write: (t) => out.push(t), warn: (t) => err.push(t), projectDir, out, err, ...over };
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

  it("also counts a credential the stack left unmarked as a secret", () => {
    const config = appConfigFromState({ appConfig: { web: { REDIS_URL: "rediss://red-1:hunter22@host:6379", SESSION_SECRET: "x1", PORT: "8000" } } });
    expect(config.web).toEqual({
      REDIS_URL: { value: "rediss://red-1:hunter22@host:6379", secret: true },
      SESSION_SECRET: { value: "x1", secret: true },
      PORT: { value: "8000", secret: false },
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

  it("shows masked secrets as [secret], commented out in .env so sourcing it sets nothing", () => {
    const masked = maskSecrets(config);
    expect(renderApp(masked.web, "dotenv")).toBe('# DATABASE_URL=[secret]\nFLASK_ENV=production\nGREETING="hello world"\n');
    expect(JSON.parse(renderAll(masked, "json"))).toEqual({
      web: { FLASK_ENV: "production", DATABASE_URL: "[secret]", GREETING: "hello world" }, worker: { QUEUE: "[secret]" },
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
    expect(runAppConfig([...stateArgs(), "--app", "web", "--format", "json", "--show-secrets"], cli)).toBe(0);
    expect(JSON.parse(cli.out.join(""))).toEqual({ web: { DATABASE_URL: "postgresql://u:pw@dpg-1/db", FLASK_ENV: "production", GREETING: "hello world" } });
  });

  it("never prints a secret value without --show-secrets, and says which it hid", () => {
    for (const format of ["dotenv", "json"]) {
      const cli = io();
      expect(runAppConfig([...stateArgs(), "--format", format], cli)).toBe(0);
      const out = cli.out.join("");
      expect(out).not.toContain("pw@dpg-1");
      expect(out).not.toContain("jobs");
      expect(out).toContain("production");
      expect(cli.err.join("")).toBe("app-config: secret values hidden (web: DATABASE_URL; worker: QUEUE); pass --show-secrets to print them, " +
        "or --out FILE to write them to a file only you can read.\n");
    }
  });

  it("hides secrets read from `pulumi stack output` on stdin too", () => {
    const cli = io({ stdinIsTTY: false, stdin: () => JSON.stringify({ appConfig: { web: { FLASK_ENV: "production", DATABASE_URL: "postgres://u:s3cret@h/db" } } }) });
    runAppConfig([], cli);
    expect(cli.out.join("")).toBe("# web\n# DATABASE_URL=[secret]\nFLASK_ENV=production\n");
  });

  it("prints secrets when asked, and plain values without a note", () => {
    const asked = io();
    runAppConfig([...stateArgs(), "--show-secrets"], asked);
    expect(asked.out.join("")).toContain("DATABASE_URL=postgresql://u:pw@dpg-1/db");
    expect(asked.err).toEqual([]);
    const plain = io({ stdinIsTTY: false, stdin: () => JSON.stringify({ appConfig: { web: { FLASK_ENV: "production" } } }) });
    runAppConfig([], plain);
    expect([plain.out.join(""), plain.err]).toEqual(["# web\nFLASK_ENV=production\n", []]);
  });

  it("prints no secret through a pipe, as the command runs (npm run app-config -- --stack dev | cat)", () => {
    const run = spawnSync(process.execPath, ["-r", "ts-node/register/transpile-only", join(projectDir, "tools", "appConfig.ts"), ...stateArgs()],
      { cwd: projectDir, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("# DATABASE_URL=[secret]");
    expect(run.stdout).not.toContain("pw@dpg-1");
    expect(run.stderr).toContain("secret values hidden (web: DATABASE_URL; worker: QUEUE)");
  }, 120_000);

  it("writes every value to --out FILE with mode 0600", () => {
    const file = join(dir, "all.env");
    const cli = io();
    runAppConfig([...stateArgs(), "--out", file], cli);
    expect(cli.out).toEqual([`wrote ${file} (mode 0600)\n`]);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, "utf8")).toBe('# web\nDATABASE_URL=postgresql://u:pw@dpg-1/db\nFLASK_ENV=production\nGREETING="hello world"\n\n# worker\nQUEUE=jobs\n');
  });

  it("narrows an existing world-readable file to 0600 before writing into it", () => {
    const file = join(dir, "existing.env");
    writeFileSync(file, "OLD=1\nLONGER CONTENT THAN THE NEW ONE ".repeat(20), { mode: 0o644 });
    chmodSync(file, 0o644);
    runAppConfig([...stateArgs(), "--app", "worker", "--out", file], io());
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, "utf8")).toBe("# worker\nQUEUE=jobs\n");
  });

  it("refuses to follow a symbolic link, leaving its target untouched", () => {
    const target = join(dir, "target.txt");
    writeFileSync(target, "keep me\n", { mode: 0o644 });
    const link = join(dir, "link.env");
    symlinkSync(target, link);
    expect(() => runAppConfig([...stateArgs(), "--out", link], io())).toThrow(
      `--out: "${link}" is a symbolic link; refusing to follow it (remove it or choose another path).`);
    expect(readFileSync(target, "utf8")).toBe("keep me\n");
    const dangling = join(dir, "dangling.env");
    symlinkSync(join(dir, "would-be-created.env"), dangling);
    expect(() => runAppConfig([...stateArgs(), "--out", dangling], io())).toThrow("is a symbolic link");
    expect(existsSync(join(dir, "would-be-created.env"))).toBe(false);
  });

  it("refuses a link that appears after the check: the open itself does not follow it (O_NOFOLLOW)", () => {
    const target = join(dir, "raced-target.txt");
    writeFileSync(target, "keep me\n");
    const link = join(dir, "raced.env");
    symlinkSync(target, link);
    // writeNoFollow is the write after the lstat check: as if the link had been put there after the check.
    expect(() => writeNoFollow(link, "SECRET=1\n")).toThrow(`--out: "${link}" is a symbolic link; refusing to follow it`);
    expect(readFileSync(target, "utf8")).toBe("keep me\n");
    expect(() => writePrivateFile(link, "SECRET=1\n")).toThrow("is a symbolic link");
  });

  it("writes one file per app with mode 0600 when --out is an existing directory", () => {
    const out = join(dir, "env");
    mkdirSync(out);
    const cli = io();
    runAppConfig([...stateArgs(), "--out", out], cli);
    expect(cli.out).toEqual([`wrote ${join(out, "web.env")} (mode 0600)\n`, `wrote ${join(out, "worker.env")} (mode 0600)\n`]);
    expect(statSync(join(out, "web.env")).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(out, "worker.env"), "utf8")).toBe("QUEUE=jobs\n");
    expect(lstatSync(out).isDirectory()).toBe(true);
  });

  test.each([
    [["--format", "yaml"], '--format: "yaml" is not a format; use dotenv or json.'],
    [["--app", "nope"], '--app: "nope" is not an app of this stack; apps: web, worker.'],
    [["--stack", "missing"], 'no sandbox state for stack "missing"'],
    [["--out", join(tmpdir(), "app-config-no-such-dir", "x.env")], `--out: the directory of "${join(tmpdir(), "app-config-no-such-dir", "x.env")}" does not exist; create it first.`],
  ])("explains %j", (args, message) => {
    const extra = args[0] === "--stack" ? ["--state-dir", join(dir, "state")] : stateArgs();
    expect(() => runAppConfig([...extra, ...args], io())).toThrow(message);
  });
});
