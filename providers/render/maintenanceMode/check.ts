/** Pure validation of maintenance mode. */
import { z } from "zod";
import { url } from "../kindProvider";
import { bool, text } from "../validate";

export function maintenanceModeSchema() {
  return z.strictObject({
    serviceId: text("a web service id (srv-…)", /^srv-\S+$/),
    enabled: bool().default(true),
    uri: z.union([z.literal(""), url("an https URL of the maintenance page, or \"\" for Render's default page")]).default(""),
  });
}
