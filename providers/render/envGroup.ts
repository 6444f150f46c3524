/**
 * The `EnvGroup` resource class. Its provider is a small loader for the runtime bundle (runtimeProvider.ts): the
 * implementation lives in envGroupProvider.ts.
 */
import * as pulumi from "@pulumi/pulumi";
import type { EnvGroupArgs } from "./inputs";
import { makeProvider } from "./runtimeProvider";

/** Shared env vars and secret files, linked to any number of services. */
export class EnvGroup extends pulumi.dynamic.Resource {
  declare readonly name: pulumi.Output<string>;
  declare readonly envVars: pulumi.Output<Record<string, string>>;
  declare readonly secretFiles: pulumi.Output<Record<string, string>>;
  declare readonly serviceIds: pulumi.Output<string[]>;
  declare readonly environmentId: pulumi.Output<string | undefined>;

  constructor(name: string, args: EnvGroupArgs, opts?: pulumi.CustomResourceOptions) {
    super(makeProvider("EnvGroup"), name, { ...args },
      pulumi.mergeOptions(opts, { additionalSecretOutputs: ["envVars", "secretFiles"] }), "render", "EnvGroup");
  }
}
