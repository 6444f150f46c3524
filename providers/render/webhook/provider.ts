/** What the `Webhook` resource runs in the plugin (from the runtime bundle, see runtime.ts). */
import { KindProvider } from "../kindProvider";
import { webhookSchema } from "./check";
import { FIELDS } from "./fields";
import type { WebhookInputs, WebhookOutputs } from "./types";
import { webhookWire } from "./wire";

export const webhookProvider = new KindProvider<WebhookInputs, WebhookOutputs>(webhookSchema, FIELDS, webhookWire);
