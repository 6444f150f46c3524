/**
 * The `Postgres` resource class. Its provider is a small loader for the runtime bundle (runtimeProvider.ts): the
 * implementation lives in postgresProvider.ts.
 */
import * as pulumi from "@pulumi/pulumi";
import type { IpAllowEntry, PostgresArgs } from "./inputs";
import { makeProvider } from "./runtimeProvider";

const SECRET_OUTPUTS = ["password", "internalConnectionString", "externalConnectionString"];

/** A managed Render Postgres database. */
export class Postgres extends pulumi.dynamic.Resource {
  declare readonly name: pulumi.Output<string>;
  declare readonly plan: pulumi.Output<string>;
  declare readonly region: pulumi.Output<string>;
  declare readonly version: pulumi.Output<string>;
  declare readonly databaseName: pulumi.Output<string>;
  declare readonly databaseUser: pulumi.Output<string>;
  declare readonly diskSizeGB: pulumi.Output<number>;
  declare readonly highAvailability: pulumi.Output<boolean>;
  declare readonly readReplicas: pulumi.Output<string[]>;
  declare readonly ipAllowList: pulumi.Output<IpAllowEntry[]>;
  declare readonly status: pulumi.Output<string>;
  declare readonly dashboardUrl: pulumi.Output<string>;
  declare readonly host: pulumi.Output<string>;
  declare readonly readReplicaIds: pulumi.Output<Record<string, string>>;
  declare readonly password: pulumi.Output<string>;
  declare readonly internalConnectionString: pulumi.Output<string>;
  declare readonly externalConnectionString: pulumi.Output<string>;

  constructor(name: string, args: PostgresArgs, opts?: pulumi.CustomResourceOptions) {
    super(makeProvider("Postgres"), name,
      { ...args, status: undefined, dashboardUrl: undefined, host: undefined, readReplicaIds: undefined,
        password: undefined, internalConnectionString: undefined, externalConnectionString: undefined },
      pulumi.mergeOptions(opts, { additionalSecretOutputs: SECRET_OUTPUTS }), "render", "Postgres");
  }
}
