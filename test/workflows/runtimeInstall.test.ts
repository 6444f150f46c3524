/**
 * What the real path needs at run time: the language host loads the program transpile-only (tsconfig `noCheck`),
 * with the project's `typescript` and `ts-node`, and the plugin loads the provider runtime from the sources; a
 * production-only install (`npm ci --omit=dev`) must hold every package either of them requires.
 */
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";

const ROOT = path.resolve(__dirname, "../..");
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as {
  dependencies: Record<string, string>; devDependencies: Record<string, string>; scripts: Record<string, string>;
};

/** Packages a module loads at run time (type-only imports left out), and the relative modules it loads. */
function runtimeImports(file: string): { packages: string[]; locals: string[] } {
  const source = ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.ES2020, true);
  const specs: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && !node.importClause?.isTypeOnly && ts.isStringLiteral(node.moduleSpecifier)) {
      const named = node.importClause?.namedBindings;
      const allTypes = named && ts.isNamedImports(named) && !node.importClause?.name && named.elements.length > 0
        && named.elements.every((e) => e.isTypeOnly);
      if (!allTypes) specs.push(node.moduleSpecifier.text);
    } else if (ts.isExportDeclaration(node) && !node.isTypeOnly && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      specs.push(node.moduleSpecifier.text);
    } else if (ts.isCallExpression(node) && node.expression.getText() === "require" && node.arguments.length === 1
      && ts.isStringLiteral(node.arguments[0])) {
      specs.push(node.arguments[0].text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  const builtins = new Set(require("module").builtinModules as string[]);
  const packages = specs.filter((s) => !s.startsWith(".") && !builtins.has(s.replace(/^node:/, "")))
    .map((s) => (s.startsWith("@") ? s.split("/").slice(0, 2).join("/") : s.split("/")[0]));
  const locals = specs.filter((s) => s.startsWith(".")).map((s) => {
    const base = path.resolve(path.dirname(file), s);
    return [`${base}.ts`, path.join(base, "index.ts"), base].find((f) => fs.existsSync(f) && fs.statSync(f).isFile())!;
  }).filter((f) => f && f.endsWith(".ts"));
  return { packages, locals };
}

/** Every package reachable at run time from `entries`. */
function packagesFrom(entries: string[]): Set<string> {
  const seen = new Set<string>();
  const found = new Set<string>();
  const pending = [...entries];
  while (pending.length) {
    const file = pending.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const { packages, locals } = runtimeImports(file);
    packages.forEach((p) => found.add(p));
    pending.push(...locals);
  }
  return found;
}

describe("run-time install", () => {
  it("holds every package the program and the provider runtime load in dependencies, not devDependencies", () => {
    const needed = packagesFrom([path.join(ROOT, "index.ts"), path.join(ROOT, "providers/render/runtime.ts")]);
    // The language host's TypeScript (else it falls back to its bundled 3.8) and the runtime loader's compiler.
    needed.add("typescript").add("ts-node");
    expect([...needed].filter((p) => !(p in pkg.dependencies)).sort()).toEqual([]);
    expect(needed.has("@pulumi/pulumi")).toBe(true);
  });

  it("runs the program transpile-only and checks types in CI instead", () => {
    const tsconfig = ts.parseConfigFileTextToJson("tsconfig.json", fs.readFileSync(path.join(ROOT, "tsconfig.json"), "utf8")).config;
    expect(tsconfig.compilerOptions.noCheck).toBe(true);
    expect(pkg.scripts.typecheck).toContain("--noCheck false");
    const ci = fs.readFileSync(path.join(ROOT, ".ci/run"), "utf8").split("\n").filter((l) => /^npm /.test(l));
    expect(ci).toEqual(["npm ci --no-audit --no-fund", "npm run typecheck", "npm test"]);
  });
});
