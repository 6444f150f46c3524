/** The stack config as written in a stack file (before defaults): what the importer produces. */
import type { z } from "zod";
import type { StackConfigSchema } from "../components/configSchema";

export type RawStackConfig = z.input<typeof StackConfigSchema>;
export type RawApp = RawStackConfig["apps"][string];
export type RawEnvGroup = NonNullable<RawStackConfig["envGroups"]>[string];
export type RawDatabase = NonNullable<RawStackConfig["database"]>;
export type RawCache = NonNullable<RawStackConfig["cache"]>;
