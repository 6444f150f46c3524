/**
 * The `KeyValueConnection` resource class: a Key Value instance's connection details, keyed by its id alone, so
 * they stay known while the instance is updated. Implementation: keyValueConnectionProvider.ts.
 */
import * as pulumi from "@pulumi/pulumi";
import type { KeyValueConnectionArgs } from "./inputs";
import { makeProvider } from "./runtimeProvider";

const SECRET_OUTPUTS = ["internalConnectionString", "externalConnectionString"];

/** How to reach a Render Key Value instance (hosts and ports; secret connection strings). */
export class KeyValueConnection extends pulumi.dynamic.Resource {
  declare readonly keyValueId: pulumi.Output<string>;
  declare readonly host: pulumi.Output<string>;
  declare readonly port: pulumi.Output<number>;
  declare readonly externalHost: pulumi.Output<string>;
  declare readonly externalPort: pulumi.Output<number>;
  declare readonly internalConnectionString: pulumi.Output<string>;
  declare readonly externalConnectionString: pulumi.Output<string>;

  constructor(name: string, args: KeyValueConnectionArgs, opts?: pulumi.CustomResourceOptions) {
    super(makeProvider("KeyValueConnection"), name,
      { ...args, host: undefined, port: undefined, externalHost: undefined, externalPort: undefined,
        internalConnectionString: undefined, externalConnectionString: undefined },
      pulumi.mergeOptions(opts, { additionalSecretOutputs: SECRET_OUTPUTS }), "render", "KeyValueConnection");
  }
}
