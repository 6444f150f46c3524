/**
 * The `PostgresConnection` resource class: a Postgres database's connection details, keyed by its id alone, so
 * they stay known while the database is updated. Implementation: postgresConnectionProvider.ts.
 */
import * as pulumi from "@pulumi/pulumi";
import type { PostgresConnectionArgs } from "./inputs";
import { makeProvider } from "./runtimeProvider";

const SECRET_OUTPUTS = ["password", "internalConnectionString", "externalConnectionString"];

/** How to reach a Render Postgres database (host, port, user, real database name; secret strings and password). */
export class PostgresConnection extends pulumi.dynamic.Resource {
  declare readonly postgresId: pulumi.Output<string>;
  declare readonly host: pulumi.Output<string>;
  declare readonly port: pulumi.Output<number>;
  declare readonly user: pulumi.Output<string>;
  declare readonly database: pulumi.Output<string>;
  declare readonly externalHost: pulumi.Output<string>;
  declare readonly externalPort: pulumi.Output<number>;
  declare readonly password: pulumi.Output<string>;
  declare readonly internalConnectionString: pulumi.Output<string>;
  declare readonly externalConnectionString: pulumi.Output<string>;

  constructor(name: string, args: PostgresConnectionArgs, opts?: pulumi.CustomResourceOptions) {
    super(makeProvider("PostgresConnection"), name,
      { ...args, host: undefined, port: undefined, user: undefined, database: undefined, externalHost: undefined,
        externalPort: undefined, password: undefined, internalConnectionString: undefined, externalConnectionString: undefined },
      pulumi.mergeOptions(opts, { additionalSecretOutputs: SECRET_OUTPUTS }), "render", "PostgresConnection");
  }
}
