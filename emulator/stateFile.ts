/**
 * Saving and loading the emulator's inventory (`--state FILE`, the sandbox's `.sandbox/<stack>.emulator.json`).
 * The inventory holds passwords, connection strings, generated values, env var values and API keys, so the file
 * holds it only sealed (AES-256-GCM): with the cipher the caller gives (the sandbox passes its stack's secret box)
 * or a key file beside it (`FILE.key`, mode 0600). Writes are atomic (temp file, fsync, rename) and mode 0600.
 */
import * as crypto from "crypto";
import * as fs from "fs";
import * as path from "path";
import type { StoreData } from "./store";

export interface SavedState {
  version: 1;
  clockOffsetMs: number;
  data: StoreData;
}

/** Seals and opens the inventory; `SecretBox` (sandbox/secretBox.ts) is one. */
export interface StateCipher {
  encrypt(plain: string): string;
  decrypt(ciphertext: string): string;
}

/** What is on disk: the clock offset in the clear, the inventory sealed. */
interface SealedFile {
  version: 2;
  clockOffsetMs: number;
  sealed: string;
}

const KEY_BYTES = 32;

/** A cipher with its key in `keyFile` (created, mode 0600, when missing). */
export function keyFileCipher(keyFile: string): StateCipher {
  const key = readOrCreateKey(keyFile);
  return {
    encrypt(plain) {
      const iv = crypto.randomBytes(12);
      const cipher = crypto.createCipheriv("aes-256-gcm", key, iv);
      const data = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
      return ["v1", iv.toString("base64"), cipher.getAuthTag().toString("base64"), data.toString("base64")].join(":");
    },
    decrypt(ciphertext) {
      const [version, iv, tag, data] = ciphertext.split(":");
      try {
        if (version !== "v1" || !iv || !tag || data === undefined) throw new Error("not a sealed value");
        const decipher = crypto.createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64"));
        decipher.setAuthTag(Buffer.from(tag, "base64"));
        return Buffer.concat([decipher.update(Buffer.from(data, "base64")), decipher.final()]).toString("utf8");
      } catch {
        throw new Error(`the emulator state cannot be opened with the key in ${keyFile}; the key file does not belong to this state file.`);
      }
    },
  };
}

/** The key file of a state file saved without a caller's cipher. */
export const stateKeyFile = (file: string): string => `${file}.key`;

function readOrCreateKey(keyFile: string): Buffer {
  try {
    const key = Buffer.from(fs.readFileSync(keyFile, "utf8").trim(), "hex");
    if (key.length !== KEY_BYTES) throw new Error(`${keyFile} does not hold a ${KEY_BYTES}-byte hex key; move it away to start a new emulator state.`);
    return key;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
  }
  const key = crypto.randomBytes(KEY_BYTES);
  fs.mkdirSync(path.dirname(path.resolve(keyFile)), { recursive: true });
  try {
    fs.writeFileSync(keyFile, `${key.toString("hex")}\n`, { mode: 0o600, flag: "wx" });
    return key;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "EEXIST") return readOrCreateKey(keyFile);
    throw err;
  }
}

export function loadState(file: string, cipher: StateCipher): SavedState | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw err;
  }
  const parsed = JSON.parse(text) as Partial<SealedFile> | Partial<SavedState>;
  if (parsed.version === 2 && typeof (parsed as SealedFile).sealed === "string") {
    const data = JSON.parse(cipher.decrypt((parsed as SealedFile).sealed)) as StoreData;
    return { version: 1, clockOffsetMs: Number(parsed.clockOffsetMs) || 0, data };
  }
  // A file written before the inventory was sealed: read once, sealed on the next save.
  if (parsed.version === 1 && typeof (parsed as SavedState).data === "object" && (parsed as SavedState).data !== null) {
    return parsed as SavedState;
  }
  throw new Error(`state file ${file} is not an emulator state file (expected {"version":2,...}); move it away or pass another --state path`);
}

/** Writes the state sealed, atomically: a temp file (0600) is written, flushed to disk and renamed over the file. */
export function saveState(file: string, state: SavedState, cipher: StateCipher): void {
  const dir = path.dirname(path.resolve(file));
  fs.mkdirSync(dir, { recursive: true });
  const sealed: SealedFile = { version: 2, clockOffsetMs: state.clockOffsetMs, sealed: cipher.encrypt(JSON.stringify(state.data)) };
  const temp = path.join(dir, `.${path.basename(file)}.${process.pid}.tmp`);
  const fd = fs.openSync(temp, "w", 0o600);
  try {
    fs.fchmodSync(fd, 0o600);
    fs.writeFileSync(fd, `${JSON.stringify(sealed)}\n`);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(temp, file);
}
