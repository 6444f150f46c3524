/** What the `MetricsStream` resource runs in the plugin (from the runtime bundle, see runtime.ts). */
import { KindProvider } from "../kindProvider";
import { metricsStreamSchema } from "./check";
import { FIELDS } from "./fields";
import type { MetricsStreamInputs, MetricsStreamOutputs } from "./types";
import { metricsStreamWire } from "./wire";

export const metricsStreamProvider = new KindProvider<MetricsStreamInputs, MetricsStreamOutputs>(metricsStreamSchema, FIELDS, metricsStreamWire);
