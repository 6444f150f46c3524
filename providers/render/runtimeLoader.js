/**
 * The entry the plugin loads for every Render resource (runtimeProvider.ts): plain JavaScript, because the
 * dynamic-provider plugin has no TypeScript loader. It gives Node one, when none is installed (the plugin; ts-node
 * and jest bring their own): `.ts` files are transpiled as they load, with the project's `typescript` and no type
 * checking, so runtime.ts and the modules it requires run from their sources as installed by `npm ci`. Each
 * output is cached under node_modules/.cache by the hash of its source, so a later plugin process neither loads
 * the compiler nor transpiles again (best effort: a read-only install just transpiles every time).
 */
"use strict";
const Module = require("module");

if (!Module._extensions[".ts"]) {
  const crypto = require("crypto");
  const fs = require("fs");
  const path = require("path");
  const cacheDir = path.join(__dirname, "..", "..", "node_modules", ".cache", "render-stages-runtime");
  let ts;
  const transpile = (source, filename) => {
    ts = ts || require("typescript");
    const compilerOptions = {
      module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020, esModuleInterop: true, sourceMap: false,
    };
    return ts.transpileModule(source, { fileName: filename, compilerOptions }).outputText;
  };
  Module._extensions[".ts"] = (mod, filename) => {
    const source = fs.readFileSync(filename, "utf8");
    const key = crypto.createHash("sha256").update(`${filename}\0${source}`).digest("hex").slice(0, 32);
    const cached = path.join(cacheDir, `${key}.js`);
    let code;
    try {
      code = fs.readFileSync(cached, "utf8");
    } catch {
      code = transpile(source, filename);
      try {
        fs.mkdirSync(cacheDir, { recursive: true });
        const tmp = `${cached}.${process.pid}.tmp`;
        fs.writeFileSync(tmp, code);
        fs.renameSync(tmp, cached);
      } catch {
        // No cache: the next process transpiles again.
      }
    }
    mod._compile(code, filename);
  };
}

exports.RUNTIME_PROVIDERS = require("./runtime").RUNTIME_PROVIDERS;
