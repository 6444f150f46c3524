/** Workspace metrics stream (OpenTelemetry metrics to a provider): Args, Inputs, Outputs. */
import type * as pulumi from "@pulumi/pulumi";
import type { METRICS_PROVIDERS } from "./fields";

export type MetricsProvider = (typeof METRICS_PROVIDERS)[number];

export interface MetricsStreamArgs {
  /** BETTER_STACK, GRAFANA, DATADOG, NEW_RELIC, HONEYCOMB or CUSTOM. */
  provider: pulumi.Input<MetricsProvider>;
  /** The provider's OTLP ingest URL (https). */
  url: pulumi.Input<string>;
  /** API token for the provider; secret, write-only at Render. */
  token: pulumi.Input<string>;
  /** Workspace (default: the API key's only workspace or RENDER_OWNER_ID); create-only. */
  ownerId?: pulumi.Input<string>;
}

export interface MetricsStreamInputs { provider: MetricsProvider; url: string; token?: string; ownerId?: string }
export interface MetricsStreamOutputs extends MetricsStreamInputs { ownerId: string }
