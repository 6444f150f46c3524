/** What the `ResourceLogStream` resource runs in the plugin (from the runtime bundle, see runtime.ts). */
import { KindProvider } from "../kindProvider";
import { resourceLogStreamSchema } from "./check";
import { FIELDS } from "./fields";
import type { ResourceLogStreamInputs, ResourceLogStreamOutputs } from "./types";
import { resourceLogStreamWire } from "./wire";

export const resourceLogStreamProvider = new KindProvider<ResourceLogStreamInputs, ResourceLogStreamOutputs>(
  resourceLogStreamSchema, FIELDS, resourceLogStreamWire);
