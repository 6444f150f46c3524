/** Render resources as Pulumi dynamic providers: the resource classes and their argument types. */
export * from "./inputs";
export { Service } from "./service";
export { Disk } from "./disk";
export { Postgres } from "./postgres";
export { KeyValue } from "./keyValue";
export { EnvGroup } from "./envGroup";
export { CustomDomain } from "./customDomain";
export { Project } from "./project";
export { PostgresConnection } from "./postgresConnection";
export { KeyValueConnection } from "./keyValueConnection";
export { ServiceEndpoint } from "./serviceEndpoint";
