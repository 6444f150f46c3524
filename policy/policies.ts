/** The CrossGuard policies: each wraps one pure rule from rules.ts and applies it to production stacks. */
import type {
  PolicyResource, ReportViolation, ResourceValidationArgs, ResourceValidationPolicy, StackValidationArgs,
  StackValidationPolicy,
} from "@pulumi/policy";
import {
  autoscalingRange, cloudflareDnsOnlyUntilVerified, isEnforcedStack, noFreePlans, noPlaintextSecrets,
  PolicyTarget, postgresResilience, stackOfUrn, statefulProtected,
} from "./rules";
import { failedDeployNotifications, logStreamConfigured } from "./settingsRules";

/** Policy config every policy shares: which stacks count as production. */
export interface ProductionConfig {
  /** Stack names (or `prefix-*` patterns) the rules apply to. Default: prod, production, prod-*. */
  productionStacks: string[];
}

interface SecretsConfig extends ProductionConfig {
  /** Env var keys that are known to come from Pulumi secrets, exempt from the shape check. */
  allowedKeys: string[];
}

const DEFAULT_STACKS = ["prod", "production", "prod-*"];

const productionSchema = {
  properties: {
    productionStacks: { type: "array" as const, items: { type: "string" as const }, default: DEFAULT_STACKS },
  },
};

function target(r: ResourceValidationArgs | PolicyResource): PolicyTarget {
  return { type: r.type, name: r.name, props: r.props, protect: r.opts.protect };
}

function resourcePolicy(
  name: string,
  description: string,
  rule: (r: PolicyTarget, config: SecretsConfig) => string[],
  extraSchema: Record<string, object> = {},
): ResourceValidationPolicy {
  return {
    name,
    description,
    enforcementLevel: "mandatory",
    configSchema: { properties: { ...productionSchema.properties, ...extraSchema } },
    validateResource: (args: ResourceValidationArgs, report: ReportViolation) => {
      const config = { productionStacks: DEFAULT_STACKS, allowedKeys: [], ...args.getConfig<Partial<SecretsConfig>>() };
      if (!isEnforcedStack(stackOfUrn(args.urn), config.productionStacks)) return;
      for (const message of rule(target(args), config)) report(message);
    },
  };
}

function stackPolicy(
  name: string,
  description: string,
  rule: (resources: PolicyTarget[]) => string[],
): StackValidationPolicy {
  return {
    name,
    description,
    enforcementLevel: "mandatory",
    configSchema: productionSchema,
    validateStack: (args: StackValidationArgs, report: ReportViolation) => {
      const config = { productionStacks: DEFAULT_STACKS, ...args.getConfig<Partial<ProductionConfig>>() };
      const stack = args.resources.length > 0 ? stackOfUrn(args.resources[0].urn) : "";
      if (!isEnforcedStack(stack, config.productionStacks)) return;
      for (const message of rule(args.resources.map(target))) report(message);
    },
  };
}

export const policies = [
  resourcePolicy("no-free-plans", "Production services, Postgres and Key Value run on paid plans.", noFreePlans),
  resourcePolicy("postgres-resilience",
    "Production Postgres has high availability, or at least a paid plan with point-in-time recovery.", postgresResilience),
  resourcePolicy("stateful-protected",
    "Disks, Postgres, Key Value and buckets are protected against deletion.", statefulProtected),
  resourcePolicy("no-plaintext-secrets", "Env vars carry no secrets in plain text.",
    (r, config) => noPlaintextSecrets(r, config.allowedKeys),
    { allowedKeys: { type: "array", items: { type: "string" }, default: [] } }),
  resourcePolicy("autoscaling-range", "Autoscaling maxInstances is at least minInstances.", autoscalingRange),
  stackPolicy("cloudflare-dns-only-until-verified",
    "Cloudflare records pointing at Render stay DNS-only until Render has verified the domain.",
    cloudflareDnsOnlyUntilVerified),
  stackPolicy("log-stream-configured", "Every production service ships its logs to a log stream.", logStreamConfigured),
  stackPolicy("failed-deploy-notifications", "Failed deploys send notifications; no service silences them.", failedDeployNotifications),
];
