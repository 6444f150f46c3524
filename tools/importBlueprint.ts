/**
 * npm run import-blueprint -- render.yaml [--stack NAME] [--out FILE] [--repo URL] [--force]
 * Prints the stack file (or writes it with --out) and reports unmapped fields, warnings and secret commands.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { parseArgs } from "util";
import { importBlueprint } from "../blueprint/importBlueprint";
import { formatImportReport } from "../blueprint/report";
import { loadProject } from "../sandbox/stackConfig";
import { PROJECT_DIR } from "../cost/readStack";

const USAGE = "usage: npm run import-blueprint -- render.yaml [--stack NAME] [--out FILE] [--repo URL] [--force]";

/** The repository holding the Blueprint (what Render deploys for services without `repo`), as an https URL. */
function blueprintRepo(file: string): string | undefined {
  try {
    const url = execFileSync("git", ["-C", path.dirname(path.resolve(file)), "remote", "get-url", "origin"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
    const ssh = /^git@([^:]+):(.+?)(\.git)?$/.exec(url);
    if (ssh) return `https://${ssh[1]}/${ssh[2]}`;
    return /^https:\/\//.test(url) ? url.replace(/\.git$/, "") : undefined;
  } catch {
    return undefined;
  }
}

function main(argv: string[]): void {
  const { values, positionals } = parseArgs({
    args: argv, allowPositionals: true,
    options: {
      stack: { type: "string", default: "dev" }, out: { type: "string" }, repo: { type: "string" },
      force: { type: "boolean", default: false }, help: { type: "boolean", default: false },
    },
  });
  if (values.help) return void process.stdout.write(`${USAGE}\n`);
  if (positionals.length !== 1) throw new UsageError(`expected one render.yaml path, got ${positionals.length}`);
  const [file] = positionals;
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (err) {
    throw new UsageError(`${file} cannot be read: ${(err as Error).message}`);
  }
  const result = importBlueprint(text, {
    stack: values.stack, project: loadProject(PROJECT_DIR).name, repo: values.repo ?? blueprintRepo(file), source: path.basename(file),
  });
  const report = formatImportReport(result, file);
  if (values.out === undefined) {
    process.stdout.write(result.stackFile);
    process.stderr.write(report);
    return;
  }
  if (fs.existsSync(values.out) && !values.force) {
    throw new UsageError(`${values.out} exists; pass --force to replace it, or choose another --out`);
  }
  fs.writeFileSync(values.out, result.stackFile);
  process.stdout.write(`Wrote ${values.out}.\n${report}`);
}

class UsageError extends Error {}

try {
  main(process.argv.slice(2));
} catch (err) {
  process.stderr.write(`import-blueprint: ${(err as Error).message}\n${err instanceof UsageError ? `${USAGE}\n` : ""}`);
  process.exitCode = err instanceof UsageError ? 2 : 1;
}
