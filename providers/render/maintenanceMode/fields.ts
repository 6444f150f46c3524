/** Maintenance mode fields (spec `serviceDetails.maintenanceMode{enabled,uri}`; Terraform: `maintenance_mode`). */
import type { KindFields } from "../kindProvider";

export const FIELDS: KindFields = {
  keys: ["serviceId", "enabled", "uri"],
  createOnly: ["serviceId"],
};
