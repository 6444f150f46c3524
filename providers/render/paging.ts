/**
 * Cursor paging: Render lists are arrays of `{ <key>: item, cursor }`; the next page is asked for with
 * `cursor=<cursor of the last item>` and the list ends at a page shorter than `limit` (often `[]`).
 * `GET /env-groups` sends bare items without a cursor: pass no `key`. A full page that offers no
 * cursor fails loudly rather than returning a silently truncated list.
 */
import { z } from "zod";
import { HttpSettings, QueryValue, request } from "./http";
import { RenderResponseError } from "./errors";

export const PAGE_LIMIT = 100;

export interface ListSpec<T> {
  path: string;
  params?: Record<string, string>;
  query?: Record<string, QueryValue>;
  /** Wrapper key of each entry (`service`, `envVar`…); omit for bare items. */
  key?: string;
  item: z.ZodType<T>;
}

export async function listAll<T>(http: HttpSettings, spec: ListSpec<T>): Promise<T[]> {
  const entry = spec.key
    ? z.looseObject({ [spec.key]: spec.item, cursor: z.string().nullish() })
    : spec.item;
  const items: T[] = [];
  const seen = new Set<string>();
  let cursor: string | undefined;
  for (;;) {
    const page = await request(http, {
      method: "GET",
      path: spec.path,
      params: spec.params,
      query: { ...spec.query, limit: PAGE_LIMIT, cursor },
      schema: z.array(entry),
    });
    for (const e of page) items.push(spec.key ? (e as Record<string, T>)[spec.key] : (e as T));
    if (page.length < PAGE_LIMIT) return items;
    const last = page[page.length - 1] as { cursor?: unknown };
    if (typeof last.cursor !== "string" || !last.cursor || seen.has(last.cursor)) {
      throw new RenderResponseError("GET", spec.path, [
        `a full page of ${PAGE_LIMIT} items came without a new cursor, so the rest of the list cannot be read; narrow the query (for example by name)`,
      ]);
    }
    seen.add(last.cursor);
    cursor = last.cursor;
  }
}
