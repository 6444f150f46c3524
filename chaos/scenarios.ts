/**
 * The four situations every fault is injected into: a fresh stage 3 `up`, a stage 3 → 4 update, an env var and
 * custom domain change, and a destroy. All but the first start from the baseline (a clean stage 3 `up`);
 * `action` is the run that gets the fault and is then repeated cleanly.
 */
import { RawConfig, stage3Changed, stageConfig } from "./stackConfigs";

export type ScenarioId = "fresh" | "upgrade" | "change" | "destroy";

export interface Scenario {
  id: ScenarioId;
  title: string;
  /** Starts from the baseline stack instead of an empty emulator. */
  fromBaseline: boolean;
  action: RawConfig | "destroy";
}

/** The config the baseline stack was applied with. */
export const BASELINE_CONFIG: RawConfig = stageConfig(3);

export const SCENARIOS: readonly Scenario[] = [
  { id: "fresh", title: "fresh stage 3 up", fromBaseline: false, action: stageConfig(3) },
  { id: "upgrade", title: "stage 3 → 4 update", fromBaseline: true, action: stageConfig(4) },
  { id: "change", title: "env var and domain change", fromBaseline: true, action: stage3Changed() },
  { id: "destroy", title: "destroy", fromBaseline: true, action: "destroy" },
];

export function scenario(id: ScenarioId): Scenario {
  const found = SCENARIOS.find((s) => s.id === id);
  if (!found) throw new Error(`unknown scenario "${id}"; known: ${SCENARIOS.map((s) => s.id).join(", ")}`);
  return found;
}
