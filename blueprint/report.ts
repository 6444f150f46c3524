/** The importer's report for people: chosen stage, what was left out (with lines), warnings, secrets to set. */
import type { ImportResult } from "./importBlueprint";
import type { Finding } from "./reader";

const line = (f: Finding) => `  line ${f.line}: ${f.path}: ${f.message}`;

export function formatImportReport(result: ImportResult, source: string): string {
  const parts = [`${source}: stage ${result.stage}, ${Object.keys(result.config.apps).length} app(s)` +
    `${result.raw.database ? ", Postgres" : ""}${result.raw.cache ? ", Key Value" : ""}. ` +
    `Render names become <namePrefix>-<app key> (namePrefix: "${result.config.namePrefix}").`];
  parts.push(result.unmapped.length === 0 ? "Every field was mapped." : `Not mapped (${result.unmapped.length}):\n${result.unmapped.map(line).join("\n")}`);
  if (result.warnings.length > 0) parts.push(`Warnings (${result.warnings.length}):\n${result.warnings.map(line).join("\n")}`);
  if (result.commands.length > 0) parts.push(`Set these secrets before \`pulumi up\`:\n${result.commands.map((c) => `  ${c}`).join("\n")}`);
  return `${parts.join("\n\n")}\n`;
}
