import * as pulumi from "@pulumi/pulumi";
import { ConfigError, loadStackConfig } from "../../components/config";
import { installMocks } from "../helpers/mocks";
import { unwrap } from "../helpers/outputs";
import { cliConfig, stackFileConfig } from "./fixtures";

function problemsOf(fn: () => unknown): readonly string[] {
  try {
    fn();
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
}

describe("loadStackConfig", () => {
  beforeEach(async () => {
    await installMocks("prod-eu");
  });

  it("reads every key of the project namespace and resolves stack defaults", () => {
    pulumi.runtime.setAllConfig(cliConfig(stackFileConfig("dev")), []);
    const { config, secrets } = loadStackConfig();
    expect(config.stage).toBe(0);
    expect(config.apps.web.disk?.sizeGB).toBe(10);
    expect(config.protectData).toBe(true);
    expect(secrets).toEqual({});
  });

  it("reads secretEnv values through getSecret, so they stay secret", async () => {
    const raw = stackFileConfig("dev");
    raw.apps.web.secretEnv = { SENTRY_DSN: "sentryDsn" };
    pulumi.runtime.setAllConfig({ ...cliConfig(raw), "render-stages:sentryDsn": "https://key@sentry.example/1" }, ["render-stages:sentryDsn"]);
    const { secrets } = loadStackConfig();
    expect(await unwrap(secrets.sentryDsn)).toEqual({ value: "https://key@sentry.example/1", secret: true });
  });

  it("reports a missing secret and an unknown key in one error", () => {
    const raw = stackFileConfig("dev");
    raw.apps.web.secretEnv = { SENTRY_DSN: "sentryDsn" };
    raw.apps.web.plan = "pro";
    pulumi.runtime.setAllConfig({ ...cliConfig(raw), "render-stages:stagee": "1", "render-stages:renderApiKey": "x", "aws:region": "us-east-1" }, []);
    expect(problemsOf(() => loadStackConfig())).toEqual([
      `apps.web.secretEnv.SENTRY_DSN: stack config "sentryDsn" is not set; run: pulumi config set --secret sentryDsn <value>`,
      "stagee: unknown config key; allowed: stage, namePrefix, protectData, allowDataLoss, region, apps, envGroups, database, cache, storage, cloudflare, multiRegion, registryCredentials, logStream, metricsStream, notifications, webhooks, renderApiKey or a key named in secretEnv",
    ]);
  });

  it("shows a config value that is not JSON as the string it is", () => {
    pulumi.runtime.setAllConfig({ ...cliConfig(stackFileConfig("dev")), "render-stages:stage": "two" }, []);
    expect(problemsOf(() => loadStackConfig())).toEqual([`stage: "two" is not a stage; allowed: 0, 1, 2, 3, 4, 5`]);
  });
});
