/**
 * render.yaml → stack config for this program: every service type, current and legacy syntax, references
 * rewired, secrets listed, and the stage chosen from what the Blueprint holds (disk → 0; a private service
 * owning a disk → 1; databases → 2; + Key Value → 3). Whatever cannot be mapped is reported with its line.
 */
import { ConfigError, parseStackConfig, type StackConfig } from "../components/config";
import { mapDatabase } from "./databases";
import type { SecretToSet } from "./envVars";
import { mapEnvVars } from "./envVars";
import { foldPrivateServices, planFolds } from "./fold";
import { configKeyOf } from "./names";
import { Blueprint, type Finding, type ListItem } from "./reader";
import type { RawApp, RawCache, RawDatabase, RawEnvGroup, RawStackConfig } from "./rawConfig";
import { emptyRefs, type BlueprintRefs } from "./refs";
import { appTypeOf, mapApp, mapCache, type MappedApp } from "./services";
import { renderStackFile, secretCommands } from "./stackFile";

export interface ImportOptions {
  /** Stack the file is for (default `dev`): names the secret commands and the default name prefix. */
  stack?: string;
  /** Pulumi project name, the config namespace (default `render-stages`). */
  project?: string;
  /** Repository for services that name none (a Blueprint's services default to the Blueprint's own repo). */
  repo?: string;
  /** Where the Blueprint came from, for the stack file's header. */
  source?: string;
}

export interface ImportResult {
  stage: number;
  raw: RawStackConfig;
  config: StackConfig;
  unmapped: Finding[];
  warnings: Finding[];
  secrets: SecretToSet[];
  /** `pulumi config set --secret` lines to run before the first `pulumi up`. */
  commands: string[];
  /** The `Pulumi.<stack>.yaml` text. */
  stackFile: string;
}

const PREVIEWS_NOTE = "per-PR previews are the preview-environment workflow's job here (a stack per pull request)";
const KEY_VALUE_TYPES = ["keyvalue", "redis"];

interface ServiceItem { item: ListItem; type?: string; name: string }

/** First pass: what every name refers to, so references can be rewired whatever the order. */
function collectRefs(bp: Blueprint, services: ServiceItem[], databases: ListItem[], groups: ListItem[]): BlueprintRefs {
  const refs = emptyRefs();
  const taken = new Set<string>();
  const unique = (base: string) => {
    let key = base;
    for (let n = 2; taken.has(key); n++) key = `${base.slice(0, 27)}-${n}`;
    taken.add(key);
    return key;
  };
  databases.forEach((db, i) => {
    const name = db.reader?.raw("name");
    if (typeof name !== "string") return;
    if (i === 0) refs.databases.set(name, configKeyOf(name, 40));
    else bp.findings.unmappedAt(db.line, db.path, `database "${name}": a stack here manages one Postgres instance; left out`);
  });
  for (const g of groups) {
    const name = g.reader?.raw("name");
    if (typeof name === "string") refs.groups.set(name, unique(configKeyOf(name)));
  }
  taken.clear();
  for (const s of services) {
    if (KEY_VALUE_TYPES.includes(s.type ?? "")) {
      if (refs.keyValues.size === 0) refs.keyValues.set(s.name, configKeyOf(s.name, 40));
      else bp.findings.unmappedAt(s.item.line, s.item.path, `Key Value "${s.name}": a stack here manages one Key Value instance; left out`);
      continue;
    }
    const type = appTypeOf(s.type, s.item.reader?.raw("runtime") ?? s.item.reader?.raw("env"));
    if (type === undefined) {
      bp.findings.unmappedAt(s.item.line, s.item.path, `service "${s.name}": type ${JSON.stringify(s.type ?? null)} is not web, pserv, worker, cron, static, keyvalue or redis; left out`);
      continue;
    }
    refs.services.set(s.name, { key: unique(configKeyOf(s.name)), type });
  }
  return refs;
}

function chooseStage(database: boolean, cache: boolean, folded: boolean): number {
  if (cache) return 3;
  if (database) return 2;
  return folded ? 1 : 0;
}

export function importBlueprint(text: string, opts: ImportOptions = {}): ImportResult {
  const stack = opts.stack ?? "dev";
  const project = opts.project ?? "render-stages";
  const bp = new Blueprint(text);
  const root = bp.root;
  const services: ServiceItem[] = root.list("services").flatMap((item) => {
    if (!item.reader) {
      bp.findings.unmappedAt(item.line, item.path, "is not a service mapping; left out");
      return [];
    }
    const type = item.reader.raw("type");
    const name = item.reader.raw("name");
    if (typeof name !== "string") {
      bp.findings.unmappedAt(item.line, item.path, "service without a name; left out");
      return [];
    }
    return [{ item, type: typeof type === "string" ? type : undefined, name }];
  });
  const databases = root.list("databases");
  const groups = root.list("envVarGroups");
  const refs = collectRefs(bp, services, databases, groups);
  const folds = planFolds(services.map((s) => ({ name: s.name, reader: s.item.reader! })), refs);
  const secrets: SecretToSet[] = [];
  const envCtx = { refs, secrets, findings: bp.findings };

  const mapped: MappedApp[] = [];
  let cache: RawCache | undefined;
  for (const s of services) {
    const r = s.item.reader!;
    if (KEY_VALUE_TYPES.includes(s.type ?? "") && refs.keyValues.get(s.name) !== undefined) {
      cache = mapCache(r, refs.keyValues.get(s.name)!);
      continue;
    }
    const ref = refs.services.get(s.name);
    if (ref) mapped.push(mapApp(r, ref.key, ref.type as RawApp["type"], envCtx));
  }
  const apps = foldPrivateServices(mapped, folds, refs);
  for (const m of mapped) m.reader.done();
  applyRepo(apps, mapped, opts.repo);

  const envGroups: Record<string, RawEnvGroup> = {};
  for (const g of groups) {
    const r = g.reader;
    const name = r?.raw("name");
    if (!r || typeof name !== "string") {
      bp.findings.unmappedAt(g.line, g.path, "env group without a name; left out");
      continue;
    }
    const key = refs.groups.get(name)!;
    const env = mapEnvVars(r.list("envVars"), { ...envCtx, path: `envGroups.${key}`, owner: key, group: true });
    envGroups[key] = {
      ...(Object.keys(env.env).length > 0 ? { env: env.env as RawEnvGroup["env"] } : {}),
      ...(Object.keys(env.secretEnv).length > 0 ? { secretEnv: env.secretEnv } : {}),
    };
    r.done();
  }
  const [firstDb] = databases;
  const database: RawDatabase | undefined = firstDb && refs.databases.size > 0 ? mapDatabase(firstDb, [...refs.databases.values()][0]) : undefined;

  for (const key of ["previews", "previewsEnabled", "previewsExpireAfterDays"]) root.unmapped(key, PREVIEWS_NOTE);
  root.unmapped("projects", "projects/environments are not imported; list services at the top level (one stack per environment)");
  root.done();

  const stage = chooseStage(database !== undefined, cache !== undefined, folds.size > 0);
  stageWarnings(bp, stage, apps, mapped, database !== undefined, cache !== undefined);
  const raw: RawStackConfig = {
    stage: stage as RawStackConfig["stage"],
    apps,
    ...(Object.keys(envGroups).length > 0 ? { envGroups } : {}),
    ...(database ? { database } : {}),
    ...(cache ? { cache } : {}),
  };
  let config: StackConfig;
  try {
    config = parseStackConfig(raw, { stackName: stack });
  } catch (err) {
    if (err instanceof ConfigError) {
      throw new ConfigError(err.problems.map((p) => (/\.repo: is required/.test(p)
        ? `${p}: services without repo deploy the Blueprint's own repository; pass --repo URL`
        : `${p} (imported from render.yaml: fix the Blueprint, or edit the stack file)`)));
    }
    throw err;
  }
  const byLine = (a: Finding, b: Finding) => a.line - b.line;
  const commands = secretCommands(secrets, stack);
  return {
    stage, raw, config, secrets, commands,
    unmapped: [...bp.findings.unmapped].sort(byLine),
    warnings: [...bp.findings.warnings].sort(byLine),
    stackFile: renderStackFile(raw, { project, stack, source: opts.source ?? "render.yaml", commands }),
  };
}

/** Services without `repo` deploy the Blueprint's own repository; name it. */
function applyRepo(apps: Record<string, RawApp>, mapped: MappedApp[], repo: string | undefined): void {
  for (const m of mapped) {
    const app = apps[m.key];
    if (!app || app.repo !== undefined || app.image !== undefined) continue;
    if (repo !== undefined) app.repo = repo;
    else m.reader.warn("name", `no repo: Render would deploy the Blueprint's own repository; pass --repo URL or set apps.${m.key}.repo`);
  }
}

function stageWarnings(bp: Blueprint, stage: number, apps: Record<string, RawApp>, mapped: MappedApp[], database: boolean, cache: boolean): void {
  if (cache && !database) {
    bp.root.warn("services", "Key Value puts this stack at stage 3, which also creates the Postgres database (config defaults); add a database or drop the cache");
  }
  if (stage >= 2) {
    for (const m of mapped) {
      if (apps[m.key]?.disk) {
        m.reader.warn("disk", `stage ${stage} creates no disks (data belongs in Postgres); the disk of "${m.key}" is kept in config for stages 0–1 only`);
      }
    }
  }
}
