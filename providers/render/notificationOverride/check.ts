/** Pure validation of a service notification override. */
import { z } from "zod";
import { oneOf, text } from "../validate";
import { OVERRIDE_LEVELS, PREVIEW_OVERRIDES } from "./fields";

export function notificationOverrideSchema() {
  return z.strictObject({
    serviceId: text("a service id (srv-… or crn-…)", /^(srv|crn)-\S+$/),
    notificationsToSend: oneOf(OVERRIDE_LEVELS, "a notification override").default("default"),
    previewNotificationsEnabled: z.preprocess((v) => (typeof v === "boolean" ? String(v) : v),
      oneOf(PREVIEW_OVERRIDES, "a preview notification override")).default("default"),
  });
}
