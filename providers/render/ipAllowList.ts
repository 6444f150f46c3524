/**
 * IP allow lists of Postgres and Key Value: Blueprint spelling (`source`) on our side, `cidrBlock` on the
 * wire; sorted by source so order never shows up as a change; Render's `null` read back as `[]`.
 */
import { z } from "zod";
import type { IpAllowEntry } from "./inputs";
import { show, text } from "./validate";

const CIDR = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

function isCidr(value: string): boolean {
  const m = CIDR.exec(value);
  return !!m && m.slice(1, 5).every((octet) => Number(octet) <= 255) && Number(m[5]) <= 32;
}

export function ipAllowListSchema() {
  return z.array(z.strictObject({
    source: z.string().refine(isCidr, { error: (iss) => `${show(iss.input)} is not an IPv4 CIDR block like 203.0.113.0/24` }),
    description: text("a description"),
  }), { error: (iss) => `${show(iss.input)} is not a list of {source, description}` })
    .transform((list) => [...list].sort((a, b) => (a.source < b.source ? -1 : a.source > b.source ? 1 : 0)));
}

export function toApiAllowList(list: IpAllowEntry[]): { cidrBlock: string; description: string }[] {
  return list.map((e) => ({ cidrBlock: e.source, description: e.description }));
}

export function fromApiAllowList(list: { cidrBlock: string; description?: string | null }[]): IpAllowEntry[] {
  return list.map((e) => ({ source: e.cidrBlock, description: e.description ?? "" }))
    .sort((a, b) => (a.source < b.source ? -1 : a.source > b.source ? 1 : 0));
}
