/** What the `MaintenanceMode` resource runs in the plugin (from the runtime bundle, see runtime.ts). */
import { KindProvider } from "../kindProvider";
import { maintenanceModeSchema } from "./check";
import { FIELDS } from "./fields";
import type { MaintenanceModeInputs, MaintenanceModeOutputs } from "./types";
import { maintenanceModeWire } from "./wire";

export const maintenanceModeProvider = new KindProvider<MaintenanceModeInputs, MaintenanceModeOutputs>(
  maintenanceModeSchema, FIELDS, maintenanceModeWire);
