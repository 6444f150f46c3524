/** The `LogStream` resource class: the only file of this kind that loads `@pulumi/pulumi`. */
import * as pulumi from "@pulumi/pulumi";
import { makeProvider } from "../runtimeProvider";
import type { LogSetting, LogStreamArgs } from "./types";

/** The workspace's default log stream: every service, Postgres and Key Value ships its logs there. */
export class LogStream extends pulumi.dynamic.Resource {
  declare readonly endpoint: pulumi.Output<string | undefined>;
  /** Secret. */
  declare readonly token: pulumi.Output<string | undefined>;
  declare readonly preview: pulumi.Output<LogSetting>;
  declare readonly ownerId: pulumi.Output<string>;

  constructor(name: string, args: LogStreamArgs, opts?: pulumi.CustomResourceOptions) {
    const token = args.token === undefined ? undefined : pulumi.secret(args.token);
    super(makeProvider("LogStream"), name, { endpoint: undefined, ownerId: undefined, ...args, token },
      pulumi.mergeOptions(opts, { additionalSecretOutputs: ["token"] }), "render", "LogStream");
  }
}
