/** Shapes of names and identifiers the stack config accepts. */

/** Names used in Render resource names and Pulumi logical names: lowercase, digits, hyphens. */
export const NAME_RE = /^[a-z][a-z0-9-]{0,38}[a-z0-9]$/;

/** App and env group keys (they become part of Render names). */
export const APP_KEY_RE = /^[a-z][a-z0-9-]{0,28}[a-z0-9]$/;

/** Host names: lowercase labels, optional leading wildcard (Render accepts `*.example.com`). */
export const DOMAIN_RE = /^(\*\.)?(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/** S3 and Spaces bucket names: 3–63 lowercase letters, digits, hyphens; no dots (they break TLS hosts). */
export const BUCKET_RE = /^(?!xn--)(?!.*--)[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/;

export const ENV_NAME_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Names that usually hold credentials: `*_KEY`, `*SECRET*`, `*PASSWORD*`, `*TOKEN*`. */
export const SECRET_NAME_RE = /(^|_)KEY$|SECRET|PASSWORD|PASSWD|TOKEN/i;
