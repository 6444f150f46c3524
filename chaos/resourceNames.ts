/**
 * Which names identify the resource a failed call was about: the Render names (from the emulator) and the
 * Pulumi logical names (from the state) of every resource of the family the failing route belongs to.
 */
import { records } from "./oracle";
import { stateFileResources } from "../sandbox/stateStore";

export type ResourceFamily = "service" | "postgres" | "keyValue" | "disk" | "envGroup" | "project";

export type FamilyNames = Record<ResourceFamily, string[]>;

const FAMILY_OF_SEGMENT: Record<string, ResourceFamily> = {
  services: "service", postgres: "postgres", "key-value": "keyValue", disks: "disk",
  "env-groups": "envGroup", projects: "project", environments: "project",
};

const INVENTORY_KIND: Record<ResourceFamily, string> = {
  service: "services", postgres: "postgres", keyValue: "keyValue", disk: "disks", envGroup: "envGroups", project: "projects",
};

const CLASS_FAMILY: Record<string, ResourceFamily> = {
  Service: "service", CustomDomain: "service", Postgres: "postgres", KeyValue: "keyValue", Disk: "disk",
  EnvGroup: "envGroup", Project: "project",
};

/** `/v1/services/{serviceId}/env-vars` → `service`. */
export function familyOfRoute(path: string): ResourceFamily {
  const segment = path.replace(/^\/v1\//, "").split("/")[0];
  const family = FAMILY_OF_SEGMENT[segment];
  if (!family) throw new Error(`route ${path}: no resource family for "${segment}"`);
  return family;
}

export function emptyNames(): FamilyNames {
  return { service: [], postgres: [], keyValue: [], disk: [], envGroup: [], project: [] };
}

/** Render names from an inventory plus Pulumi names from a state file's text, merged into `into`. */
export function collectNames(inventory: Record<string, unknown>, stateText: string, into: FamilyNames = emptyNames()): FamilyNames {
  const add = (family: ResourceFamily, name: unknown): void => {
    if (typeof name === "string" && name && !into[family].includes(name)) into[family].push(name);
  };
  for (const family of Object.keys(INVENTORY_KIND) as ResourceFamily[]) {
    for (const rec of records(inventory, INVENTORY_KIND[family])) add(family, rec.name);
  }
  if (stateText) {
    for (const r of stateFileResources(stateText)) {
      const family = CLASS_FAMILY[r.type.split(":").pop() ?? ""];
      if (family) add(family, r.urn.split("::").pop());
    }
  }
  return into;
}
