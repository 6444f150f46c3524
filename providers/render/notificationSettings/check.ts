/** Pure validation of workspace notification settings. */
import { z } from "zod";
import { bool, oneOf, text } from "../validate";
import { NOTIFY_LEVELS } from "./fields";

export function notificationSettingsSchema() {
  return z.strictObject({
    notificationsToSend: oneOf(NOTIFY_LEVELS, "a notification level").optional(),
    emailEnabled: bool().optional(),
    previewNotificationsEnabled: bool().optional(),
    ownerId: text("a workspace id (tea-…)", /^(tea|usr)-\S+$/).optional(),
  });
}
