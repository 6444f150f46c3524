/**
 * Where each app runs. Render's private network is regional: a service reaches another one's private address
 * (`fromService` host or hostport, or any address of a private service) only in the same region. At stage 5
 * every web service gets a copy in each other region of `multiRegion.regions`, and a private service gets a
 * copy in each region where a service that calls it runs, so every copy calls the one beside it. What cannot be
 * placed that way (a private service that owns a disk, a reference across regions below stage 5) is reported
 * with the reference that needs it. Shared by the config rules, the stage components and the cost estimate.
 */

/** The loose shape this needs, so the config rules can call it before the config is fully valid. */
export interface PlacementInput {
  readonly stage: number;
  /** The stack's default region. */
  readonly region: string;
  /** `multiRegion.regions` (stage 5). */
  readonly regions: readonly string[];
  readonly apps: Readonly<Record<string, PlacedApp>>;
}

export interface PlacedApp {
  readonly type: string;
  readonly region?: string;
  readonly disk?: unknown;
  readonly env?: Readonly<Record<string, { fromService?: { name: string; property: string } } | undefined>>;
}

export interface UnreachableReference {
  /** The app whose env holds the reference, the env var and the app it names. */
  readonly app: string;
  readonly env: string;
  readonly target: string;
  /** Regions the referencing app runs in where the target cannot be. */
  readonly regions: string[];
  /** The target's own region. */
  readonly targetRegion: string;
  readonly why: "regional" | "disk";
}

export interface Placement {
  /** App key → regions of its stage 5 copies (besides its own region), in `multiRegion.regions` order. */
  readonly copies: Record<string, string[]>;
  readonly unreachable: UnreachableReference[];
}

/** Private addresses: a service's host or hostport, and every address of a private service. */
function isPrivate(target: PlacedApp, property: string): boolean {
  return target.type === "pserv" || property === "host" || property === "hostport";
}

export function placeApps(input: PlacementInput): Placement {
  const { apps } = input;
  const home = (key: string) => apps[key].region ?? input.region;
  const stage5 = input.stage === 5;
  const copies: Record<string, string[]> = {};
  for (const key of Object.keys(apps)) {
    copies[key] = stage5 && apps[key].type === "web" ? input.regions.filter((r) => r !== home(key)) : [];
  }
  const runsIn = (key: string) => [home(key), ...copies[key]];
  const references = Object.entries(apps).flatMap(([app, spec]) => Object.entries(spec.env ?? {}).flatMap(([env, src]) => {
    const ref = src?.fromService;
    const target = ref && apps[ref.name];
    return target && isPrivate(target, ref.property) ? [{ app, env, target: ref.name }] : [];
  }));
  // A copy of a private service may itself call another one: spread until nothing changes.
  for (let changed = stage5; changed;) {
    changed = false;
    for (const ref of references) {
      const target = apps[ref.target];
      if (target.type !== "pserv" || target.disk !== undefined) continue;
      for (const region of runsIn(ref.app)) {
        if (region !== home(ref.target) && !copies[ref.target].includes(region)) {
          copies[ref.target].push(region);
          changed = true;
        }
      }
    }
  }
  for (const key of Object.keys(copies)) {
    const order = input.regions;
    copies[key].sort((a, b) => (order.indexOf(a) - order.indexOf(b)) || a.localeCompare(b));
  }
  const unreachable: UnreachableReference[] = [];
  for (const ref of references) {
    const missing = runsIn(ref.app).filter((r) => !runsIn(ref.target).includes(r));
    if (missing.length === 0) continue;
    const target = apps[ref.target];
    const why = stage5 && target.type === "pserv" && target.disk !== undefined ? "disk" : "regional";
    unreachable.push({ ...ref, regions: missing, targetRegion: home(ref.target), why });
  }
  return { copies, unreachable };
}

/** The config rules' message for a reference that cannot reach its target (at `apps.<app>.env.<env>.fromService.name`). */
export function unreachableMessage(ref: UnreachableReference, targetType: string): string {
  const where = ref.regions.join(", ");
  const target = `"${ref.target}"`;
  if (ref.why === "disk") {
    return `${target} owns a disk, so stage 5 cannot copy it to ${where}, where this app runs too, and Render's private `
      + `network does not cross regions; keep the disk on another service, or reference a web service's url`;
  }
  const address = targetType === "pserv" ? "a private service" : "its host";
  return `${target} runs in ${ref.targetRegion} only and this app also runs in ${where}; ${address} is on Render's private `
    + `network, which does not cross regions: run both in one region${targetType === "pserv" ? "" : `, or reference its url`}`;
}
