/**
 * The monthly cost of the stack as applied, priced by cost/ from the config the program ran with, and its change
 * against the config of the previous successful update (kept in the state, secret keys left out).
 * The cost model and the config schema it parses with load the whole Pulumi SDK, so they are required only when
 * pricing, after the program passes, not in every engine process from its start.
 */
import type { PriceCatalog } from "../cost/catalog";
import type { CostEstimate } from "../cost/estimate";
import type { Redactor } from "./redactor";
import type { PropertyMap } from "./wire";
import { revealSecrets } from "./wire";

export interface SandboxCost extends CostEstimate {
  /** Total of the previous update's config, priced the same way; set when the plan changed something. */
  before?: number;
  /** `total - before`. */
  change?: number;
}

export interface StackCostInput {
  project: string;
  stack: string;
  /** Config as the program received it (namespaced keys, text values). */
  config: Record<string, string>;
  /** Config of the previous successful update, when the state has it. */
  previousConfig?: Record<string, string>;
  /** Stack outputs before this run: which disks the program found (and keeps at stage 2+). */
  previousOutputs: PropertyMap;
  /** The plan created, updated, replaced or deleted something. */
  changed: boolean;
}

/** What the state keeps for the next delta: the program config keys that are not secret, known secret values masked. */
export function costConfig(project: string, config: Record<string, string>, secretKeys: readonly string[],
  redactor: Redactor): Record<string, string> {
  const { CONFIG_KEYS } = require("../components/config") as typeof import("../components/config");
  const out: Record<string, string> = {};
  for (const key of CONFIG_KEYS.map((k) => `${project}:${k}`)) {
    if (config[key] !== undefined && !secretKeys.includes(key)) out[key] = redactor.redact(config[key]);
  }
  return out;
}

/**
 * Prices the stack; `cost` is undefined when the config is not this product's (a program the cost model does
 * not describe), and `text` then says nothing. A plan missing from the price catalog is said in `text`.
 */
export function stackCost(input: StackCostInput): { cost?: SandboxCost; text?: string } {
  const { parsePrevious } = require("../components/statefulPlan") as typeof import("../components/statefulPlan");
  const { loadPriceCatalog } = require("../cost/catalog") as typeof import("../cost/catalog");
  const { costDelta } = require("../cost/delta") as typeof import("../cost/delta");
  const { estimateCost } = require("../cost/estimate") as typeof import("../cost/estimate");
  const { formatEstimate } = require("../cost/format") as typeof import("../cost/format");
  const { parseConfigValues } = require("../cost/readStack") as typeof import("../cost/readStack");
  const { ConfigError } = require("../components/configError") as typeof import("../components/configError");
  const { CostError } = require("../cost/estimate") as typeof import("../cost/estimate");
  const previous = parsePrevious(revealSecrets(input.previousOutputs.stage), revealSecrets(input.previousOutputs.statefulResources));
  const price = (config: Record<string, string>, prices: PriceCatalog) =>
    estimateCost(parseConfigValues(config, input.project, input.stack), prices, { componentName: input.stack, previous });
  try {
    const prices = loadPriceCatalog();
    const head = price(input.config, prices);
    const base = input.changed && input.previousConfig ? unlessInvalid(() => price(input.previousConfig!, prices)) : undefined;
    const delta = base ? costDelta(base, head) : undefined;
    const cost: SandboxCost = delta ? { ...head, before: delta.before, change: delta.change } : head;
    const [title, ...body] = formatEstimate(`Monthly cost: ${headline(cost)}`, head, prices).split("\n");
    return { cost, text: [title, ...body.map((l) => `    ${l}`.trimEnd())].join("\n") };
  } catch (err) {
    if (err instanceof ConfigError) return {};
    if (err instanceof CostError) return { text: `Monthly cost: not available: ${err.message}` };
    throw err;
  }
}

/** A previous config that no longer parses or prices (an older config format) gives no delta. */
function unlessInvalid(fn: () => CostEstimate): CostEstimate | undefined {
  const { ConfigError } = require("../components/configError") as typeof import("../components/configError");
  const { CostError } = require("../cost/estimate") as typeof import("../cost/estimate");
  try {
    return fn();
  } catch (err) {
    if (err instanceof ConfigError || err instanceof CostError) return undefined;
    throw err;
  }
}

/** `$9.50`, or `$9.50 → $16.50 (+$7.00)` with the change. */
function headline(cost: SandboxCost): string {
  const { money } = require("../cost/format") as typeof import("../cost/format");
  if (cost.before === undefined || cost.change === undefined) return money(cost.total, cost.currency);
  const change = cost.change === 0 ? "no change" : money(cost.change, cost.currency, true);
  return `${money(cost.before, cost.currency)} → ${money(cost.total, cost.currency)} (${change})`;
}
