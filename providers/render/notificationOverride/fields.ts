/** Service notification override fields (spec `/notification-settings/overrides/services/{serviceId}`). */
import type { KindFields } from "../kindProvider";

export const OVERRIDE_LEVELS = ["default", "none", "failure", "all"] as const;
/** Render spells the preview override as strings. */
export const PREVIEW_OVERRIDES = ["default", "true", "false"] as const;

export const FIELDS: KindFields = {
  keys: ["serviceId", "notificationsToSend", "previewNotificationsEnabled"],
  createOnly: ["serviceId"],
};
