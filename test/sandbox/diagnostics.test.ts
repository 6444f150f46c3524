import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { DiagnosticLog, formatDiagnostics } from "../../sandbox/diagnostics";
import { LogMessage, startEngineService } from "../../sandbox/engineService";
import { startPluginHost } from "../../sandbox/pluginHost";
import { Redactor } from "../../sandbox/redactor";
import { serializeProvider } from "../helpers/plugin";

const STACK = "urn:pulumi:dev::render-stages::pulumi:pulumi:Stack::render-stages-dev";
const SERVICE = "urn:pulumi:dev::render-stages::hosting:index:Stack$pulumi-nodejs:dynamic/render:Service::dev-web";
const warn = (urn: string, message: string): LogMessage => ({ severity: "warning", urn, message, ephemeral: false });

describe("DiagnosticLog", () => {
  it("keeps each message once, in arrival order, and puts messages about no resource on the stack", () => {
    const log = new DiagnosticLog(STACK);
    log.add(warn(SERVICE, "disk kept"));
    log.add({ severity: "info", urn: "", message: "hello\n", ephemeral: false });
    log.add(warn(SERVICE, "disk kept"));
    log.add({ severity: "error", urn: SERVICE, message: "disk kept", ephemeral: false });
    expect(log.list(new Redactor())).toEqual([
      { severity: "warning", urn: SERVICE, type: "pulumi-nodejs:dynamic/render:Service", name: "dev-web", message: "disk kept" },
      { severity: "info", urn: STACK, type: "pulumi:pulumi:Stack", name: "render-stages-dev", message: "hello" },
      { severity: "error", urn: SERVICE, type: "pulumi-nodejs:dynamic/render:Service", name: "dev-web", message: "disk kept" },
    ]);
  });

  it("drops debug, ephemeral and empty messages", () => {
    const log = new DiagnosticLog(STACK);
    log.add({ severity: "debug", urn: SERVICE, message: "polling", ephemeral: false });
    log.add({ severity: "info", urn: SERVICE, message: "deploying 1/3", ephemeral: true });
    log.addOutput("  \n");
    expect(log.list(new Redactor())).toEqual([]);
  });

  it("masks every secret the run has seen, including ones learned after the message arrived", () => {
    const log = new DiagnosticLog(STACK);
    log.add(warn(SERVICE, "connect with postgres://u:hunter22@db/app"));
    const redactor = new Redactor();
    redactor.add("postgres://u:hunter22@db/app");
    expect(log.list(redactor).map((d) => d.message)).toEqual(["connect with [secret]"]);
  });
});

describe("formatDiagnostics", () => {
  it("groups by resource as the Pulumi CLI does, with a severity prefix except for info", () => {
    const log = new DiagnosticLog(STACK);
    log.add(warn(SERVICE, "first\nsecond line"));
    log.addOutput("program output");
    log.add({ severity: "error", urn: SERVICE, message: "broken", ephemeral: false });
    expect(formatDiagnostics(log.list(new Redactor()))).toBe([
      "Diagnostics:",
      "  pulumi-nodejs:dynamic/render:Service (dev-web):",
      "    warning: first",
      "    second line",
      "    error: broken",
      "",
      "  pulumi:pulumi:Stack (render-stages-dev):",
      "    program output",
    ].join("\n"));
  });

  it("is absent when there is nothing to say", () => {
    expect(formatDiagnostics([])).toBeUndefined();
  });
});

describe("startEngineService", () => {
  it("receives pulumi.log messages that provider code sends from the plugin", async () => {
    const received: LogMessage[] = [];
    const engine = await startEngineService((msg) => received.push(msg));
    const provider: pulumi.dynamic.ResourceProvider = {
      async create(inputs: { name: string }) {
        await pulumi.log.warn(`${inputs.name} is on a legacy plan`);
        return { id: inputs.name, outs: inputs };
      },
    };
    const host = await startPluginHost({ cwd: path.resolve(__dirname, "../.."), project: "render-stages", engineAddress: engine.address });
    try {
      const urn = "urn:pulumi:dev::render-stages::pulumi-nodejs:dynamic:Resource::thing";
      await host.create(urn, { __provider: await serializeProvider(provider), name: "dev-db" });
      expect(received).toEqual([{ severity: "warning", urn: "", message: "dev-db is on a legacy plan", ephemeral: false }]);
    } finally {
      await host.close();
      await engine.close();
    }
  });
});
