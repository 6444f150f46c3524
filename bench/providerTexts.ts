/**
 * The serialized `__provider` of every Render resource kind, exactly as the engine stores it in state:
 * one of each kind is registered under `pulumi.runtime.setMocks` and the mock keeps the text it is sent.
 */
import * as pulumi from "@pulumi/pulumi";

export type ResourceKind =
  | "Service" | "Disk" | "Postgres" | "KeyValue" | "EnvGroup" | "CustomDomain" | "Project"
  | "PostgresConnection" | "KeyValueConnection" | "ServiceEndpoint";

/** Registers one resource of each kind asked for; the providers never run, so the args only need to type-check. */
function registerOneOfEach(kinds: readonly ResourceKind[]): void {
  /* eslint-disable @typescript-eslint/no-var-requires */
  const { Service } = require("../providers/render/service");
  const { Disk } = require("../providers/render/disk");
  const { Postgres } = require("../providers/render/postgres");
  const { KeyValue } = require("../providers/render/keyValue");
  const { EnvGroup } = require("../providers/render/envGroup");
  const { CustomDomain } = require("../providers/render/customDomain");
  const { Project } = require("../providers/render/project");
  const { PostgresConnection } = require("../providers/render/postgresConnection");
  const { KeyValueConnection } = require("../providers/render/keyValueConnection");
  const { ServiceEndpoint } = require("../providers/render/serviceEndpoint");
  const make: Record<ResourceKind, () => unknown> = {
    Service: () => new Service("Service", { type: "web_service", name: "bench-web", runtime: "node" }),
    Disk: () => new Disk("Disk", { serviceId: "srv-bench", name: "bench-disk", mountPath: "/data" }),
    Postgres: () => new Postgres("Postgres", { name: "bench-db" }),
    KeyValue: () => new KeyValue("KeyValue", { name: "bench-cache" }),
    EnvGroup: () => new EnvGroup("EnvGroup", { name: "bench-env" }),
    CustomDomain: () => new CustomDomain("CustomDomain", { serviceId: "srv-bench", name: "www.example.com" }),
    Project: () => new Project("Project", { name: "bench", environments: [{ name: "production" }] }),
    PostgresConnection: () => new PostgresConnection("PostgresConnection", { postgresId: "dpg-bench" }),
    KeyValueConnection: () => new KeyValueConnection("KeyValueConnection", { keyValueId: "red-bench" }),
    ServiceEndpoint: () => new ServiceEndpoint("ServiceEndpoint", { serviceId: "srv-bench" }),
  };
  for (const kind of kinds) make[kind]();
}

export const RESOURCE_KINDS: readonly ResourceKind[] = [
  "Service", "Disk", "Postgres", "KeyValue", "EnvGroup", "CustomDomain", "Project",
  "PostgresConnection", "KeyValueConnection", "ServiceEndpoint",
];

export async function collectProviderTexts(kinds: readonly ResourceKind[] = RESOURCE_KINDS, timeoutMs = 60_000): Promise<Map<ResourceKind, string>> {
  const texts = new Map<ResourceKind, string>();
  let done: () => void = () => undefined;
  const all = new Promise<void>((resolve) => { done = resolve; });
  await pulumi.runtime.setMocks({
    newResource: (args) => {
      const text = args.inputs.__provider;
      if (typeof text === "string" && (kinds as string[]).includes(args.name)) texts.set(args.name as ResourceKind, text);
      if (texts.size === kinds.length) done();
      return { id: `${args.name}-id`, state: args.inputs };
    },
    call: (args) => {
      throw new Error(`provider texts: unexpected invoke ${args.token}`);
    },
  }, "render-stages", "bench", false);
  registerOneOfEach(kinds);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(
      `provider texts: only ${[...texts.keys()].join(", ") || "none"} of ${kinds.join(", ")} serialized within ${timeoutMs} ms`,
    )), timeoutMs);
  });
  try {
    await Promise.race([all, timeout]);
  } finally {
    clearTimeout(timer);
  }
  return texts;
}

/** Sizes in bytes of each kind's `__provider`, with the max and mean over kinds. */
export function providerSizes(texts: Map<ResourceKind, string>): { max: number; mean: number; byKind: Record<string, number> } {
  const byKind = Object.fromEntries([...texts].map(([kind, text]) => [kind, Buffer.byteLength(text, "utf8")]));
  const sizes = Object.values(byKind);
  if (sizes.length === 0) return { max: 0, mean: 0, byKind };
  return { max: Math.max(...sizes), mean: Math.round(sizes.reduce((a, b) => a + b, 0) / sizes.length), byKind };
}
