/**
 * Stage 1 in Blueprint form is a web service plus a private service that owns the disk. Here that private
 * service is not an app of its own: it is the web app's `disk.privateService`, derived from the web app.
 */
import type { MappedApp } from "./services";
import type { MapReader } from "./reader";
import type { RawApp } from "./rawConfig";
import type { BlueprintRefs } from "./refs";

/** Folds to make: private service (Blueprint name) → web app key. Records them in `refs.foldedServices`. */
export function planFolds(services: { name: string; reader: MapReader }[], refs: BlueprintRefs): Map<string, string> {
  const typeOf = (name: string) => refs.services.get(name)?.type;
  const webs = services.filter((s) => typeOf(s.name) === "web" && !s.reader.has("disk"));
  const used = new Set<string>();
  for (const ps of services.filter((s) => typeOf(s.name) === "pserv" && s.reader.has("disk"))) {
    const referencing = webs.find((w) => !used.has(w.name) && referencesService(w.reader.raw("envVars"), ps.name));
    const free = webs.filter((w) => !used.has(w.name));
    const web = referencing ?? (free.length === 1 ? free[0] : undefined);
    if (!web) continue;
    used.add(web.name);
    refs.foldedServices.set(ps.name, refs.services.get(web.name)!.key);
  }
  return refs.foldedServices;
}

function referencesService(envVars: unknown, name: string): boolean {
  return Array.isArray(envVars) && envVars.some((e) => (e as { fromService?: { name?: unknown } } | null)?.fromService?.name === name);
}

const CARRIED = ["type", "disk", "plan", "runtime", "buildCommand", "startCommand", "env"];

/** The apps with every planned fold applied: the private service's disk moves onto its web app. */
export function foldPrivateServices(mapped: MappedApp[], folds: Map<string, string>, refs: BlueprintRefs): Record<string, RawApp> {
  const apps: Record<string, RawApp> = Object.fromEntries(mapped.map((m) => [m.key, m.app]));
  for (const [psName, webKey] of folds) {
    const ps = mapped.find((m) => m.key === refs.services.get(psName)?.key);
    const web = mapped.find((m) => m.key === webKey);
    if (!ps || !web || !ps.app.disk) continue;
    const plainEnv: Record<string, string | number | boolean> = {};
    for (const [k, v] of Object.entries(ps.app.env ?? {})) {
      if (["string", "number", "boolean"].includes(typeof v)) plainEnv[k] = v as string | number | boolean;
      else ps.reader.warn("envVars", `${k}: the stage 1 private service takes plain values only; left out`);
    }
    for (const [field, value] of Object.entries(ps.app)) {
      if (CARRIED.includes(field)) continue;
      const same = JSON.stringify(value) === JSON.stringify((web.app as Record<string, unknown>)[field]);
      if (!same) {
        ps.reader.findings.unmappedAt(ps.reader.line(field === "secretEnv" ? "envVars" : field), ps.reader.pathOf(field),
          `the stage 1 private service takes ${field} from web app "${webKey}"; its own value is not carried over`);
      }
    }
    for (const other of mapped.filter((m) => m !== web && m.env.serviceUrlVars.has(psName))) {
      other.reader.warn("envVars", `${other.env.serviceUrlVars.get(psName)}: stage 1 wires the address of "${psName}" into web app "${webKey}" only; left out here`);
    }
    const urlEnvVar = web.env.serviceUrlVars.get(psName);
    if (urlEnvVar) {
      web.reader.warn("envVars", `${urlEnvVar} (fromService "${psName}") is wired by stage 1 and holds http://<host>:<port>`);
    }
    const { plan, runtime, buildCommand, startCommand } = ps.app;
    apps[webKey] = {
      ...web.app,
      disk: {
        ...ps.app.disk,
        privateService: {
          name: ps.key,
          ...(plan !== undefined ? { plan } : {}), ...(runtime !== undefined ? { runtime } : {}),
          ...(buildCommand !== undefined ? { buildCommand } : {}), ...(startCommand !== undefined ? { startCommand } : {}),
          ...(Object.keys(plainEnv).length > 0 ? { env: plainEnv } : {}),
          ...(urlEnvVar ? { urlEnvVar } : {}),
        },
      },
    };
    delete apps[ps.key];
  }
  return apps;
}
