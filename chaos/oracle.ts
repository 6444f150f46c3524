/**
 * Judges what a run left behind, from the emulator's inventory (`GET /__emulator/state`, the truth about
 * "Render") and the sandbox state file (what the program believes it owns):
 * - duplicates: two live objects of one kind with one name;
 * - orphans: objects in the emulator that the state does not own;
 * - lost: stateful objects (disk, Postgres, Key Value) that existed and are desired, but are gone or were
 *   replaced by a new object of the same name;
 * - fingerprint: the desired-state view (names, plans, env var keys, domains, disks) two runs must agree on.
 */

type AnyRecord = Record<string, unknown>;

/** Collections of the inventory that hold Render objects with an id and a name. */
const NAMED_KINDS = ["services", "postgres", "keyValue", "envGroups", "projects", "disks"] as const;
export const STATEFUL_KINDS = ["disks", "postgres", "keyValue"] as const;
export type StatefulKind = (typeof STATEFUL_KINDS)[number];

/** Render ids as they appear in a state file (Postgres ids end in `-a`/`-b`). */
const RENDER_ID = /\b(?:srv|dpg|red|dsk|evg|prj|evm|cdm)-[0-9a-z]+(?:-[a-z])?\b/g;

export function records(inventory: AnyRecord, kind: string): AnyRecord[] {
  const collection = inventory[kind];
  if (Array.isArray(collection)) return collection as AnyRecord[];
  if (collection !== null && typeof collection === "object") return Object.values(collection as AnyRecord) as AnyRecord[];
  return [];
}

function str(value: unknown): string {
  return typeof value === "string" ? value : "";
}

/** `"service web ×2"` for every name used by more than one live object of a kind. */
export function findDuplicates(inventory: AnyRecord): string[] {
  const found: string[] = [];
  for (const kind of NAMED_KINDS) {
    const counts = new Map<string, number>();
    for (const rec of records(inventory, kind)) counts.set(str(rec.name), (counts.get(str(rec.name)) ?? 0) + 1);
    for (const [name, n] of counts) if (n > 1) found.push(`${kind} "${name}" ×${n}`);
  }
  const domains = new Map<string, number>();
  for (const rec of records(inventory, "customDomains")) {
    const key = `${str(rec.serviceId)} ${str(rec.name)}`;
    domains.set(key, (domains.get(key) ?? 0) + 1);
  }
  for (const [key, n] of domains) if (n > 1) found.push(`custom domain "${key}" ×${n}`);
  return found;
}

/** Render ids a sandbox state file mentions (resource ids and ids inside outputs). */
export function ownedIds(stateText: string): Set<string> {
  return new Set(stateText.match(RENDER_ID) ?? []);
}

/**
 * Objects in the emulator the state does not own. A custom domain is owned when its service is (the service
 * manages its domains, and Render adds companion redirect domains on its own); a disk when its id is owned,
 * or its service is and the state names it (a disk can be created with its service).
 * `ignoreIds` are objects the harness itself put there (a name-conflict decoy).
 */
export function findOrphans(inventory: AnyRecord, stateText: string, ignoreIds: ReadonlySet<string> = new Set()): string[] {
  const owned = ownedIds(stateText);
  const found: string[] = [];
  const check = (kind: string, owns: (rec: AnyRecord) => boolean): void => {
    for (const rec of records(inventory, kind)) {
      if (ignoreIds.has(str(rec.id)) || owns(rec)) continue;
      found.push(`${kind} ${str(rec.id)} "${str(rec.name)}"`);
    }
  };
  for (const kind of ["services", "postgres", "keyValue", "envGroups", "projects"]) check(kind, (rec) => owned.has(str(rec.id)));
  check("disks", (rec) => owned.has(str(rec.id)) || (owned.has(str(rec.serviceId)) && stateText.includes(str(rec.name))));
  check("customDomains", (rec) => owned.has(str(rec.serviceId)));
  return found;
}

/** name → id of every stateful object, per kind. */
export type StatefulIds = Record<StatefulKind, Record<string, string>>;

export function statefulIds(inventory: AnyRecord): StatefulIds {
  const byKind = {} as StatefulIds;
  for (const kind of STATEFUL_KINDS) {
    byKind[kind] = Object.fromEntries(records(inventory, kind).map((rec) => [str(rec.name), str(rec.id)]));
  }
  return byKind;
}

/**
 * Stateful objects seen earlier (`seen`, e.g. before and right after the faulty run) that the desired state
 * still has but that are now gone or carry another id. `forgiven` ids were removed on purpose by the harness.
 */
export function findLost(seen: readonly StatefulIds[], now: StatefulIds, desired: Fingerprint, forgiven: ReadonlySet<string> = new Set()): string[] {
  const lost = new Set<string>();
  for (const snapshot of seen) {
    for (const kind of STATEFUL_KINDS) {
      for (const [name, id] of Object.entries(snapshot[kind])) {
        if (forgiven.has(id) || !(name in desired[kind])) continue;
        const current = now[kind][name];
        if (current === undefined) lost.add(`${kind} "${name}" (${id}) is gone`);
        else if (current !== id) lost.add(`${kind} "${name}" was replaced (${id} → ${current})`);
      }
    }
  }
  return [...lost];
}

export interface Fingerprint {
  services: Record<string, AnyRecord>;
  disks: Record<string, AnyRecord>;
  postgres: Record<string, AnyRecord>;
  keyValue: Record<string, AnyRecord>;
  envGroups: Record<string, AnyRecord>;
  projects: Record<string, AnyRecord>;
  /** Env vars whose connection string points at no live database or cache (stale wiring). */
  staleWiring: string[];
}

/** The inventory reduced to what a converged stack must reproduce: no ids, times or secret values. */
export function fingerprint(inventory: AnyRecord): Fingerprint {
  const services = records(inventory, "services");
  const serviceName = new Map(services.map((s) => [str(s.id), str(s.name)]));
  const byService = (kind: string, id: unknown, field: string): string[] =>
    records(inventory, kind).filter((r) => r.serviceId === id).map((r) => str(r[field])).sort();
  const detail = (s: AnyRecord, key: string): unknown => (s.serviceDetails as AnyRecord | undefined)?.[key] ?? null;
  // Connection strings name their database by id (the internal host) or carry its password.
  const markers = [...records(inventory, "postgres"), ...records(inventory, "keyValue")].flatMap((r) => [str(r.id), str(r.password)]).filter(Boolean);
  const staleWiring = records(inventory, "envVars")
    .filter((v) => /^(postgres(ql)?|rediss?):\/\//.test(str(v.value)) && !markers.some((m) => str(v.value).includes(m)))
    .map((v) => `${serviceName.get(str(v.serviceId)) ?? str(v.serviceId)}.${str(v.key)}`)
    .sort();
  const named = (kind: string, describe: (r: AnyRecord) => AnyRecord): Record<string, AnyRecord> =>
    Object.fromEntries(records(inventory, kind).map((r) => [str(r.name), describe(r)]).sort(([a], [b]) => String(a).localeCompare(String(b))));
  return {
    services: named("services", (s) => ({
      type: s.type, plan: detail(s, "plan"), region: detail(s, "region"), numInstances: detail(s, "numInstances"),
      autoscaling: detail(s, "autoscaling"), suspended: s.suspended ?? null,
      envVars: byService("envVars", s.id, "key"), secretFiles: byService("secretFiles", s.id, "name"),
      domains: byService("customDomains", s.id, "name"),
    })),
    disks: named("disks", (d) => ({ service: serviceName.get(str(d.serviceId)) ?? null, mountPath: d.mountPath, sizeGB: d.sizeGB })),
    postgres: named("postgres", (p) => ({
      plan: p.plan, region: p.region, version: p.version, highAvailability: p.highAvailabilityEnabled ?? null, role: p.role ?? null,
    })),
    keyValue: named("keyValue", (k) => ({
      plan: k.plan, region: k.region, maxmemoryPolicy: (k.options as AnyRecord | undefined)?.maxmemoryPolicy ?? null,
    })),
    envGroups: named("envGroups", (g) => ({
      envVars: ((g.envVars as AnyRecord[] | undefined) ?? []).map((v) => str(v.key)).sort(),
      services: ((g.serviceLinks as AnyRecord[] | undefined) ?? []).map((link) => str(link.name)).sort(),
    })),
    projects: named("projects", () => ({})),
    staleWiring,
  };
}

/** Human-readable differences between two fingerprints (empty when they agree). */
export function fingerprintDiff(want: Fingerprint, got: Fingerprint): string[] {
  const diffs: string[] = [];
  for (const kind of Object.keys(want) as (keyof Fingerprint)[]) {
    if (kind === "staleWiring") continue;
    const a = want[kind] as Record<string, AnyRecord>;
    const b = got[kind] as Record<string, AnyRecord>;
    for (const name of new Set([...Object.keys(a), ...Object.keys(b)])) {
      if (!(name in b)) diffs.push(`${kind} "${name}" is missing`);
      else if (!(name in a)) diffs.push(`${kind} "${name}" should not exist`);
      else if (JSON.stringify(a[name]) !== JSON.stringify(b[name])) {
        diffs.push(`${kind} "${name}": want ${JSON.stringify(a[name])}, got ${JSON.stringify(b[name])}`);
      }
    }
  }
  for (const stale of got.staleWiring) diffs.push(`env var ${stale} points at a database or cache that no longer exists`);
  return diffs;
}
