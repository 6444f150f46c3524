/**
 * An on-disk cache of TypeScript → JavaScript for the emulator CLI, which runs under
 * `ts-node --transpile-only` (transpiling the emulator's modules costs most of a second of CPU on
 * every start, and the CLI must be ready within two seconds), and for the sandbox's worker process,
 * which loads no ts-node at all (sandbox/isolated.ts). Entries are keyed by file path and
 * content, so an edited file is transpiled afresh. The cache lives in the project's own
 * `node_modules/.cache`, never in a shared temp directory where another local user could plant code.
 */
import * as crypto from "crypto";
import * as fs from "fs";
import * as path from "path";

const FORMAT = "1";

type Loader = (module: NodeModule, filename: string) => void;

function transpile(source: string, filename: string): string {
  // Loaded only on a cache miss; ts-node has usually loaded it already.
  const ts = require("typescript") as typeof import("typescript");
  return ts.transpileModule(source, {
    fileName: filename,
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020, esModuleInterop: true },
  }).outputText;
}

function store(file: string, code: string): void {
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const temp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(temp, code);
    fs.renameSync(temp, file);
  } catch {
    // A read-only or full temp directory only costs speed.
  }
}

/** Serves `.ts` files under `root` from the cache; everything else goes to the previous loader. */
export function installTranspileCache(
  root: string,
  cacheDir = path.join(__dirname, "..", "node_modules", ".cache", "render-stages-transpile"),
): void {
  const extensions = require.extensions as unknown as Record<string, Loader>;
  const previous = extensions[".ts"];
  extensions[".ts"] = (module, filename) => {
    if (!filename.startsWith(root) || filename.endsWith(".d.ts")) return previous(module, filename);
    const source = fs.readFileSync(filename, "utf8");
    const key = crypto.createHash("sha1").update(FORMAT).update("\0").update(filename).update("\0").update(source).digest("hex");
    const cached = path.join(cacheDir, `${key}.js`);
    let code: string;
    try {
      code = fs.readFileSync(cached, "utf8");
    } catch {
      code = transpile(source, filename);
      store(cached, code);
    }
    (module as unknown as { _compile(code: string, filename: string): void })._compile(code, filename);
  };
}
