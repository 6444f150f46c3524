/** Input comparisons the engine makes itself: changed top-level keys, and `ignoreChanges`. */
import { PropertyMap, deepEqual, isObject, revealSecrets } from "./wire";

/** Top-level input keys whose values differ (secrets compared by value; `__provider` is the code, not config). */
export function changedKeys(olds: PropertyMap, news: PropertyMap): string[] {
  const keys = new Set([...Object.keys(olds), ...Object.keys(news)]);
  keys.delete("__provider");
  return [...keys].filter((k) => !deepEqual(revealSecrets(olds[k]), revealSecrets(news[k]))).sort();
}

/** `ignoreChanges` paths keep their old value on update (or stay absent when the old inputs lacked them). */
export function applyIgnoreChanges(news: PropertyMap, olds: PropertyMap | undefined, paths: string[]): PropertyMap {
  if (!olds || paths.length === 0) return news;
  const out = structuredClone(news) as PropertyMap;
  for (const p of paths) {
    const keys = p.replace(/\[(\d+|"[^"]*")\]/g, (_m, k: string) => `.${k.replace(/"/g, "")}`).split(".").filter(Boolean);
    const oldValue = getPath(olds, keys);
    setPath(out, keys, oldValue);
  }
  return out;
}

function getPath(value: unknown, keys: string[]): unknown {
  let cur: unknown = value;
  for (const k of keys) {
    cur = revealSecrets(cur);
    if (!isObject(cur) && !Array.isArray(cur)) return undefined;
    cur = (cur as Record<string, unknown>)[k];
  }
  return cur;
}

function setPath(target: PropertyMap, keys: string[], value: unknown): void {
  let cur: Record<string, unknown> = target;
  for (const k of keys.slice(0, -1)) {
    if (!isObject(cur[k]) && !Array.isArray(cur[k])) {
      if (value === undefined) return;
      cur[k] = {};
    }
    cur = cur[k] as Record<string, unknown>;
  }
  const last = keys[keys.length - 1];
  if (value === undefined) delete cur[last];
  else cur[last] = value;
}

