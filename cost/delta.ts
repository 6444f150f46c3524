/** The cost difference between two estimates, matched by resource id, as a PR comment would show it. */
import type { StackConfig } from "../components/config";
import { FRESH_STACK, plannedStateful } from "../components/statefulPlan";
import type { PriceCatalog } from "./catalog";
import { estimateCost, type CostEstimate, type CostLine } from "./estimate";

export interface DeltaLine {
  resource: string;
  kind: string;
  /** `starter → standard` when the plan changed. */
  plan: string;
  before?: number;
  after?: number;
  change: number;
}

export interface CostDelta {
  currency: string;
  before: number;
  after: number;
  change: number;
  /** Every resource of either side; unchanged ones have change 0. */
  lines: DeltaLine[];
}

const cents = (n: number): number => Math.round(n * 100) / 100;

export function costDelta(base: CostEstimate, head: CostEstimate): CostDelta {
  if (base.currency !== head.currency) {
    throw new Error(`cannot compare ${base.currency} with ${head.currency}; price both with the same catalog (--prices).`);
  }
  const before = new Map(base.lines.map((l) => [l.resource, l]));
  const after = new Map(head.lines.map((l) => [l.resource, l]));
  const ids = [...head.lines.map((l) => l.resource), ...base.lines.map((l) => l.resource).filter((id) => !after.has(id))];
  const lines = ids.map((id): DeltaLine => {
    const b: CostLine | undefined = before.get(id);
    const a: CostLine | undefined = after.get(id);
    const plan = b && a && b.plan !== a.plan ? `${b.plan} → ${a.plan}` : (a ?? b)!.plan;
    return {
      resource: id, kind: (a ?? b)!.kind, plan,
      ...(b ? { before: b.monthly } : {}), ...(a ? { after: a.monthly } : {}),
      change: cents((a?.monthly ?? 0) - (b?.monthly ?? 0)),
    };
  });
  return { currency: head.currency, before: base.total, after: head.total, change: cents(head.total - base.total), lines };
}

/**
 * Prices `base` and `head` and compares them. `head` is priced as an update of `base`: the stateful resources
 * `base` builds count as already there, so a disk a stage change would retire stays in `head` (and in its bill)
 * until `allowDataLoss.disk` lets it go, as the program itself decides.
 */
export function compareConfigs(base: StackConfig, head: StackConfig, prices: PriceCatalog): { base: CostEstimate; head: CostEstimate; delta: CostDelta } {
  const componentName = head.namePrefix;
  const baseEstimate = estimateCost(base, prices, { componentName });
  const previous = { stage: base.stage, statefulResources: plannedStateful(base, componentName, base.stage, FRESH_STACK) };
  const headEstimate = estimateCost(head, prices, { componentName, previous });
  return { base: baseEstimate, head: headEstimate, delta: costDelta(baseEstimate, headEstimate) };
}
