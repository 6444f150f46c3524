import { SECRET_NAME_RE } from "../components/config";

/** Values no real secret has: left-over placeholders and defaults. */
const PLACEHOLDERS = new Set(["changeme", "change-me", "password", "secret", "test", "dev", "example", "xxx", "todo", "admin"]);

/** Formats of live credentials: provider tokens with fixed prefixes and PEM private keys. */
const CREDENTIAL_FORMATS: readonly [RegExp, string][] = [
  [/-----BEGIN [A-Z ]*PRIVATE KEY-----/, "a PEM private key"],
  [/\bAKIA[0-9A-Z]{16}\b/, "an AWS access key id"],
  [/\b[sr]k_live_[0-9A-Za-z]{10,}/, "a Stripe live key"],
  [/\b(ghp|gho|ghs)_[0-9A-Za-z]{30,}|\bgithub_pat_\w{30,}/, "a GitHub token"],
  [/\bxox[abpr]-[0-9A-Za-z-]{10,}/, "a Slack token"],
  [/\brnd_[0-9A-Za-z]{20,}/, "a Render API key"],
  [/\bpul-[0-9a-f]{40}\b/, "a Pulumi access token"],
];

// Connection strings Render hands out point at its own hosts (`dpg-…`, `red-…`, `*.render.com`); those are
// wired from provider outputs, which the program keeps secret.
const RENDER_HOST = /^(dpg-|red-)[0-9a-z-]+(\.[a-z]+-(postgres|keyvalue)\.render\.com)?$/;

/**
 * Why a value looks like a secret sitting in plain text, or undefined. CrossGuard hands policies secret
 * values unwrapped, so this judges by name and shape: a credential format, a password inside a URL to a
 * host that is not Render's, or a placeholder under a secret-looking name.
 */
export function plaintextSecretReason(key: string, value: unknown): string | undefined {
  if (typeof value !== "string" || value === "") return undefined;
  for (const [format, label] of CREDENTIAL_FORMATS) if (format.test(value)) return `holds ${label}`;
  const url = /^[a-z][a-z0-9+.-]*:\/\/[^:@/\s]*:([^@/\s]+)@([^/:?\s]+)/i.exec(value);
  if (url && !RENDER_HOST.test(url[2])) return `holds a password inside a URL to ${url[2]}`;
  if (SECRET_NAME_RE.test(key) && PLACEHOLDERS.has(value.toLowerCase())) return `is the placeholder "${value}"`;
  return undefined;
}
