/**
 * The `Service` resource class. Its provider is a small loader for the runtime bundle (runtimeProvider.ts): the
 * implementation lives in serviceProvider.ts.
 */
import * as pulumi from "@pulumi/pulumi";
import type { ServiceArgs } from "./inputs";
import { makeProvider } from "./runtimeProvider";

/** Values Render returns in clear text that must stay secret in state and outputs. */
const SECRET_OUTPUTS = ["envVars", "secretFiles", "generatedEnvVarValues"];

/** A Render web service, private service, background worker, static site or cron job. */
export class Service extends pulumi.dynamic.Resource {
  declare readonly type: pulumi.Output<string>;
  declare readonly name: pulumi.Output<string>;
  declare readonly region: pulumi.Output<string | undefined>;
  declare readonly plan: pulumi.Output<string | undefined>;
  declare readonly numInstances: pulumi.Output<number | undefined>;
  declare readonly envVars: pulumi.Output<Record<string, string>>;
  declare readonly secretFiles: pulumi.Output<Record<string, string>>;
  declare readonly customDomains: pulumi.Output<string[] | undefined>;
  declare readonly environmentId: pulumi.Output<string | undefined>;
  declare readonly ownerId: pulumi.Output<string>;
  declare readonly slug: pulumi.Output<string>;
  declare readonly url: pulumi.Output<string>;
  declare readonly host: pulumi.Output<string>;
  declare readonly dashboardUrl: pulumi.Output<string>;
  declare readonly generatedEnvVarValues: pulumi.Output<Record<string, string>>;
  declare readonly diskId: pulumi.Output<string | undefined>;

  constructor(name: string, args: ServiceArgs, opts?: pulumi.CustomResourceOptions) {
    super(makeProvider("Service"), name,
      { ...args, ownerId: undefined, slug: undefined, url: undefined, host: undefined, dashboardUrl: undefined,
        generatedEnvVarValues: undefined, diskId: undefined },
      pulumi.mergeOptions(opts, { additionalSecretOutputs: SECRET_OUTPUTS }), "render", "Service");
  }
}
