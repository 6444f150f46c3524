/** URNs as the engine builds them: `urn:pulumi:<stack>::<project>::<parent types$type>::<name>`. */

export const ROOT_STACK_TYPE = "pulumi:pulumi:Stack";

export interface AliasSpec {
  name?: string;
  type?: string;
  stack?: string;
  project?: string;
  /** Parent URN of the alias; `null` means "no parent"; undefined means "the resource's own parent". */
  parentUrn?: string | null;
}

/** The qualified type of a URN (`parentType$childType`). */
export function urnQualifiedType(urn: string): string {
  return urn.split("::")[2] ?? "";
}

export function urnName(urn: string): string {
  return urn.split("::").slice(3).join("::");
}

/** The type token of a URN without its parents. */
export function urnType(urn: string): string {
  return urnQualifiedType(urn).split("$").pop() ?? "";
}

/** The root stack is left out of its children's qualified types, as the engine does. */
export function makeUrn(stack: string, project: string, parentUrn: string | undefined, type: string, name: string): string {
  const parentType = parentUrn ? urnQualifiedType(parentUrn) : "";
  const qualified = parentType && parentType !== ROOT_STACK_TYPE ? `${parentType}$${type}` : type;
  return `urn:pulumi:${stack}::${project}::${qualified}::${name}`;
}

/**
 * Every URN this resource may have had before: its own alias specs and URNs, and, for each URN its parent had
 * before, the URN it had under that parent (children inherit their parent's aliases).
 */
export function aliasUrns(args: {
  stack: string; project: string; type: string; name: string; parentUrn?: string;
  specs: AliasSpec[]; urns: string[]; parentAliases: string[];
}): string[] {
  const out = new Set<string>(args.urns);
  for (const spec of args.specs) {
    const parent = spec.parentUrn === null ? undefined : spec.parentUrn ?? args.parentUrn;
    out.add(makeUrn(spec.stack ?? args.stack, spec.project ?? args.project, parent, spec.type ?? args.type,
      spec.name ?? args.name));
  }
  for (const parentAlias of args.parentAliases) {
    out.add(makeUrn(args.stack, args.project, parentAlias, args.type, args.name));
  }
  out.delete(makeUrn(args.stack, args.project, args.parentUrn, args.type, args.name));
  return [...out];
}
