/**
 * Render's list envelope: a bare array of `{ <kind>: item, cursor }`, `limit` 1–100 (default 20),
 * `cursor` = the cursor of the last item already seen; the page after the last item is `[]`
 * (render-api README §2). Cursors are opaque keyset positions (an item's sequence number); a cursor that was
 * never issued answers `[]`, like a list read to its end.
 */
import { badRequest } from "./http";

export function encodeCursor(seq: number): string {
  return Buffer.from(`emu:${seq}`).toString("base64url");
}

/** The position a cursor names; undefined for a cursor this emulator never issued. */
function decodeCursor(cursor: string): number | undefined {
  const match = /^emu:(\d+)$/.exec(Buffer.from(cursor, "base64url").toString("utf8"));
  return match ? Number(match[1]) : undefined;
}

export function parseLimit(query: URLSearchParams): number {
  const raw = query.get("limit");
  if (raw === null || raw === "") return 20;
  const limit = Number(raw);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw badRequest(`invalid limit ${JSON.stringify(raw)}: must be an integer from 1 to 100`);
  return limit;
}

/**
 * One page of `items` (already in list order, each with a unique `seq`). `newestFirst` tells
 * which way the keyset runs: items after a cursor have a smaller seq when newest come first.
 */
export function pageOf<T extends { seq: number }>(items: T[], query: URLSearchParams, newestFirst = true): T[] {
  const limit = parseLimit(query);
  const cursor = query.get("cursor");
  let rest = items;
  if (cursor) {
    const after = decodeCursor(cursor);
    // Cursors are opaque: one that names no position of this list reads as the end of it, as on Render.
    if (after === undefined) return [];
    rest = items.filter((item) => (newestFirst ? item.seq < after : item.seq > after));
  }
  return rest.slice(0, limit);
}

/** Wraps page items as `{ <kind>: view, cursor }`. */
export function envelope<T extends { seq: number }>(page: T[], kind: string, view: (item: T) => unknown): unknown[] {
  return page.map((item) => ({ [kind]: view(item), cursor: encodeCursor(item.seq) }));
}

/** Comma-joined query arrays (`style: form, explode: false`): `?type=a,b` → ["a", "b"]. */
export function queryList(query: URLSearchParams, name: string): string[] | undefined {
  const values = query.getAll(name).flatMap((value) => value.split(",")).map((value) => value.trim()).filter(Boolean);
  return values.length > 0 ? values : undefined;
}

export function bySeqDesc<T extends { seq: number }>(items: T[]): T[] {
  return [...items].sort((a, b) => b.seq - a.seq);
}
