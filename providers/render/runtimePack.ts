/**
 * The runtime bundle's wire format and module naming, shared by the bundler (program time) and the loader
 * (plugin time): `{ "<path>.js": code }` as JSON with sorted keys, gzipped at level 9, base64-encoded.
 * Names are bundle-relative POSIX paths, so the text holds no path of the machine that built it.
 */
export type BundleFiles = Record<string, string>;

export function packFiles(files: BundleFiles): string {
  const zlib = require("zlib") as typeof import("zlib");
  const sorted = Object.fromEntries(Object.keys(files).sort().map((name) => [name, files[name]]));
  const gz = zlib.gzipSync(Buffer.from(JSON.stringify(sorted), "utf8"), { level: 9 });
  // Byte 9 of a gzip header names the OS that wrote it; fix it so every platform packs the same text.
  gz[9] = 3;
  return gz.toString("base64");
}

/** Runs inside serialized providers: Node built-ins only, required by name. */
export function unpackFiles(packed: string): BundleFiles {
  const zlib = require("zlib") as typeof import("zlib");
  return JSON.parse(zlib.gunzipSync(Buffer.from(packed, "base64")).toString("utf8")) as BundleFiles;
}

/** The modules of each runtime bundle packed into a serialized `__provider` text (a gzip+base64 literal). */
export function bundlesIn(providerText: string): BundleFiles[] {
  return [...providerText.matchAll(/"(H4sI[A-Za-z0-9+/=]+)"/g)].map((m) => unpackFiles(m[1]));
}

/**
 * The bundle names a relative `require(spec)` from module `from` may mean, in the order Node tries them
 * (`./x` → `x.js`, `x/index.js`). Also runs inside serialized providers.
 */
export function moduleCandidates(from: string, spec: string): string[] {
  const parts = from.split("/").slice(0, -1);
  for (const part of spec.replace(/\.js$/, "").split("/")) {
    if (part === "..") {
      if (!parts.length) throw new Error(`require("${spec}") in ${from} leaves the runtime bundle`);
      parts.pop();
    } else if (part !== "." && part !== "") {
      parts.push(part);
    }
  }
  const base = parts.join("/");
  return [`${base}.js`, `${base}/index.js`];
}
