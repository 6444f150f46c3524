/**
 * `PostgresConnection`: how to reach a Render Postgres database, read once from its id (see referenceProvider.ts).
 * One GET: the connection info holds the password and both connection strings, and the internal string names
 * the private host, the user and the real database name.
 */
import type { RenderClient } from "./client";
import type { PostgresConnectionOutputs } from "./inputs";
import { ReferenceProvider, type ReferenceSpec, endpointOf } from "./referenceProvider";

const POSTGRES_PORT = 5432;

export const postgresConnectionSpec: ReferenceSpec = {
  field: "postgresId",
  rule: "the id of a Render Postgres database (dpg-…)",
  async fetch(api: RenderClient, id: string): Promise<Omit<PostgresConnectionOutputs, "postgresId">> {
    const info = await api.getPostgresConnectionInfo(id);
    const internal = endpointOf(info.internalConnectionString, POSTGRES_PORT, `Postgres ${id} internalConnectionString`);
    const external = endpointOf(info.externalConnectionString, POSTGRES_PORT, `Postgres ${id} externalConnectionString`);
    return {
      host: internal.host, port: internal.port, user: internal.user, database: internal.database,
      externalHost: external.host, externalPort: external.port,
      password: info.password,
      internalConnectionString: info.internalConnectionString, externalConnectionString: info.externalConnectionString,
    };
  },
};

/** What the `PostgresConnection` resource runs in the plugin (loaded there from the runtime bundle, see runtime.ts). */
export const postgresConnectionProvider = new ReferenceProvider(postgresConnectionSpec);
