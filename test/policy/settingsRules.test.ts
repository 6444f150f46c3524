import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { policies } from "../../policy/policies";
import type { PolicyTarget } from "../../policy/rules";
import { failedDeployNotifications, logStreamConfigured } from "../../policy/settingsRules";

const T = (cls: string): string => `pulumi-nodejs:dynamic/render:${cls}`;
const r = (cls: string, name: string, props: Record<string, unknown> = {}): PolicyTarget => ({ type: T(cls), name, props, protect: false });

const web = r("Service", "prod-web", { type: "web_service" });
const api = r("Service", "prod-api", { type: "web_service" });
const notifying = r("NotificationSettings", "prod-notifications", { notificationsToSend: "failure" });

describe("logStreamConfigured", () => {
  test.each<[string, PolicyTarget[], string[]]>([
    ["a workspace log stream", [web, api, r("LogStream", "prod-log-stream", { endpoint: "logs.example.com:6514" })], []],
    ["a stream of its own for every service", [web, api,
      r("ResourceLogStream", "prod-web-log-stream", { setting: "send", endpoint: "a.example.com:1" }),
      r("ResourceLogStream", "prod-api-log-stream", { setting: "send", endpoint: "a.example.com:1" })], []],
    ["no stack without services", [r("Postgres", "prod-db")], []],
  ])("passes %s", (_t, resources, expected) => {
    expect(logStreamConfigured(resources)).toEqual(expected);
  });

  it("names every service whose logs go nowhere, and says which config key fixes it", () => {
    expect(logStreamConfigured([web, api, r("ResourceLogStream", "prod-web-log-stream", { setting: "send", endpoint: "a.example.com:1" })])).toEqual([
      `No log stream: Service "prod-api" keep logs only in Render's short retention; set logStream (endpoint host:port, tokenSecret) in the stack config: ` +
      `pulumi config set --path logStream.endpoint logs.example.com:6514`,
    ]);
  });

  it("refuses a production service that drops its logs, even with a workspace stream", () => {
    expect(logStreamConfigured([web, r("LogStream", "prod-log-stream"), r("ResourceLogStream", "prod-web-log-stream", { setting: "drop", resourceId: "srv-1" })]))
      .toEqual([`ResourceLogStream "prod-web-log-stream" drops the logs of srv-1; production keeps its logs: use setting "send".`]);
  });
});

describe("failedDeployNotifications", () => {
  it("passes workspace settings that send failures", () => {
    expect(failedDeployNotifications([web, notifying, r("NotificationOverride", "prod-web-notifications", { notificationsToSend: "all" })])).toEqual([]);
  });

  it("asks for notification settings when the stack manages none", () => {
    expect(failedDeployNotifications([web])).toEqual([
      `Notifications are not managed by this stack; set notifications.notificationsToSend to "failure" or "all": pulumi config set --path notifications.notificationsToSend failure`,
    ]);
  });

  it("refuses settings that send nothing and an override that silences a service", () => {
    expect(failedDeployNotifications([web, r("NotificationSettings", "prod-notifications", { notificationsToSend: "none" }),
      r("NotificationOverride", "prod-web-notifications", { notificationsToSend: "none", serviceId: "srv-1" })])).toEqual([
      `NotificationSettings "prod-notifications" sends no notifications; production needs "failure" or "all" so failed deploys are seen.`,
      `NotificationOverride "prod-web-notifications" silences srv-1; use "default", "failure" or "all".`,
    ]);
  });
});

describe("settings policies in the pack", () => {
  it.each(["log-stream-configured", "failed-deploy-notifications"])("%s applies to prod stacks only", async (name) => {
    const policy = policies.find((p) => p.name === name) as StackValidationPolicy;
    const run = async (stack: string) => {
      const reported: string[] = [];
      const resources = [{ type: web.type, name: web.name, props: web.props, urn: `urn:pulumi:${stack}::render-stages::${web.type}::${web.name}`, opts: { protect: false } }] as unknown as PolicyResource[];
      await policy.validateStack!({ resources, stackTags: new Map(), getConfig: <C extends object>() => ({}) as C, notApplicable: () => { throw new Error("n/a"); } }, (m) => reported.push(m));
      return reported;
    };
    expect(await run("prod")).toHaveLength(1);
    expect(await run("dev")).toEqual([]);
  });
});
