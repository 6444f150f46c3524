/** Workspace notification fields (spec `/notification-settings/owners/{ownerId}`; Terraform `render_notification_setting`). */
import type { KindFields } from "../kindProvider";

export const NOTIFY_LEVELS = ["none", "failure", "all"] as const;

export const FIELDS: KindFields = {
  keys: ["notificationsToSend", "emailEnabled", "previewNotificationsEnabled", "ownerId"],
  createOnly: ["ownerId"],
  // Every workspace always has settings: what the program leaves out stays as the dashboard set it.
  serverDefaulted: ["notificationsToSend", "emailEnabled", "previewNotificationsEnabled", "ownerId"],
};
