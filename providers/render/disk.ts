/**
 * The `Disk` resource class. Its provider is a small loader for the runtime bundle (runtimeProvider.ts): the
 * implementation lives in diskProvider.ts.
 */
import * as pulumi from "@pulumi/pulumi";
import type { DiskArgs } from "./inputs";
import { makeProvider } from "./runtimeProvider";

/** A persistent disk for a web service, private service or worker (paid plan, one instance). */
export class Disk extends pulumi.dynamic.Resource {
  declare readonly serviceId: pulumi.Output<string>;
  declare readonly name: pulumi.Output<string>;
  declare readonly mountPath: pulumi.Output<string>;
  declare readonly sizeGB: pulumi.Output<number>;

  constructor(name: string, args: DiskArgs, opts?: pulumi.CustomResourceOptions) {
    super(makeProvider("Disk"), name, { ...args }, opts, "render", "Disk");
  }
}
