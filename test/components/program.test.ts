import * as pulumi from "@pulumi/pulumi";
import main from "../../index";
import { ConfigError } from "../../components/config";
import { DataLossError } from "../../components/statefulPlan";
import { cliConfig, copy, stackFileConfig } from "../config/fixtures";
import { installMocks, settled, T } from "../helpers/mocks";
import { valueOf } from "../helpers/outputs";

async function run(stage: number, previousOutputs: Record<string, unknown> = {}, edit?: (raw: Record<string, any>) => void) {
  const mocks = await installMocks("dev", previousOutputs);
  const raw = copy(stackFileConfig("dev"));
  raw.stage = stage;
  edit?.(raw);
  pulumi.runtime.setAllConfig(cliConfig(raw), []);
  const outputs = await main();
  await settled();
  return { mocks, outputs };
}

describe("the program (index.ts)", () => {
  it("reads the previous run through a reference to its own stack", async () => {
    const { mocks } = await run(0);
    expect(mocks.stackReferences).toEqual(["organization/render-stages/dev"]);
  });

  it("builds the configured stage and exports its outputs", async () => {
    const { mocks, outputs } = await run(3);
    expect(mocks.byType(T.stack).map((r) => r.name)).toEqual(["dev"]);
    expect(Object.keys(outputs).sort()).toEqual([
      "appConfig", "databaseUrl", "domains", "internalHosts", "redisUrl", "retiredDisks", "stage", "statefulResources", "urls",
    ]);
    expect(outputs.stage).toBe(3);
    expect(await valueOf(outputs.urls as pulumi.Output<unknown>)).toEqual({ web: "https://qrcards-dev-web.onrender.com" });
  });

  it("keeps the disk a previous stage 0 run exported", async () => {
    const { outputs } = await run(2, { stage: 0, statefulResources: [{ kind: "disk", name: "dev-web-disk" }] });
    expect(outputs.retiredDisks).toEqual(["dev-web-disk"]);
  });

  it("refuses to lower the stage below what the previous run had", async () => {
    const previous = { stage: 3, statefulResources: [{ kind: "postgres", name: "dev-postgres" }, { kind: "keyValue", name: "dev-keyvalue" }] };
    await expect(run(2, previous)).rejects.toBeInstanceOf(DataLossError);
  });

  it("fails on bad config before building anything", async () => {
    let mocks: Awaited<ReturnType<typeof installMocks>> | undefined;
    const attempt = (async () => {
      mocks = await installMocks("dev");
      pulumi.runtime.setAllConfig(cliConfig({ ...stackFileConfig("dev"), stage: 9 }), []);
      return main();
    })();
    await expect(attempt).rejects.toThrow(new ConfigError([`stage: 9 is not a stage; allowed: 0, 1, 2, 3, 4, 5`]));
    expect(mocks!.registrations).toEqual([]);
    expect(mocks!.stackReferences).toEqual([]);
  });
});
