/**
 * Managed Postgres (stage 2+): daily backups and point-in-time recovery come with every paid plan. At stage 5
 * the database runs with a high-availability standby and read replicas.
 */
import * as pulumi from "@pulumi/pulumi";
import type { PostgresArgs } from "../providers/render/inputs";
import { Postgres } from "../providers/render/postgres";
import { PostgresConnection } from "../providers/render/postgresConnection";
import type { StackConfig } from "./config";
import type { Stage } from "./enums";
import type { DatabaseRefs } from "./envWiring";
import { childName, renderName } from "./naming";

/** The provider's PostgresArgs for a stage; stage 5 turns on HA and read replicas. */
export function toPostgresArgs(config: StackConfig, stage: Stage): PostgresArgs {
  const db = config.database;
  const multi = stage === 5 ? config.multiRegion : undefined;
  const replicas = multi?.readReplicas ?? (stage === 5 && db.readReplicas.length === 0 ? ["replica"] : db.readReplicas);
  const args: PostgresArgs = {
    name: renderName.postgres(config),
    plan: multi?.databasePlan ?? db.plan,
    region: db.region ?? config.region,
    version: db.version,
    databaseName: db.databaseName,
    databaseUser: db.databaseUser,
    diskSizeGB: db.diskSizeGB,
    highAvailability: stage === 5 ? true : db.highAvailability,
    allowReplace: config.allowDataLoss.postgres,
    readReplicas: replicas,
    ipAllowList: db.ipAllowList,
  };
  return Object.fromEntries(Object.entries(args).filter(([, v]) => v !== undefined)) as PostgresArgs;
}

export interface DatabaseBlock {
  resource: Postgres;
  connection: PostgresConnection;
  refs: DatabaseRefs;
}

/**
 * The database and the reference every consumer reads it through: keyed by the database's id, it stays known
 * (and unchanged) while the database itself is updated, so an update previews no change in its consumers.
 */
export function createDatabase(parent: pulumi.Resource, name: string, config: StackConfig, stage: Stage): DatabaseBlock {
  const dbName = childName.postgres(name);
  const resource = new Postgres(dbName, toPostgresArgs(config, stage), { parent, protect: config.protectData });
  const connection = new PostgresConnection(childName.connection(dbName), { postgresId: resource.id }, { parent });
  return {
    resource,
    connection,
    refs: {
      connectionString: pulumi.secret(connection.internalConnectionString),
      externalConnectionString: pulumi.secret(connection.externalConnectionString),
      host: connection.host,
      externalHost: connection.externalHost,
      port: connection.port,
      externalPort: connection.externalPort,
      user: connection.user,
      password: pulumi.secret(connection.password),
      database: connection.database,
    },
  };
}
