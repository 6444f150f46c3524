/** Request-body checks that answer 400 with a message naming the field, the value and what is allowed. */
import { badRequest } from "./http";
import type { IpRule } from "./store";

export type Body = Record<string, unknown>;

export function asObject(value: unknown, where = "request body"): Body {
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw badRequest(`${where}: expected a JSON object`);
  return value as Body;
}

/**
 * A create body as Render reads it: a field sent as `null` or `""` is a field not sent (Render then generates or
 * defaults it, e.g. Postgres `databaseName: ""`). Applied to the object and the objects nested in it; list items
 * (env vars, whose value may well be "") are left as they are.
 */
export function unsetEmpty(body: Body): Body {
  const out: Body = {};
  for (const [key, value] of Object.entries(body)) {
    if (value === null || value === "") continue;
    out[key] = typeof value === "object" && !Array.isArray(value) ? unsetEmpty(value as Body) : value;
  }
  return out;
}

/** `asObject` for a create body, with nulls and empty strings read as unset. */
export function createBody(value: unknown): Body {
  return unsetEmpty(asObject(value));
}

export function optionalObject(body: Body, field: string, where = field): Body | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  return asObject(value, where);
}

export function requiredString(body: Body, field: string, where = field): string {
  const value = body[field];
  if (value === undefined || value === null || value === "") throw badRequest(`${where} is required`);
  if (typeof value !== "string") throw badRequest(`${where}: expected a string, got ${JSON.stringify(value)}`);
  return value;
}

export function optionalString(body: Body, field: string, where = field): string | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") throw badRequest(`${where}: expected a string, got ${JSON.stringify(value)}`);
  return value;
}

export function optionalBoolean(body: Body, field: string, where = field): boolean | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "boolean") throw badRequest(`${where}: expected true or false, got ${JSON.stringify(value)}`);
  return value;
}

export function optionalInteger(body: Body, field: string, min: number, max: number, where = field): number | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    throw badRequest(`invalid ${where} ${JSON.stringify(value)}: must be an integer from ${min} to ${max}`);
  }
  return value;
}

export function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], where: string): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) throw badRequest(`invalid ${where} ${JSON.stringify(value)}: must be one of ${allowed.join(", ")}`);
  return value as T;
}

export function optionalArray(body: Body, field: string, where = field): unknown[] | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) throw badRequest(`${where}: expected an array, got ${JSON.stringify(value)}`);
  return value;
}

export function stringArray(body: Body, field: string, where = field): string[] | undefined {
  const items = optionalArray(body, field, where);
  if (!items) return undefined;
  items.forEach((item, i) => {
    if (typeof item !== "string") throw badRequest(`${where}[${i}]: expected a string, got ${JSON.stringify(item)}`);
  });
  return items as string[];
}

/** Fields that only exist at creation; sending them in a PATCH is refused. */
export function rejectFields(body: Body, fields: readonly string[], what: string): void {
  for (const field of fields) {
    if (body[field] !== undefined && body[field] !== null) throw badRequest(`${field} cannot be changed after the ${what} is created; create a new ${what} instead`);
  }
}

const CIDR = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

/** `ipAllowList: [{cidrBlock, description}]`; `null` means "not sent". */
export function ipAllowList(body: Body, field = "ipAllowList"): IpRule[] | undefined {
  const items = optionalArray(body, field);
  if (!items) return undefined;
  return items.map((item, i) => {
    const rule = asObject(item, `${field}[${i}]`);
    const cidrBlock = requiredString(rule, "cidrBlock", `${field}[${i}].cidrBlock`);
    const match = CIDR.exec(cidrBlock);
    const valid = match && match.slice(1, 5).every((octet) => Number(octet) <= 255) && Number(match[5]) <= 32;
    if (!valid) throw badRequest(`invalid ${field}[${i}].cidrBlock ${JSON.stringify(cidrBlock)}: expected an IPv4 CIDR block such as 203.0.113.0/24`);
    return { cidrBlock, description: optionalString(rule, "description", `${field}[${i}].description`) ?? "" };
  });
}

/** Render's default allow list for new databases and environments (cas: postgres#1). */
export const EVERYWHERE: IpRule[] = [{ cidrBlock: "0.0.0.0/0", description: "everywhere" }];

/** Render echoes an empty allow list as `null` (cas: postgres#4, keyvalue#1). */
export function ipAllowListView(rules: IpRule[]): IpRule[] | null {
  return rules.length === 0 ? null : rules.map((rule) => ({ ...rule }));
}

export const REGIONS = ["oregon", "ohio", "virginia", "frankfurt", "singapore"] as const;
