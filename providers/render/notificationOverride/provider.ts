/** What the `NotificationOverride` resource runs in the plugin (from the runtime bundle, see runtime.ts). */
import { KindProvider } from "../kindProvider";
import { notificationOverrideSchema } from "./check";
import { FIELDS } from "./fields";
import type { NotificationOverrideInputs, NotificationOverrideOutputs } from "./types";
import { notificationOverrideWire } from "./wire";

export const notificationOverrideProvider = new KindProvider<NotificationOverrideInputs, NotificationOverrideOutputs>(
  notificationOverrideSchema, FIELDS, notificationOverrideWire);
