/** Maintenance mode of a web service: Args, Inputs, Outputs. */
import type * as pulumi from "@pulumi/pulumi";

export interface MaintenanceModeArgs {
  /** The web service; create-only. */
  serviceId: pulumi.Input<string>;
  /** Serve the maintenance page instead of the app (default true). */
  enabled?: pulumi.Input<boolean>;
  /** Page to serve (https); empty for Render's default page. */
  uri?: pulumi.Input<string>;
}

export interface MaintenanceModeInputs { serviceId: string; enabled: boolean; uri: string }
export type MaintenanceModeOutputs = MaintenanceModeInputs;
