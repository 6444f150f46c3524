/**
 * Builds the runtime bundle at program time: runtime.ts and every module it requires relatively, each
 * transpiled to CommonJS without comments (a compiled `.js` stands in when no `.ts` exists), then packed by
 * runtimePack.ts. npm packages stay `require("name")` calls, resolved by the plugin from the program
 * directory. The same sources give the same text, so state never sees a provider change that is not a code change.
 */
import * as crypto from "crypto";
import * as fs from "fs";
import * as path from "path";
import { BundleFiles, moduleCandidates, packFiles } from "./runtimePack";

export interface RuntimeBundle {
  /** The packed modules (base64 of gzipped JSON). */
  packed: string;
  /** First 16 hex digits of the SHA-256 of `packed`: the loader's cache key. */
  hash: string;
  /** The modules by bundle name, as packed. */
  files: BundleFiles;
}

export const RUNTIME_ENTRY = "runtime.js";

/** Program-side cache: bundling once per process makes every later registration free. */
let cached: RuntimeBundle | undefined;

/** The bundle of this directory's runtime.ts, built on first use. */
export function runtimeBundle(): RuntimeBundle {
  cached ??= buildRuntimeBundle(__dirname, RUNTIME_ENTRY);
  return cached;
}

/** Bundles `entry` (a bundle name like `runtime.js`) and its relative requires, transitively, from `root`. */
export function buildRuntimeBundle(root: string, entry: string): RuntimeBundle {
  const files: BundleFiles = {};
  const pending = [entry];
  while (pending.length) {
    const name = pending.pop() as string;
    if (files[name] !== undefined) continue;
    const code = moduleCode(root, name);
    files[name] = code;
    for (const spec of requiredModules(code)) {
      if (spec.startsWith(".")) pending.push(resolveModule(root, name, spec));
      else if (spec === "@pulumi/pulumi" || spec.startsWith("@pulumi/pulumi/")) {
        throw new Error(`${name.replace(/\.js$/, ".ts")} loads ${spec} at run time, which the runtime bundle must not carry; ` +
          `import what it needs from there with "import type".`);
      }
    }
  }
  const packed = packFiles(files);
  return { packed, hash: crypto.createHash("sha256").update(packed).digest("hex").slice(0, 16), files };
}

function resolveModule(root: string, from: string, spec: string): string {
  const candidates = moduleCandidates(from, spec);
  const found = candidates.find((name) => sourceOf(root, name) !== undefined);
  if (!found) throw new Error(`${from}: require("${spec}") matches none of ${candidates.join(", ")} (as .ts or .js)`);
  return found;
}

/** The source file behind a bundle name: the `.ts` when there is one, else the `.js`. */
function sourceOf(root: string, name: string): { file: string; typescript: boolean } | undefined {
  const ts = path.join(root, name.replace(/\.js$/, ".ts"));
  if (fs.existsSync(ts)) return { file: ts, typescript: true };
  const js = path.join(root, name);
  return fs.existsSync(js) ? { file: js, typescript: false } : undefined;
}

function moduleCode(root: string, name: string): string {
  const source = sourceOf(root, name);
  if (!source) throw new Error(`runtime bundle: no ${name.replace(/\.js$/, ".ts")} or ${name} under ${root}`);
  const ts = require("typescript") as typeof import("typescript");
  // A compiled `.js` goes through the same pass: it stays CommonJS and only loses its comments. Indentation goes
  // too (a twentieth of the packed text, stored in every resource's `__provider`); our sources hold no multi-line
  // template literal, so no string the code builds changes.
  return ts.transpileModule(fs.readFileSync(source.file, "utf8"), {
    fileName: source.typescript ? name.replace(/\.js$/, ".ts") : name,
    compilerOptions: {
      module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020, esModuleInterop: true,
      removeComments: true, sourceMap: false, inlineSourceMap: false,
    },
  }).outputText.replace(/^[ \t]+/gm, "");
}

/** Module specifiers the compiled code passes to `require`. */
function requiredModules(code: string): string[] {
  const ts = require("typescript") as typeof import("typescript");
  return ts.preProcessFile(code, true, true).importedFiles.map((f) => f.fileName);
}
