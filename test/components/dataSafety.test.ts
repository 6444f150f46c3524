/**
 * Data safety at the program level: a previous run's outputs (read back through the self stack reference) and
 * the new stack config go in; a change that would delete a stateful resource must be refused before the program
 * registers anything (CI applies skip the preview), and go through once `allowDataLoss.<kind>` allows it.
 * The previous outputs come from running the program itself, so these tests hold whatever the outputs look like.
 */
import * as pulumi from "@pulumi/pulumi";
import { runProgram } from "../../components/program";
import { cliConfig, copy, stackAt, stackFileConfig } from "../config/fixtures";
import { installMocks, RecordingMocks, settled, T } from "../helpers/mocks";
import { valueOf } from "../helpers/outputs";
import { build } from "./build";

type Edit = (raw: Record<string, any>) => void;

const S3 = { provider: "s3", bucket: "qrcards-dev-media", region: "us-east-1" };
const toS3: Edit = (raw) => {
  raw.storage = S3;
  // Spaces-only properties (CDN URL, access keys) have no S3 counterpart.
  for (const app of Object.values(raw.apps as Record<string, { env?: Record<string, any> }>)) {
    for (const [key, value] of Object.entries(app.env ?? {})) {
      if (value?.fromStorage && !["endpoint", "bucket"].includes(value.fromStorage.property)) delete app.env![key];
    }
  }
};
const allow = (kind: string, then?: Edit): Edit => (raw) => {
  then?.(raw);
  raw.allowDataLoss = { ...(raw.allowDataLoss ?? {}), [kind]: true };
};

/** Runs index.ts's program for the dev stack at `stage`, the previous run's outputs behind the stack reference. */
async function runAt(stage: number, previousOutputs: Record<string, unknown>, edit?: Edit): Promise<{ mocks: RecordingMocks; outputs?: Record<string, unknown>; error?: Error }> {
  const mocks = await installMocks("dev", previousOutputs);
  const raw = copy(stackFileConfig("dev"));
  raw.stage = stage;
  edit?.(raw);
  pulumi.runtime.setAllConfig(cliConfig(raw), []);
  try {
    const outputs = await runProgram();
    await settled();
    return { mocks, outputs };
  } catch (error) {
    await settled();
    return { mocks, error: error as Error };
  }
}

/** What the stack reference hands the next run: every output, resolved. */
async function resolved(outputs: Record<string, unknown>): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(outputs)) out[key] = pulumi.Output.isInstance(value) ? await valueOf(value) : value;
  return out;
}

/** The outputs of a run of a fresh stack at `stage`. */
async function exported(stage: number, edit?: Edit): Promise<Record<string, unknown>> {
  const { outputs, error } = await runAt(stage, {}, edit);
  if (error) throw error;
  return resolved(outputs!);
}

describe("data-loss refusals at every stage, decided before anything is registered", () => {
  test.each([
    ["0", 2, 0, undefined, "postgres", /Postgres database "dev-postgres" .*would be deleted with all its data/],
    ["1 (the disk moves to a private service)", 0, 1, undefined, "disk", /disk "dev-web-disk" .*would be deleted with all its data: stage: 0 → 1; the disk of app "web" moves from service "dev-web" to "dev-db"/],
    ["2", 3, 2, undefined, "keyValue", /Key Value instance "dev-keyvalue" .*would be deleted with all its data/],
    ["3", 4, 3, undefined, "bucket", /bucket "dev-spaces" .*would be deleted with all its data/],
    ["4 (Spaces → S3)", 4, 4, toS3, "bucket", /bucket "dev-spaces" .*would be deleted with all its data/],
    ["5 (Spaces → S3)", 5, 5, toS3, "bucket", /bucket "dev-spaces" .*would be deleted with all its data/],
    ["5 (after stage 4, Spaces → S3)", 4, 5, toS3, "bucket", /bucket "dev-spaces" .*would be deleted with all its data/],
  ] as const)("stage %s", async (_title, from, to, edit, kind, message) => {
    const previous = await exported(from);

    const refused = await runAt(to, previous, edit);

    expect(refused.error?.message).toMatch(message);
    expect(refused.error?.message).toContain(`pulumi config set --path allowDataLoss.${kind} true`);
    expect(refused.mocks.registrations).toEqual([]);
    expect(refused.mocks.stackReferences).toEqual(["organization/render-stages/dev"]);
  });

  test.each([
    ["0", 2, 0, allow("postgres"), T.postgres],
    ["2", 3, 2, allow("keyValue"), T.keyValue],
    ["3", 4, 3, allow("bucket"), T.spacesBucket],
    ["5", 5, 5, allow("bucket", toS3), T.spacesBucket],
  ] as const)("stage %s goes through once allowed, without the released resource", async (_title, from, to, edit, type) => {
    const allowed = await runAt(to, await exported(from), edit);

    expect(allowed.error).toBeUndefined();
    expect(allowed.mocks.registrations.length).toBeGreaterThan(0);
    expect(allowed.mocks.byType(type)).toEqual([]);
  });

  it("keeps the stage 0 disk on every stage up to 5 until its loss is allowed", async () => {
    let previous = await exported(0);
    for (const stage of [2, 3, 4, 5]) {
      const next = await runAt(stage, previous);
      expect(next.error).toBeUndefined();
      expect(next.mocks.byType(T.disk).map((r) => r.name)).toEqual(["dev-web-disk"]);
      previous = await resolved(next.outputs!);
    }
  });
});

describe("protection of stateful resources", () => {
  test.each([["prod", true], ["dev", false]] as const)("the S3 bucket of the %s stack is protected: %s", async (stack, protect) => {
    const { mocks } = await build(stackAt(4, stack, toS3), { stack, secrets: { sentryDsn: pulumi.secret("https://x@sentry.example/1") } });
    const buckets = mocks.options.filter((o) => o.type === T.s3Bucket);
    expect(buckets).toHaveLength(1);
    expect(buckets[0].protect).toBe(protect);
  });

  it("protects the Spaces bucket, Postgres and Key Value of the prod stack", async () => {
    const { mocks } = await build(stackAt(4, "prod"), { stack: "prod", secrets: { sentryDsn: pulumi.secret("https://x@sentry.example/1") } });
    const stateful = mocks.options.filter((o) => [T.spacesBucket, T.postgres, T.keyValue].includes(o.type as never));
    expect(stateful.map((o) => [o.type, o.protect])).toEqual(expect.arrayContaining([[T.spacesBucket, true], [T.postgres, true], [T.keyValue, true]]));
    expect(stateful).toHaveLength(3);
  });
});
