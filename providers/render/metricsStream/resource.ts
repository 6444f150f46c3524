/** The `MetricsStream` resource class: the only file of this kind that loads `@pulumi/pulumi`. */
import * as pulumi from "@pulumi/pulumi";
import { makeProvider } from "../runtimeProvider";
import type { MetricsProvider, MetricsStreamArgs } from "./types";

/** The workspace's metrics stream: Render pushes every service's metrics to one provider. */
export class MetricsStream extends pulumi.dynamic.Resource {
  declare readonly provider: pulumi.Output<MetricsProvider>;
  declare readonly url: pulumi.Output<string>;
  /** Secret. */
  declare readonly token: pulumi.Output<string>;
  declare readonly ownerId: pulumi.Output<string>;

  constructor(name: string, args: MetricsStreamArgs, opts?: pulumi.CustomResourceOptions) {
    super(makeProvider("MetricsStream"), name, { ownerId: undefined, ...args, token: pulumi.secret(args.token) },
      pulumi.mergeOptions(opts, { additionalSecretOutputs: ["token"] }), "render", "MetricsStream");
  }
}
