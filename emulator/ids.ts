/**
 * Seeded randomness for the emulator: resource ids, passwords, generated env values and slugs.
 * One generator per emulator instance, so a run with the same seed mints the same ids.
 */

/** Render ids use the 32 xid-style base32 characters `0-9a-v` (render-api README §1). */
const ID_ALPHABET = "0123456789abcdefghijklmnopqrstuv";
const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const LOWER = "abcdefghijklmnopqrstuvwxyz";
const LOWER_ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789";

export type IdPrefix = "srv" | "dpg" | "red" | "evg" | "prj" | "evm" | "dsk" | "crn" | "cdm" | "dep" | "tea" | "hdr" | "rdr" | "exp" | "rgc" | "whk";

export class Random {
  constructor(private state: number) {}

  /** Current internal state; feeding it back to the constructor resumes the same sequence. */
  snapshot(): number {
    return this.state;
  }

  /** mulberry32: small, fast and good enough for ids that only need to be unique and reproducible. */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  chars(alphabet: string, length: number): string {
    let out = "";
    for (let i = 0; i < length; i++) out += alphabet[Math.floor(this.next() * alphabet.length)];
    return out;
  }

  /** `<prefix>-<20 chars of 0-9a-v>`. */
  id(prefix: IdPrefix): string {
    return `${prefix}-${this.chars(ID_ALPHABET, 20)}`;
  }

  /** 32 alphanumerics, the shape of Render database passwords (cas: postgres#13). */
  password(): string {
    return this.chars(ALNUM, 32);
  }

  /** `generateValue: true` yields base64 of 32 random bytes: 44 characters (cas: web_service#45). */
  generatedValue(): string {
    const bytes = Buffer.alloc(32);
    for (let i = 0; i < 32; i++) bytes[i] = Math.floor(this.next() * 256);
    return bytes.toString("base64");
  }

  /** Four lowercase letters, as appended to Postgres database names (`db_name_ehyv`, cas: postgres#4). */
  lowerSuffix(): string {
    return this.chars(LOWER, 4);
  }

  /** Four lowercase alphanumerics, as appended to service slugs (`my-app-k3jd.onrender.com`). */
  slugSuffix(): string {
    return this.chars(LOWER_ALNUM, 4);
  }

  hex(length: number): string {
    return this.chars("0123456789abcdef", length);
  }
}

/** Deterministic value in [0, 1) for a (seed, counter) pair, independent of the id generator. */
export function hashUnit(seed: number, counter: number): number {
  return new Random((seed * 2654435761 + counter * 40503) >>> 0).next();
}
