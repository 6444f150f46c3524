/**
 * Encryption of secret values in the sandbox state file: AES-256-GCM with a per-stack key file
 * (`.sandbox/<stack>.key`, mode 0600) or, when `PULUMI_CONFIG_PASSPHRASE` is set, a scrypt-derived key.
 * Secrets are stored like Pulumi's checkpoints: the secret sig object with a `ciphertext` instead of a `value`.
 */
import * as crypto from "crypto";
import * as fs from "fs";
import { SECRET_SIG, SIG_KEY, isObject, isSecret, secret } from "./wire";

export type SecretsHeader =
  | { kind: "keyfile" }
  | { kind: "passphrase"; salt: string; check: string };

const CHECK_TEXT = "render-sandbox";

export class SecretBox {
  private constructor(private readonly key: Buffer, readonly header: SecretsHeader) {}

  /** Opens the box a state file was written with (or a new one when there is no state yet). */
  static open(keyFile: string, passphrase: string | undefined, existing?: SecretsHeader): SecretBox {
    if (existing?.kind === "passphrase" || (!existing && passphrase)) {
      if (!passphrase) {
        throw new Error("this stack's secrets are encrypted with a passphrase: set PULUMI_CONFIG_PASSPHRASE and re-run.");
      }
      const salt = existing?.kind === "passphrase" ? existing.salt : crypto.randomBytes(16).toString("base64");
      const key = crypto.scryptSync(passphrase, Buffer.from(salt, "base64"), 32);
      if (existing?.kind === "passphrase") {
        const box = new SecretBox(key, existing);
        if (box.tryDecrypt(existing.check) !== CHECK_TEXT) {
          throw new Error("PULUMI_CONFIG_PASSPHRASE does not decrypt this stack's secrets: use the passphrase the stack was created with.");
        }
        return box;
      }
      const box = new SecretBox(key, { kind: "passphrase", salt, check: "" });
      return new SecretBox(key, { kind: "passphrase", salt, check: box.encrypt(CHECK_TEXT) });
    }
    return new SecretBox(readOrCreateKey(keyFile), { kind: "keyfile" });
  }

  encrypt(plain: string): string {
    const iv = crypto.randomBytes(12);
    const cipher = crypto.createCipheriv("aes-256-gcm", this.key, iv);
    const data = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
    return ["v1", iv.toString("base64"), cipher.getAuthTag().toString("base64"), data.toString("base64")].join(":");
  }

  decrypt(ciphertext: string): string {
    const plain = this.tryDecrypt(ciphertext);
    if (plain === undefined) {
      throw new Error("a secret in the state file cannot be decrypted with this stack's key; the key file or passphrase does not match the state.");
    }
    return plain;
  }

  /** Replaces every secret value by its ciphertext (deep). */
  seal(value: unknown): unknown {
    if (isSecret(value)) return { [SIG_KEY]: SECRET_SIG, ciphertext: this.encrypt(JSON.stringify(value.value ?? null)) };
    if (Array.isArray(value)) return value.map((v) => this.seal(v));
    if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.seal(v)]));
    return value;
  }

  /** Turns every sealed secret back into a secret wrapper holding the plain value (deep). */
  unseal(value: unknown): unknown {
    if (isObject(value) && value[SIG_KEY] === SECRET_SIG && typeof value.ciphertext === "string") {
      return secret(JSON.parse(this.decrypt(value.ciphertext)));
    }
    if (Array.isArray(value)) return value.map((v) => this.unseal(v));
    if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.unseal(v)]));
    return value;
  }

  private tryDecrypt(ciphertext: string): string | undefined {
    const [version, iv, tag, data] = ciphertext.split(":");
    if (version !== "v1" || !iv || !tag || data === undefined) return undefined;
    try {
      const decipher = crypto.createDecipheriv("aes-256-gcm", this.key, Buffer.from(iv, "base64"));
      decipher.setAuthTag(Buffer.from(tag, "base64"));
      return Buffer.concat([decipher.update(Buffer.from(data, "base64")), decipher.final()]).toString("utf8");
    } catch {
      return undefined;
    }
  }
}

function readOrCreateKey(keyFile: string): Buffer {
  try {
    return Buffer.from(fs.readFileSync(keyFile, "utf8").trim(), "hex");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
  }
  const key = crypto.randomBytes(32);
  try {
    fs.writeFileSync(keyFile, key.toString("hex") + "\n", { mode: 0o600, flag: "wx" });
    return key;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "EEXIST") return Buffer.from(fs.readFileSync(keyFile, "utf8").trim(), "hex");
    throw err;
  }
}
