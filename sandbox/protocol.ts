/** What a program pass asks of the sandbox engine (programHost.ts → engine.ts). */
import { PropertyMap } from "./wire";

/** One `RegisterResource` / `ReadResource` request, with the options the engine would see. */
export interface Registration {
  urn: string;
  type: string;
  name: string;
  parent?: string;
  custom: boolean;
  /** Inputs as serialized by the SDK: secrets wrapped, unknowns as the sentinel. */
  inputs: PropertyMap;
  provider?: string;
  dependencies: string[];
  /** Undefined when the program did not say (inherited from the parent). */
  protect?: boolean;
  retainOnDelete?: boolean;
  deleteBeforeReplace: boolean;
  additionalSecretOutputs: string[];
  ignoreChanges: string[];
  /** Earlier URNs of this resource (aliases, including those inherited from its parent). */
  aliases: string[];
  /** Output properties the resource declares (its props left undefined), as a provider would fill them. */
  outputNames: string[];
  /** Set for a read (`Resource.get`, StackReference): the id to read. */
  readId?: string;
}

export interface RunnerArgs {
  program: string;
  project: string;
  stack: string;
  organization: string;
}

/** Marks errors the engine already reported, so the program host does not report them again as program errors. */
export const STEP_FAILED = "[sandbox: step failed]";
