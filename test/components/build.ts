/** Builds one stage component under recording mocks and waits for every registration. */
import { FRESH_STACK, STAGE_COMPONENTS, type PreviousState, type StackOutputs, type StageComponent } from "../../components";
import type { SecretValues, Stage, StackConfig } from "../../components/config";
import { installMocks, type RecordingMocks, settled } from "../helpers/mocks";

export interface Built {
  mocks: RecordingMocks;
  component: StageComponent;
  outputs: StackOutputs;
}

export async function build(config: StackConfig, opts: { previous?: PreviousState; stack?: string; secrets?: SecretValues } = {}): Promise<Built> {
  const stack = opts.stack ?? "dev";
  const mocks = await installMocks(stack);
  const Stage = STAGE_COMPONENTS[config.stage as Stage];
  const component = new Stage(stack, { config, secrets: opts.secrets ?? {}, previous: opts.previous ?? FRESH_STACK }, { transformations: [mocks.record] });
  await settled();
  return { mocks, component, outputs: component.outputs };
}

/** What the next run reads back through the self stack reference. */
export function previousOf(outputs: StackOutputs): PreviousState {
  return { stage: outputs.stage, statefulResources: outputs.statefulResources, inventory: outputs.statefulInventory };
}
