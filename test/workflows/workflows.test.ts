import { readFileSync, readdirSync } from "fs";
import { join } from "path";
import { parse } from "yaml";
import { lintWorkflow, npmScriptsUsed, LintContext } from "./lintWorkflow";
import { CONFIG_KEYS } from "../../components/config";
import { readStackConfig } from "../../cost/readStack";

const root = join(__dirname, "..", "..");
const dir = join(root, ".github", "workflows");
const ctx: LintContext = { scripts: JSON.parse(readFileSync(join(root, "package.json"), "utf8")).scripts };
const files = readdirSync(dir).filter((f) => f.endsWith(".yml") || f.endsWith(".yaml")).sort();
const text = (file: string): string => readFileSync(join(dir, file), "utf8");
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const load = (file: string): any => parse(text(file));
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const pulumiSteps = (job: any): any[] => job.steps.filter((s: any) => String(s.uses ?? "").startsWith("pulumi/actions@"));

describe("workflow files", () => {
  it("are the pull-request, preview-environment and deploy workflows", () => {
    expect(files).toEqual(["deploy.yml", "preview-environment.yml", "pull-request.yml"]);
  });

  test.each(files)("%s passes the lint", (file) => {
    expect(lintWorkflow(file, text(file), ctx)).toEqual([]);
  });
});

describe("pull-request workflow", () => {
  const wf = load("pull-request.yml");

  it("runs on pull requests with read-only contents and PR comments", () => {
    expect(Object.keys(wf.on)).toEqual(["pull_request"]);
    expect(wf.permissions).toEqual({ contents: "read", "pull-requests": "write" });
  });

  it("installs with npm ci and runs the tests", () => {
    const runs = wf.jobs.test.steps.map((s: { run?: string }) => s.run).filter(Boolean);
    expect(runs).toEqual(expect.arrayContaining(["npm ci", "npm test"]));
  });

  it("previews dev and prod after the tests and comments the diff", () => {
    expect(wf.jobs.preview.needs).toBe("test");
    expect(wf.jobs.preview.strategy.matrix.stack).toEqual(["dev", "prod"]);
    const [preview] = pulumiSteps(wf.jobs.preview);
    expect(preview.with).toMatchObject({ command: "preview", "stack-name": "${{ matrix.stack }}", "comment-on-pr": true });
  });

  it("posts the cost delta against the base branch's stack file", () => {
    const cost = wf.jobs.preview.steps.find((s: { run?: string }) => s.run?.includes("cost"));
    expect(cost.run).toContain('git show "origin/${BASE_REF}:Pulumi.${STACK}.yaml"');
    expect(cost.run).toContain("--base");
    expect(cost.env.BASE_REF).toBe("${{ github.base_ref }}");
  });
});

describe("preview-environment workflow", () => {
  const wf = load("preview-environment.yml");

  it("follows the pull request from open to close", () => {
    expect(wf.on.pull_request.types).toEqual(["opened", "reopened", "synchronize", "closed"]);
    expect(wf.env.STACK).toBe("pr-${{ github.event.pull_request.number }}");
  });

  it("creates or updates the stack while the PR is open and posts its URLs", () => {
    expect(wf.jobs.deploy.if).toContain("github.event.action != 'closed'");
    const [up] = pulumiSteps(wf.jobs.deploy);
    expect(up.with).toMatchObject({ command: "up", upsert: true, "stack-name": "${{ env.STACK }}" });
    const comment = wf.jobs.deploy.steps[wf.jobs.deploy.steps.length - 1];
    expect(comment.with.message).toContain("${{ steps.up.outputs.urls }}");
  });

  it("derives the preview config from dev under its own names and without dev's domains", () => {
    const prepare = wf.jobs.deploy.steps.find((s: { name?: string }) => s.name === "Stack config from dev").run as string;
    expect(prepare).toContain('.config["render-stages:namePrefix"] = strenv(STACK)');
    expect(prepare).toContain('del(.config["render-stages:apps"][].domains)');
    expect(CONFIG_KEYS).toContain("namePrefix");
    const dev = readStackConfig("dev");
    const apps = Object.fromEntries(Object.entries(dev.apps).map(([k, a]) => [k, { ...a, domains: undefined }]));
    const preview = readStackConfig("dev", { namePrefix: "pr-1234", apps });
    expect([preview.namePrefix, Object.values(preview.apps).flatMap((a) => a.domains), preview.protectData]).toEqual(["pr-1234", [], false]);
  });

  it("destroys and removes the stack when the PR closes", () => {
    expect(wf.jobs.destroy.if).toContain("github.event.action == 'closed'");
    const [destroy] = pulumiSteps(wf.jobs.destroy);
    expect(destroy.with).toMatchObject({ command: "destroy", remove: true, "stack-name": "${{ env.STACK }}" });
  });
});

describe("deploy workflow", () => {
  const wf = load("deploy.yml");

  it("runs on pushes to main only", () => {
    expect(wf.on).toEqual({ push: { branches: ["main"] } });
  });

  it("updates dev, then prod behind the production environment's approval", () => {
    expect(pulumiSteps(wf.jobs.dev)[0].with).toMatchObject({ command: "up", "stack-name": "dev" });
    expect(wf.jobs.prod.needs).toBe("dev");
    expect(wf.jobs.prod.environment).toBe("production");
    expect(pulumiSteps(wf.jobs.prod)[0].with).toMatchObject({ command: "up", "stack-name": "prod", policyPacks: "policy" });
  });
});

describe("lintWorkflow", () => {
  const good = text("deploy.yml");

  test.each([
    ["an unpinned action", good.replace("actions/checkout@v4.2.2", "actions/checkout@v4"), 'uses "actions/checkout@v4" is not pinned'],
    ["a branch-pinned action", good.replace("pulumi/actions@v6.6.1", "pulumi/actions@main"), 'uses "pulumi/actions@main" is not pinned'],
    ["an inlined Render key", good.replace("${{ secrets.RENDER_API_KEY }}", ["rnd", "abcdefghijklmnopqrstuvwx"].join("_") /* built here so no key-shaped literal is committed */), "RENDER_API_KEY must be ${{ secrets.RENDER_API_KEY }}"],
    ["a missing secret", good.replace(/\n\s+PULUMI_ACCESS_TOKEN: .*\n/, "\n"), "does not pass PULUMI_ACCESS_TOKEN"],
    ["an unknown npm script", good.replace("run: npm test", "run: npm run deploy-all"), 'npm script "deploy-all" which package.json does not define'],
    ["npm install", good.replace("run: npm ci", "run: npm install"), "run uses npm install; use npm ci"],
    ["a missing work-dir", good.replace(/\n\s+work-dir: \.\n/, "\n"), 'pulumi/actions step has no "work-dir"'],
    ["a cancellable up", good.replace("cancel-in-progress: false", "cancel-in-progress: true"), "may be cancelled halfway"],
    ["a concurrency group without the stack", good.replace("group: pulumi-prod", "group: deploys"), 'concurrency group "deploys" does not name stack "prod"'],
    ["no permissions", good.replace("permissions:\n  contents: read\n", ""), "no top-level permissions"],
    ["write-all permissions", good.replace("permissions:\n  contents: read\n", "permissions: write-all\n"), 'permissions "write-all"'],
    ["an event field inside run", good.replace("run: npm test", "run: echo ${{ github.event.head_commit.message }}"), "interpolates github.event"],
  ])("reports %s", (_label, bad, expected) => {
    const problems = lintWorkflow("deploy.yml", bad, ctx);
    expect(problems).toEqual(expect.arrayContaining([expect.stringContaining(expected)]));
  });

  it("reports invalid YAML", () => {
    expect(lintWorkflow("x.yml", "jobs: [", ctx)).toEqual([expect.stringContaining("x.yml: not valid YAML")]);
  });

  test.each([
    ["npm ci && npm test", ["ci", "test"]],
    ["npm run --silent cost -- --stack x", ["cost"]],
    ["npm run-script app-config", ["app-config"]],
    ["cp a b", []],
  ])("reads the npm scripts in %s", (script, expected) => {
    expect(npmScriptsUsed(script)).toEqual(expected);
  });
});
