/** The `MaintenanceMode` resource class: the only file of this kind that loads `@pulumi/pulumi`. */
import * as pulumi from "@pulumi/pulumi";
import { makeProvider } from "../runtimeProvider";
import type { MaintenanceModeArgs } from "./types";

/** A web service's maintenance mode: Render serves a maintenance page instead of the app (e.g. during a migration). */
export class MaintenanceMode extends pulumi.dynamic.Resource {
  declare readonly serviceId: pulumi.Output<string>;
  declare readonly enabled: pulumi.Output<boolean>;
  declare readonly uri: pulumi.Output<string>;

  constructor(name: string, args: MaintenanceModeArgs, opts?: pulumi.CustomResourceOptions) {
    super(makeProvider("MaintenanceMode"), name, { enabled: undefined, uri: undefined, ...args }, opts, "render", "MaintenanceMode");
  }
}
