/** Masks every secret value the sandbox has seen in text meant for people (errors, logs). */
import { isObject, isSecret } from "./wire";

export const MASK = "[secret]";

export class Redactor {
  private readonly values = new Set<string>();

  add(value: string): void {
    if (value.length >= 4) this.values.add(value);
  }

  /** Remembers the plain values of every secret wrapper inside `value`. */
  addSecretsIn(value: unknown, insideSecret = false): void {
    if (isSecret(value)) return this.addSecretsIn(value.value, true);
    if (Array.isArray(value)) value.forEach((v) => this.addSecretsIn(v, insideSecret));
    else if (isObject(value)) Object.values(value).forEach((v) => this.addSecretsIn(v, insideSecret));
    else if (insideSecret && (typeof value === "string" || typeof value === "number")) this.add(String(value));
  }

  /** A redactor that knows the secrets seen so far and none seen later by this one. */
  copy(): Redactor {
    const out = new Redactor();
    for (const value of this.values) out.values.add(value);
    return out;
  }

  redact(text: string): string {
    let out = text;
    for (const value of [...this.values].sort((a, b) => b.length - a.length)) out = out.split(value).join(MASK);
    return out;
  }
}
