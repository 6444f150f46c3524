/** Env var and secret file request bodies shared by services and env groups. */
import { badRequest } from "../http";
import { asObject, optionalBoolean, optionalString } from "../validate";
import type { Random } from "../ids";

/** `[{key, value} | {key, generateValue: true}]`; JSON `null` is an empty set (cas: autoscaling#27). */
export function envVarInputs(raw: unknown, random: Random, where = "envVars"): { key: string; value: string }[] {
  if (raw === null || raw === undefined) return [];
  if (!Array.isArray(raw)) throw badRequest(`${where}: expected an array of {key, value} or {key, generateValue: true}`);
  const seen = new Set<string>();
  return raw.map((item, i) => {
    const entry = asObject(item, `${where}[${i}]`);
    const key = optionalString(entry, "key", `${where}[${i}].key`);
    if (!key) throw badRequest(`${where}[${i}].key is required`);
    if (seen.has(key)) throw badRequest(`${where}[${i}].key ${JSON.stringify(key)} appears more than once`);
    seen.add(key);
    return { key, value: envVarValue(entry, random, `${where}[${i}]`) };
  });
}

/** `{value}` or `{generateValue: true}` (a fresh 44-character base64 secret). */
export function envVarValue(entry: Record<string, unknown>, random: Random, where: string): string {
  const generate = optionalBoolean(entry, "generateValue", `${where}.generateValue`);
  const value = optionalString(entry, "value", `${where}.value`);
  if (generate) return random.generatedValue();
  if (value === undefined) throw badRequest(`${where}: send value or generateValue: true`);
  return value;
}

/** `[{name, content}]`; `null` is an empty set. */
export function secretFileInputs(raw: unknown, where = "secretFiles"): { name: string; content: string }[] {
  if (raw === null || raw === undefined) return [];
  if (!Array.isArray(raw)) throw badRequest(`${where}: expected an array of {name, content}`);
  const seen = new Set<string>();
  return raw.map((item, i) => {
    const entry = asObject(item, `${where}[${i}]`);
    const name = optionalString(entry, "name", `${where}[${i}].name`);
    if (!name) throw badRequest(`${where}[${i}].name is required`);
    if (name.includes("/")) throw badRequest(`invalid ${where}[${i}].name ${JSON.stringify(name)}: must not contain "/"`);
    if (seen.has(name)) throw badRequest(`${where}[${i}].name ${JSON.stringify(name)} appears more than once`);
    seen.add(name);
    return { name, content: optionalString(entry, "content", `${where}[${i}].content`) ?? "" };
  });
}
