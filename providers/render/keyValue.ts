/**
 * The `KeyValue` resource class. Its provider is a small loader for the runtime bundle (runtimeProvider.ts): the
 * implementation lives in keyValueProvider.ts.
 */
import * as pulumi from "@pulumi/pulumi";
import type { IpAllowEntry, KeyValueArgs } from "./inputs";
import { makeProvider } from "./runtimeProvider";

const SECRET_OUTPUTS = ["internalConnectionString", "externalConnectionString"];

/** A managed Render Key Value (Redis-compatible) instance. */
export class KeyValue extends pulumi.dynamic.Resource {
  declare readonly name: pulumi.Output<string>;
  declare readonly plan: pulumi.Output<string>;
  declare readonly region: pulumi.Output<string>;
  declare readonly maxmemoryPolicy: pulumi.Output<string>;
  declare readonly ipAllowList: pulumi.Output<IpAllowEntry[]>;
  declare readonly status: pulumi.Output<string>;
  declare readonly host: pulumi.Output<string>;
  declare readonly internalConnectionString: pulumi.Output<string>;
  declare readonly externalConnectionString: pulumi.Output<string>;

  constructor(name: string, args: KeyValueArgs, opts?: pulumi.CustomResourceOptions) {
    super(makeProvider("KeyValue"), name,
      { ...args, status: undefined, host: undefined, internalConnectionString: undefined, externalConnectionString: undefined },
      pulumi.mergeOptions(opts, { additionalSecretOutputs: SECRET_OUTPUTS }), "render", "KeyValue");
  }
}
