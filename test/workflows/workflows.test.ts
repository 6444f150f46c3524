import { spawnSync } from "child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { parse } from "yaml";
import {
  ALL_SECRETS, checkWorkflow, npmScriptsUsed, repositoryContext, RuleContext, RULE_DESCRIPTIONS, RULE_IDS, secretsReferenced,
} from "./workflowRules";
import { CONFIG_KEYS } from "../../components/config";
import { readStackConfig } from "../../cost/readStack";

const root = join(__dirname, "..", "..");
const dir = join(root, ".github", "workflows");
const fixtureDir = join(root, "test", "fixtures", "workflows");
const ctx = repositoryContext(root);
const files = readdirSync(dir).filter((f) => f.endsWith(".yml") || f.endsWith(".yaml")).sort();
const fixtures = readdirSync(fixtureDir).filter((f) => f.endsWith(".yml")).sort();
const text = (file: string): string => readFileSync(join(dir, file), "utf8");
/**
 * A fixture's text. The literal-credential fixture holds a placeholder, filled here with a value shaped like a
 * Render API key, so the repository itself never holds one.
 */
const fixtureText = (file: string): string =>
  readFileSync(join(fixtureDir, file), "utf8").replace("KEY_SHAPED_LITERAL", `rnd_${"x".repeat(24)}`);
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const load = (file: string): any => parse(text(file));
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const stepsUsing = (job: any, action: string): any[] => job.steps.filter((s: any) => String(s.uses ?? "").startsWith(`${action}@`));

/** GitHub's workflow schema, through GitHub's own parser (an ES module, so in a child process). */
function validate(paths: string[]): Record<string, string[]> {
  const run = spawnSync(process.execPath, [join(__dirname, "validateWorkflows.mjs"), ...paths], { cwd: root, encoding: "utf8" });
  if (run.status !== 0) throw new Error(`validateWorkflows.mjs failed: ${run.stderr}`);
  return JSON.parse(run.stdout);
}

describe("GitHub's workflow schema", () => {
  let scratch: string;
  beforeAll(() => { scratch = mkdtempSync(join(tmpdir(), "workflow-schema-")); });
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it("accepts every workflow and every rule fixture", () => {
    const paths = [...files.map((f) => join(dir, f)), ...fixtures.map((f) => join(fixtureDir, f))];
    const results = validate(paths);
    expect(Object.keys(results)).toHaveLength(paths.length);
    expect(Object.entries(results).filter(([, errors]) => errors.length > 0)).toEqual([]);
  });

  test.each([
    ["a misspelt job key", (t: string) => t.replace("    runs-on: ubuntu-latest\n    timeout-minutes: 45\n    environment: dev", "    runs_on: ubuntu-latest\n    timeout-minutes: 45\n    environment: dev"), "runs_on"],
    ["an unknown permission level", (t: string) => t.replace("      contents: read\n      id-token: write\n    # Queue", "      contents: maybe\n      id-token: write\n    # Queue"), "Unexpected value 'maybe'"],
    ["a broken expression", (t: string) => t.replace("${{ secrets.RENDER_API_KEY }}", "${{ secrets.RENDER_API_KEY ) }}"), "Unexpected symbol"],
    ["a step with both uses and run", (t: string) => t.replace("      - run: npm test\n", "      - run: npm test\n        uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683\n"), ""],
    ["a job that needs an unknown job", (t: string) => t.replace("needs: prod-preview", "needs: preview-prod"), "preview-prod"],
  ])("rejects %s", (_label, breakIt, message) => {
    const broken = breakIt(text("deploy.yml"));
    expect(broken).not.toBe(text("deploy.yml"));
    const path = join(scratch, "deploy.yml");
    writeFileSync(path, broken);
    const errors = validate([path])[path];
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.join("\n")).toContain(message);
  });
});

describe("project rules", () => {
  it(`are ${RULE_IDS.length}, each with a broken fixture named after it`, () => {
    expect(fixtures).toEqual([...RULE_IDS].map((rule) => `${rule}.yml`).sort());
    expect(Object.keys(RULE_DESCRIPTIONS).sort()).toEqual([...RULE_IDS].sort());
  });

  test.each(files)("%s follows every rule", (file) => {
    expect(checkWorkflow(file, text(file), ctx)).toEqual([]);
  });

  test.each([...RULE_IDS])("%s fails on its fixture, and only that rule does", (rule) => {
    const violations = checkWorkflow(`${rule}.yml`, fixtureText(`${rule}.yml`), ctx);
    expect(violations.length).toBeGreaterThan(0);
    expect([...new Set(violations.map((v) => v.rule))]).toEqual([rule]);
  });

  test.each([
    ["prod-secret-outside-production", "prod-secret-outside-production.yml", 'jobs.dev: reads the production secret CLOUDFLARE_API_TOKEN from environment "dev"; only jobs with environment: production may'],
    ["secret-from-own-environment", "secret-from-own-environment.yml", "jobs.publish: reads secrets.NPM_TOKEN without an environment (a repository-level secret)"],
    ["pull-request-in-preview", "pull-request-in-preview.yml", 'jobs.test: runs on pull_request in environment "dev"; pull requests run in "preview" only'],
    ["prod-stack-in-production", "prod-stack-in-production.yml", 'pulumi up on prod in environment "production-preview"'],
    ["action-pinned-to-sha", "action-pinned-to-sha.yml", 'uses "actions/checkout@v4.2.2" is not pinned to a full commit SHA'],
    ["job-permissions", "job-permissions.yml", "jobs.test: no permissions"],
    ["oidc-id-token", "oidc-id-token.yml", "jobs.dev: uses OIDC without permissions id-token: write"],
    ["native-credentials", "native-credentials.yml", 'pulumi up on stage 4 stack "prod" without DIGITALOCEAN_TOKEN, SPACES_ACCESS_KEY_ID, SPACES_SECRET_ACCESS_KEY, CLOUDFLARE_API_TOKEN'],
    ["pulumi-concurrency", "pulumi-concurrency.yml", "pulumi up may be cancelled halfway; set cancel-in-progress: false"],
    ["npm-scripts", "npm-scripts.yml", 'npm script "deploy-all" is not defined in package.json'],
    ["run-injection", "run-injection.yml", "run interpolates github.event/head_ref; pass it through env"],
    ["literal-credential", "literal-credential.yml", "contains what looks like a Render API key"],
  ])("%s says what is wrong", (rule, fixture, message) => {
    const violations = checkWorkflow(fixture, fixtureText(fixture), ctx, [rule as typeof RULE_IDS[number]]);
    expect(violations.map((v) => v.message)).toEqual(expect.arrayContaining([expect.stringContaining(message)]));
  });

  describe("on the real workflows, broken one way at a time", () => {
    const deploy = text("deploy.yml");
    const pr = text("pull-request.yml");
    test.each([
      ["the old PR preview reading repository secrets", "pull-request.yml",
        pr.replace("    environment: preview\n", ""), ["prod-secret-outside-production", "pull-request-in-preview"]],
      ["a PR preview of prod", "pull-request.yml", pr.replace("stack-name: dev\n", "stack-name: prod\n"), ["prod-stack-in-production", "native-credentials", "pulumi-concurrency"]],
      ["prod's Render key in the preview job", "deploy.yml",
        deploy.replace("          DIGITALOCEAN_TOKEN: ${{ secrets.DIGITALOCEAN_READ_TOKEN }}\n", "          RENDER_API_KEY: ${{ secrets.RENDER_API_KEY }}\n          DIGITALOCEAN_TOKEN: ${{ secrets.DIGITALOCEAN_READ_TOKEN }}\n"),
        ["prod-secret-outside-production"]],
      ["a prod up without the Cloudflare token", "deploy.yml", deploy.replace("          CLOUDFLARE_API_TOKEN: ${{ secrets.CLOUDFLARE_API_TOKEN }}\n", ""), ["native-credentials"]],
      ["a tag-pinned Pulumi action", "deploy.yml", deploy.replace(/pulumi\/actions@[0-9a-f]{40} # v7.0.0/, "pulumi/actions@v7"), ["action-pinned-to-sha"]],
      ["a SHA without its tag comment", "deploy.yml", deploy.replace(/(pulumi\/auth-actions@[0-9a-f]{40}) # v2.1.0/g, "$1"), ["action-pinned-to-sha"]],
      ["a job without permissions", "deploy.yml", deploy.replace("    permissions:\n      contents: read\n      id-token: write\n    outputs:", "    outputs:"), ["job-permissions", "oidc-id-token"]],
      ["write-all permissions", "pull-request.yml", pr.replace("    permissions:\n      pull-requests: write\n    steps:\n      - uses: actions/download", "    permissions: write-all\n    steps:\n      - uses: actions/download"), ["job-permissions"]],
    ])("%s", (_label, file, broken, rules) => {
      expect(broken).not.toBe(text(file));
      expect([...new Set(checkWorkflow(file, broken, ctx).map((v) => v.rule))].sort()).toEqual([...rules].sort());
    });
  });

  it("asks S3 stacks for an AWS role assumed through OIDC", () => {
    const s3: RuleContext = { ...ctx, stackInfo: (s) => (s === "prod" ? { stage: 4, storage: "s3", cloudflare: true } : ctx.stackInfo(s)) };
    const deploy = text("deploy.yml");
    expect(checkWorkflow("deploy.yml", deploy, s3, ["native-credentials"])).toEqual([]);
    const noRole = deploy.replace(/ {6}- name: AWS role \(S3 stacks\)\n(.*\n){5}/, "");
    expect(noRole).not.toBe(deploy);
    expect(checkWorkflow("deploy.yml", noRole, s3, ["native-credentials"]).map((v) => v.message)).toEqual([
      expect.stringContaining('jobs.prod.steps[5]: pulumi up on stage 4 stack "prod" without AWS credentials'),
    ]);
  });

  it("follows a preview stack to the stack file it is copied from", () => {
    const devAtStage4: RuleContext = { ...ctx, stackInfo: (s) => (s === "dev" ? { stage: 4, storage: "spaces", cloudflare: true } : ctx.stackInfo(s)) };
    const messages = checkWorkflow("preview-environment.yml", text("preview-environment.yml"), devAtStage4, ["native-credentials"]).map((v) => v.message);
    expect(messages).toEqual([
      expect.stringContaining('jobs.deploy.steps[5]: pulumi up on stage 4 stack "pr-${{ github.event.pull_request.number }}" without DIGITALOCEAN_TOKEN'),
      expect.stringContaining('jobs.destroy.steps[5]: pulumi destroy on stage 4 stack "pr-${{ github.event.pull_request.number }}" without DIGITALOCEAN_TOKEN'),
    ]);
    expect(checkWorkflow("pull-request.yml", text("pull-request.yml"), devAtStage4, ["native-credentials"])).toEqual([
      { rule: "native-credentials", message: expect.stringContaining('jobs.preview-dev.steps[4]: pulumi preview on stage 4 stack "dev"') },
    ]);
  });

  it("finds secrets however an expression spells them", () => {
    expect(secretsReferenced({ a: "${{ secrets.A }}", b: ["x ${{ secrets['B'] || secrets.GITHUB_TOKEN }}"], c: "secrets.C" }).sort()).toEqual(["A", "B"]);
    expect(secretsReferenced({ env: { ALL: "${{ toJSON(secrets) }}" } })).toEqual([ALL_SECRETS]);
    expect(secretsReferenced({ uses: "./.github/workflows/x.yml", secrets: "inherit" })).toEqual([ALL_SECRETS]);
  });

  test.each([
    ["toJSON(secrets) in a dev job", "      - run: npm ci\n", "      - run: npm ci\n        env:\n          ALL: ${{ toJSON(secrets) }}\n", "prod-secret-outside-production"],
    ["toJSON(secrets) in the prod job", "          PREVIEWED: ${{ needs.prod-preview.outputs.sha }}\n", "          PREVIEWED: ${{ needs.prod-preview.outputs.sha }}\n          ALL: ${{ toJSON(secrets) }}\n", "secret-from-own-environment"],
  ])("refuses every secret handed over at once: %s", (_label, anchor, replacement, rule) => {
    const deploy = text("deploy.yml");
    const broken = deploy.replace(anchor, replacement);
    expect(broken).not.toBe(deploy);
    expect(checkWorkflow("deploy.yml", broken, ctx).map((v) => [v.rule, v.message])).toEqual([
      [rule, expect.stringContaining("every secret")],
    ]);
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

describe("environments", () => {
  const envs = ctx.environments;

  it("keep prod's credentials in production, reachable from main only and behind reviewers", () => {
    expect(Object.keys(envs).sort()).toEqual(["dev", "preview", "production", "production-preview"]);
    expect(envs.production).toMatchObject({ deploymentBranches: ["main"], requiredReviewers: true });
    expect(envs["production-preview"]).toMatchObject({ deploymentBranches: ["main"] });
    expect(Object.keys(envs.production.secrets).sort()).toEqual(
      ["CLOUDFLARE_API_TOKEN", "DIGITALOCEAN_TOKEN", "RENDER_API_KEY", "SPACES_ACCESS_KEY_ID", "SPACES_SECRET_ACCESS_KEY"]);
    // The preview before the gate holds no Render key and only read-only credentials of its own.
    expect(Object.keys(envs["production-preview"].secrets).filter((s) => s in envs.production.secrets)).toEqual([]);
  });

  it("are each used by some job", () => {
    const used = new Set(files.flatMap((f) => Object.values(load(f).jobs).map((j) => (j as { environment?: string }).environment)));
    expect([...used].filter(Boolean).sort()).toEqual(Object.keys(envs).sort());
  });

  it("are listed with their secrets in the README", () => {
    const readme = readFileSync(join(root, "README.md"), "utf8");
    const section = readme.slice(readme.indexOf("## CI and credentials"));
    expect(section.length).toBeGreaterThan(100);
    expect(section).toContain(`enforces the project's ${RULE_IDS.length} rules`);
    for (const [name, spec] of Object.entries(envs)) {
      expect(section).toContain(`\`${name}\``);
      for (const secret of Object.keys(spec.secrets)) expect(section).toContain(secret);
    }
  });
});

describe("pull-request workflow", () => {
  const wf = load("pull-request.yml");

  it("runs on pull requests, with no default token scopes", () => {
    expect(Object.keys(wf.on)).toEqual(["pull_request"]);
    expect(wf.permissions).toEqual({});
  });

  it("tests, plans and prices without any credential", () => {
    for (const id of ["test", "plan"]) {
      expect(wf.jobs[id].environment).toBeUndefined();
      expect(wf.jobs[id].permissions).toEqual({ contents: "read" });
      expect(secretsReferenced(wf.jobs[id])).toEqual([]);
    }
    expect(wf.jobs.test.steps.map((s: { run?: string }) => s.run).filter(Boolean)).toEqual(["npm ci", "npm run typecheck", "npm test"]);
    expect(wf.jobs.plan.strategy.matrix.stack).toEqual(["dev", "prod"]);
    const plan = wf.jobs.plan.steps.find((s: { run?: string }) => s.run?.includes("sandbox")).run as string;
    expect(plan).toContain('npm run --silent sandbox -- --stack "${STACK}"');
    expect(plan).toContain('git show "origin/${BASE_REF}:Pulumi.${STACK}.yaml"');
    expect(plan).toContain("--base");
  });

  it("comments from a job that runs no branch code", () => {
    expect(wf.jobs.comment.permissions).toEqual({ "pull-requests": "write" });
    expect(wf.jobs.comment.steps.every((s: { uses?: string }) => !String(s.uses ?? "").startsWith("actions/checkout@"))).toBe(true);
  });

  it("previews dev in the preview environment, through OIDC", () => {
    const job = wf.jobs["preview-dev"];
    expect(job.environment).toBe("preview");
    expect(stepsUsing(job, "pulumi/auth-actions")).toHaveLength(1);
    expect(stepsUsing(job, "pulumi/actions")[0].with).toMatchObject({ command: "preview", "stack-name": "dev", "comment-on-pr": true });
    expect(secretsReferenced(job)).toEqual(["RENDER_API_KEY"]);
  });
});

describe("preview-environment workflow", () => {
  const wf = load("preview-environment.yml");

  it("follows the pull request from open to close, in the preview environment", () => {
    expect(wf.on.pull_request.types).toEqual(["opened", "reopened", "synchronize", "closed"]);
    expect(wf.env.STACK).toBe("pr-${{ github.event.pull_request.number }}");
    expect([wf.jobs.deploy.environment, wf.jobs.destroy.environment]).toEqual(["preview", "preview"]);
  });

  it("creates or updates the stack while the PR is open and posts its URLs", () => {
    expect(wf.jobs.deploy.if).toContain("github.event.action != 'closed'");
    const [up] = stepsUsing(wf.jobs.deploy, "pulumi/actions");
    expect(up.with).toMatchObject({ command: "up", upsert: true, "stack-name": "${{ env.STACK }}" });
    expect(wf.jobs.deploy.outputs.urls).toBe("${{ steps.up.outputs.urls }}");
    expect(wf.jobs.comment.steps[0].env.URLS).toBe("${{ needs.deploy.outputs.urls }}");
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
    const [destroy] = stepsUsing(wf.jobs.destroy, "pulumi/actions");
    expect(destroy.with).toMatchObject({ command: "destroy", remove: true, "stack-name": "${{ env.STACK }}" });
  });
});

describe("deploy workflow", () => {
  const wf = load("deploy.yml");

  it("runs on pushes to main only", () => {
    expect(wf.on).toEqual({ push: { branches: ["main"] } });
  });

  it("updates dev, previews prod for the reviewers, then applies prod behind the approval", () => {
    expect(stepsUsing(wf.jobs.dev, "pulumi/actions")[0].with).toMatchObject({ command: "up", "stack-name": "dev" });
    expect(wf.jobs["prod-preview"]).toMatchObject({ needs: "dev", environment: "production-preview" });
    expect(wf.jobs.prod).toMatchObject({ needs: "prod-preview", environment: "production" });
    expect(stepsUsing(wf.jobs.prod, "pulumi/actions")[0].with).toMatchObject({ command: "up", "stack-name": "prod", policyPacks: "policy" });
  });

  it("puts prod's preview and cost delta of the exact commit in the job summary before the gate", () => {
    const job = wf.jobs["prod-preview"];
    expect(stepsUsing(job, "pulumi/actions")[0].with).toMatchObject({ command: "preview", "stack-name": "prod", "comment-on-summary": true });
    const cost = job.steps.find((s: { run?: string }) => s.run?.includes("npm run --silent cost")).run as string;
    expect(cost).toContain('git show "${BEFORE}:Pulumi.prod.yaml"');
    expect(cost).toContain('>> "$GITHUB_STEP_SUMMARY"');
    expect(stepsUsing(job, "actions/checkout")[0].with.ref).toBe("${{ github.sha }}");
    expect(job.outputs.sha).toBe("${{ github.sha }}");
  });

  it("applies the commit that was previewed", () => {
    const steps = wf.jobs.prod.steps;
    expect(stepsUsing(wf.jobs.prod, "actions/checkout")[0].with.ref).toBe("${{ needs.prod-preview.outputs.sha }}");
    const guard = steps.find((s: { run?: string }) => s.run?.includes("git rev-parse HEAD"));
    expect(guard.env.PREVIEWED).toBe("${{ needs.prod-preview.outputs.sha }}");
  });
});
