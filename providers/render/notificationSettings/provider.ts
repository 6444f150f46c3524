/** What the `NotificationSettings` resource runs in the plugin (from the runtime bundle, see runtime.ts). */
import { KindProvider } from "../kindProvider";
import { notificationSettingsSchema } from "./check";
import { FIELDS } from "./fields";
import type { NotificationSettingsInputs, NotificationSettingsOutputs } from "./types";
import { notificationSettingsWire } from "./wire";

export const notificationSettingsProvider = new KindProvider<NotificationSettingsInputs, NotificationSettingsOutputs>(
  notificationSettingsSchema, FIELDS, notificationSettingsWire);
