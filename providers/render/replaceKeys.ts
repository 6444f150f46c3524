/**
 * The create-only inputs of every Render resource that holds data or owns one: a change of any of them makes
 * the provider's diff answer "replace" (a new, empty resource). The providers' diffs and the program's
 * data-safety plan (components/dataSafety.ts) read the same lists, so the plan can never miss a replacement.
 */

/** A service's type and region are fixed at creation. */
export const SERVICE_CREATE_ONLY = ["type", "region"] as const;

/** A disk belongs to one service for life. */
export const DISK_CREATE_ONLY = ["serviceId"] as const;

/** Region, major version, database name and user are fixed when Render creates the database. */
export const POSTGRES_CREATE_ONLY = ["region", "version", "databaseName", "databaseUser"] as const;

/** Create-only Postgres inputs that, left unset, keep whatever the database has (Render generated it). */
export const POSTGRES_UNSET_KEEPS = ["databaseName", "databaseUser"] as const;

/** A Key Value instance stays in the region it was created in. */
export const KEY_VALUE_CREATE_ONLY = ["region"] as const;
