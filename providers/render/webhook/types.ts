/** Workspace webhook: Args, Inputs, Outputs. */
import type * as pulumi from "@pulumi/pulumi";
import type { WEBHOOK_EVENTS } from "./fields";

export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

export interface WebhookArgs {
  name: pulumi.Input<string>;
  /** Where Render POSTs events (https). */
  url: pulumi.Input<string>;
  /** Default true. */
  enabled?: pulumi.Input<boolean>;
  /** Events to send (default: every event). */
  eventFilter?: pulumi.Input<pulumi.Input<WebhookEvent>[]>;
  /** Workspace (default: the API key's only workspace or RENDER_OWNER_ID); create-only. */
  ownerId?: pulumi.Input<string>;
}

export interface WebhookInputs { name: string; url: string; enabled: boolean; eventFilter: WebhookEvent[]; ownerId?: string }
export interface WebhookOutputs extends WebhookInputs {
  ownerId: string;
  /** The signing secret Render generated (verifies each delivery's signature). Secret. */
  secret: string;
}
