/** What the `LogStream` resource runs in the plugin (from the runtime bundle, see runtime.ts). */
import { KindProvider } from "../kindProvider";
import { logStreamSchema } from "./check";
import { FIELDS } from "./fields";
import type { LogStreamInputs, LogStreamOutputs } from "./types";
import { logStreamWire } from "./wire";

export const logStreamProvider = new KindProvider<LogStreamInputs, LogStreamOutputs>(logStreamSchema, FIELDS, logStreamWire);
