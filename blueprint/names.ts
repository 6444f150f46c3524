/** How Blueprint names and spellings become this program's config keys and values. */

/**
 * A Blueprint name as a config key: lowercase letters, digits and single hyphens, starting with a letter,
 * 2–30 characters (`My API` → `my-api`).
 */
export function configKeyOf(name: string, maxLength = 30): string {
  let key = name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
  if (!/^[a-z]/.test(key)) key = `x-${key}`;
  key = key.slice(0, maxLength).replace(/-+$/, "");
  return key.length >= 2 ? key : `${key}x`;
}

/** Blueprint plans use hyphens (`basic-256mb`), the API and our config underscores (`basic_256mb`). */
export function planOf(plan: string): string {
  return plan.trim().toLowerCase().replace(/[\s-]+/g, "_");
}

/** Stack config key for a secret env var: `qrcards` + `STRIPE_KEY` → `qrcardsStripeKey`. */
export function secretConfigKey(owner: string, envVar: string): string {
  const words = [...owner.split(/[^A-Za-z0-9]+/), ...envVar.split(/[^A-Za-z0-9]+/)].filter(Boolean).map((w) => w.toLowerCase());
  return words.map((w, i) => (i === 0 ? w : w[0].toUpperCase() + w.slice(1))).join("");
}
