/** Metrics stream fields (spec `/metrics-stream/{ownerId}`; Terraform `render_metrics_stream`). */
import type { KindFields } from "../kindProvider";

export const METRICS_PROVIDERS = ["BETTER_STACK", "GRAFANA", "DATADOG", "NEW_RELIC", "HONEYCOMB", "CUSTOM"] as const;

export const FIELDS: KindFields = {
  keys: ["provider", "url", "token", "ownerId"],
  createOnly: ["ownerId"],
  serverDefaulted: ["ownerId"],
  writeOnly: ["token"],
};
