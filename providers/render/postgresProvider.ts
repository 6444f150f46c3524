/**
 * A Render Postgres database. Version, region, database name and user are fixed at creation (a change means a
 * new, empty database: a replacement, shown in preview); storage only grows; everything else is one PATCH.
 */
import type * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { DiffOutcome, diffProps, sameValue } from "./diffProps";
import { POSTGRES_PLANS, POSTGRES_VERSIONS, REGIONS } from "./enums";
import { isNotFound } from "./errors";
import { READ_SECRET_FIELDS, withSecretFields } from "./secretWire";
import { POSTGRES_CREATE_ONLY } from "./replaceKeys";
import type { PostgresInputs, PostgresOutputs } from "./inputs";
import { ipAllowListSchema, toApiAllowList, fromApiAllowList } from "./ipAllowList";
import { RenderProvider, adoptTwin, finishCreate, loggedWait, moveToEnvironment } from "./providerBase";
import type { Postgres as RenderPostgres, PostgresConnectionInfo } from "./schemas";
import { CheckOutcome, bool, checkWith, integer, listChoices, oneOf, show, sortedSet, text } from "./validate";

const POSTGRES_KEYS = [
  "name", "plan", "region", "version", "databaseName", "databaseUser", "diskSizeGB", "highAvailability",
  "readReplicas", "ipAllowList", "environmentId",
] as const;

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;
const IDENTIFIER_RULE = "a lowercase identifier (letters, digits, _; not starting with a digit)";

export function postgresInputsSchema() {
  return z.strictObject({
    name: text("a database name"),
    plan: oneOf(POSTGRES_PLANS, "a Render Postgres plan").default("basic_256mb"),
    region: oneOf(REGIONS, "a Render region").default("oregon"),
    version: z.string({ error: (iss) => `${show(iss.input)} is not a version string; use one of ${listChoices(POSTGRES_VERSIONS.map((v) => `"${v}"`))}` })
      .refine((v) => (POSTGRES_VERSIONS as readonly string[]).includes(v),
        { error: (iss) => `${show(iss.input)} is not a supported Postgres version; use ${listChoices(POSTGRES_VERSIONS.map((v) => `"${v}"`))}` })
      .default("16"),
    databaseName: text(IDENTIFIER_RULE, IDENTIFIER).optional(),
    databaseUser: text(IDENTIFIER_RULE, IDENTIFIER).optional(),
    diskSizeGB: integer(1).refine((n) => n === 1 || n % 5 === 0,
      { error: (iss) => `${show(iss.input)} is not 1 or a multiple of 5` }).optional(),
    highAvailability: bool().default(false),
    allowReplace: bool().optional(),
    readReplicas: sortedSet(text("a replica name")).default([]),
    ipAllowList: ipAllowListSchema().default([{ source: "0.0.0.0/0", description: "everywhere" }]),
    environmentId: text().optional(),
  }).superRefine((db, ctx) => {
    if (db.highAvailability) {
      if (!/^(pro|accelerated)_/.test(db.plan)) {
        ctx.addIssue({ code: "custom", path: ["highAvailability"], message: `high availability needs a pro_* or accelerated_* plan, not ${show(db.plan)}` });
      }
      if (Number(db.version) < 13) {
        ctx.addIssue({ code: "custom", path: ["highAvailability"], message: `high availability needs version "13" or later, not ${show(db.version)}` });
      }
    }
    if (db.readReplicas.length && (db.plan === "free" || db.plan === "starter")) {
      ctx.addIssue({ code: "custom", path: ["readReplicas"], message: `read replicas are not available on the ${show(db.plan)} plan; use basic_*, pro_* or accelerated_*` });
    }
  });
}

export function postgresShrinkProblem(name: unknown, oldSize: unknown, newSize: unknown): string | undefined {
  if (typeof oldSize !== "number" || typeof newSize !== "number" || newSize >= oldSize) return undefined;
  return `Postgres ${JSON.stringify(name)}: diskSizeGB ${newSize} < current ${oldSize}; Render database storage only grows. ` +
    `Keep ${oldSize} or restore into a new database.`;
}

/**
 * A change of a create-only field replaces the database with a new, empty one: refused before any API call
 * when `allowReplace` is false (the program passes the stack config's `allowDataLoss.postgres`).
 */
export function postgresReplaceProblems(olds: Record<string, unknown>, news: PostgresInputs): { property: string; reason: string }[] {
  if (news.allowReplace !== false || typeof olds.version !== "string") return [];
  const same: Record<string, (old: unknown, next: unknown) => boolean> = {
    region: (old, next) => old === next, version: (old, next) => old === next,
    databaseName: sameDatabaseName, databaseUser: unsetMeansAny,
  };
  return Object.entries(same).filter(([key, isSame]) => !isSame(olds[key], news[key as keyof PostgresInputs])).map(([key]) => ({
    property: key,
    reason: `${show(news[key as keyof PostgresInputs])} would replace Postgres ${show(news.name)} (now ${show(olds[key])}) with a new, empty ` +
      `database. Keep ${show(olds[key])}, or move the data first and allow it: pulumi config set --path allowDataLoss.postgres true`,
  }));
}

export function checkPostgres(olds: Record<string, unknown>, news: Record<string, unknown>): CheckOutcome<PostgresInputs> {
  const result = checkWith(postgresInputsSchema, news) as CheckOutcome<PostgresInputs>;
  if (!result.inputs) return result;
  const shrink = postgresShrinkProblem(result.inputs.name, olds.diskSizeGB, result.inputs.diskSizeGB);
  const failures = [...(shrink ? [{ property: "diskSizeGB", reason: shrink }] : []), ...postgresReplaceProblems(olds, result.inputs)];
  return failures.length > 0 ? { failures } : result;
}

/** Render appends a random suffix to the database name (render-api README §9.1): compare by prefix. */
const sameDatabaseName = (old: unknown, news: unknown) =>
  news === undefined || old === news || (typeof old === "string" && typeof news === "string" && old.startsWith(news));
const unsetMeansAny = (old: unknown, news: unknown) => news === undefined || sameValue(old, news);

export function diffPostgres(olds: Record<string, unknown>, news: Record<string, unknown>): DiffOutcome {
  const outcome = diffProps(olds, news, {
    keys: POSTGRES_KEYS,
    createOnly: POSTGRES_CREATE_ONLY,
    deleteBeforeReplace: true,
    same: { databaseName: sameDatabaseName, databaseUser: unsetMeansAny, diskSizeGB: unsetMeansAny },
  });
  if (!outcome.replaces.length) {
    const shrink = postgresShrinkProblem(news.name, olds.diskSizeGB, news.diskSizeGB);
    if (shrink) throw new Error(shrink);
  }
  return outcome;
}

function inputsFrom(db: RenderPostgres): PostgresInputs {
  const inputs: PostgresInputs = {
    name: db.name, plan: db.plan as PostgresInputs["plan"], region: db.region as PostgresInputs["region"],
    version: db.version, databaseName: db.databaseName, databaseUser: db.databaseUser,
    highAvailability: db.highAvailabilityEnabled ?? false,
    readReplicas: db.readReplicas.map((r) => r.name).sort(),
    ipAllowList: fromApiAllowList(db.ipAllowList),
  };
  if (db.diskSizeGB !== null && db.diskSizeGB !== undefined) inputs.diskSizeGB = db.diskSizeGB;
  if (db.environmentId) inputs.environmentId = db.environmentId;
  return inputs;
}

function outputsFrom(inputs: PostgresInputs, db: RenderPostgres, info: PostgresConnectionInfo | undefined,
  prior: Partial<PostgresOutputs>): PostgresOutputs {
  return {
    ...inputs,
    databaseName: db.databaseName, databaseUser: db.databaseUser, diskSizeGB: db.diskSizeGB ?? inputs.diskSizeGB ?? 0,
    status: db.status, dashboardUrl: db.dashboardUrl ?? "", host: db.id,
    readReplicaIds: Object.fromEntries(db.readReplicas.map((r) => [r.name, r.id])),
    password: info?.password ?? prior.password ?? "",
    internalConnectionString: info?.internalConnectionString ?? prior.internalConnectionString ?? "",
    externalConnectionString: info?.externalConnectionString ?? prior.externalConnectionString ?? "",
  };
}

function patchBody(olds: PostgresInputs, news: PostgresInputs, changed: string[]): Record<string, unknown> | undefined {
  const body: Record<string, unknown> = {};
  if (changed.includes("name")) body.name = news.name;
  if (changed.includes("plan")) body.plan = news.plan;
  if (changed.includes("diskSizeGB") && news.diskSizeGB !== olds.diskSizeGB) body.diskSizeGB = news.diskSizeGB;
  if (changed.includes("highAvailability")) body.enableHighAvailability = news.highAvailability;
  if (changed.includes("ipAllowList")) body.ipAllowList = toApiAllowList(news.ipAllowList);
  if (changed.includes("readReplicas")) body.readReplicas = news.readReplicas.map((name) => ({ name }));
  return Object.keys(body).length ? body : undefined;
}

class PostgresProvider extends RenderProvider implements pulumi.dynamic.ResourceProvider {
  async check(olds: Record<string, unknown>, news: Record<string, unknown>) {
    return checkPostgres(olds, news);
  }

  async diff(_id: string, olds: Record<string, unknown>, news: Record<string, unknown>) {
    return diffPostgres(olds, news);
  }

  async create(inputs: PostgresInputs) {
    const api = this.api();
    const body: Record<string, unknown> & { name: string } = {
      name: inputs.name, plan: inputs.plan, region: inputs.region, version: inputs.version,
      enableHighAvailability: inputs.highAvailability, ipAllowList: toApiAllowList(inputs.ipAllowList),
      readReplicas: inputs.readReplicas.map((name) => ({ name })),
    };
    for (const key of ["databaseName", "databaseUser", "diskSizeGB", "environmentId"] as const) {
      if (inputs[key] !== undefined) body[key] = inputs[key];
    }
    const twin = adoptTwin("Postgres database", inputs.name, await api.listPostgres({ name: inputs.name, ownerId: await api.resolveOwnerId() }),
      (db) => db.version === inputs.version && db.region === inputs.region && db.plan === inputs.plan);
    const created = twin ?? await api.createPostgres(body);
    let outs = outputsFrom(checkedOf(inputs), created, undefined, {});
    return finishCreate(created.id, inputs as unknown as Record<string, unknown>, () => ({ ...outs }), async () => {
      const ready = await api.waitForPostgresAvailable(created.id, loggedWait(15 * 60_000));
      outs = outputsFrom(checkedOf(inputs), ready, await api.getPostgresConnectionInfo(created.id), {});
      return { id: created.id, outs };
    });
  }

  async read(id: string, props: Partial<PostgresOutputs>) {
    const api = this.api();
    try {
      const [db, info] = await Promise.all([api.getPostgres(id), api.getPostgresConnectionInfo(id)]);
      const inputs = inputsFrom(db);
      return { id, props: withSecretFields(outputsFrom(inputs, db, info, props), READ_SECRET_FIELDS), inputs };
    } catch (err) {
      if (isNotFound(err)) return { id: "" };
      throw err;
    }
  }

  async update(id: string, olds: PostgresOutputs, news: PostgresInputs) {
    const api = this.api();
    const { changed } = diffPostgres(olds as unknown as Record<string, unknown>, news as unknown as Record<string, unknown>);
    const patch = patchBody(olds, news, changed);
    if (changed.includes("environmentId")) await moveToEnvironment(api, id, olds.environmentId, news.environmentId);
    const db = patch ? await api.updatePostgres(id, patch) : undefined;
    const outs: PostgresOutputs = db ? outputsFrom(checkedOf(news), db, undefined, olds) : {
      ...checkedOf(news),
      databaseName: olds.databaseName, databaseUser: olds.databaseUser, diskSizeGB: olds.diskSizeGB,
      status: olds.status, dashboardUrl: olds.dashboardUrl, host: olds.host, readReplicaIds: olds.readReplicaIds,
      password: olds.password, internalConnectionString: olds.internalConnectionString,
      externalConnectionString: olds.externalConnectionString,
    };
    return { outs };
  }

  async delete(id: string) {
    await this.api().deletePostgres(id);
  }
}

function checkedOf(props: PostgresInputs): PostgresInputs {
  const out: Record<string, unknown> = {};
  for (const key of POSTGRES_KEYS) if (props[key] !== undefined) out[key] = props[key];
  return out as unknown as PostgresInputs;
}

/** What the `Postgres` resource runs in the plugin (loaded there from the runtime bundle, see runtime.ts). */
export const postgresProvider = new PostgresProvider();
