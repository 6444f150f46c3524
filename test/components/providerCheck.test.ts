import { checkDisk } from "../../providers/render/disk";
import { checkEnvGroup } from "../../providers/render/envGroup";
import { checkKeyValue } from "../../providers/render/keyValue";
import { checkPostgres } from "../../providers/render/postgres";
import { checkService } from "../../providers/render/serviceCheck";
import { stackAt } from "../config/fixtures";
import { T } from "../helpers/mocks";
import { build } from "./build";

const CHECKS: Record<string, (news: Record<string, unknown>) => { failures?: unknown[] }> = {
  [T.service]: checkService,
  [T.disk]: (news) => checkDisk({}, news),
  [T.postgres]: (news) => checkPostgres({}, news),
  [T.keyValue]: checkKeyValue,
  [T.envGroup]: checkEnvGroup,
};

describe("what the stages hand the Render providers", () => {
  test.each([
    ...[0, 1, 2, 3, 4, 5].map((stage) => [`dev at stage ${stage}`, stage, "dev"] as const),
    ["prod at stage 4", 4, "prod"] as const,
    ["prod at stage 5", 5, "prod"] as const,
  ])("passes the providers' checks: %s", async (_title, stage, stack) => {
    const { mocks } = await build(stackAt(stage, stack));
    const render = mocks.registrations.filter((r) => CHECKS[r.type]);
    expect(render.length).toBeGreaterThan(0);
    for (const r of render) expect({ name: r.name, failures: CHECKS[r.type](r.inputs).failures }).toEqual({ name: r.name, failures: undefined });
  });
});
