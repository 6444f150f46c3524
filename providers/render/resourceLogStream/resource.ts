/** The `ResourceLogStream` resource class: the only file of this kind that loads `@pulumi/pulumi`. */
import * as pulumi from "@pulumi/pulumi";
import type { LogSetting } from "../logStream/types";
import { makeProvider } from "../runtimeProvider";
import type { ResourceLogStreamArgs } from "./types";

/** One resource's log stream, overriding the workspace default: another endpoint, or drop. */
export class ResourceLogStream extends pulumi.dynamic.Resource {
  declare readonly resourceId: pulumi.Output<string>;
  declare readonly setting: pulumi.Output<LogSetting>;
  declare readonly endpoint: pulumi.Output<string | undefined>;
  /** Secret. */
  declare readonly token: pulumi.Output<string | undefined>;

  constructor(name: string, args: ResourceLogStreamArgs, opts?: pulumi.CustomResourceOptions) {
    const token = args.token === undefined ? undefined : pulumi.secret(args.token);
    super(makeProvider("ResourceLogStream"), name, { endpoint: undefined, ...args, token },
      pulumi.mergeOptions(opts, { additionalSecretOutputs: ["token"] }), "render", "ResourceLogStream");
  }
}
