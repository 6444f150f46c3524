// Validates workflow files against GitHub's published workflow schema (workflow-v1.0), with GitHub's own
// parser (@actions/workflow-parser, the one behind the Actions language service). An ES module, so the jest
// suite runs it as a child process: `node validateWorkflows.mjs FILE...` prints {file: [error, ...]} as JSON.
import { readFileSync } from "node:fs";
import { register } from "node:module";
import { basename } from "node:path";

// The parser imports its schema file without `with { type: "json" }` (it is built for bundlers); this hook
// adds the attribute so Node loads the file as it is.
const jsonHook = `export async function load(url, context, next) {
  return next(url, url.endsWith(".json") ? { ...context, importAttributes: { type: "json" } } : context);
}`;
register(`data:text/javascript,${encodeURIComponent(jsonHook)}`);
const { convertWorkflowTemplate, NoOperationTraceWriter, parseWorkflow } = await import("@actions/workflow-parser");

const results = {};
for (const file of process.argv.slice(2)) {
  const parsed = parseWorkflow({ name: basename(file), content: readFileSync(file, "utf8") }, new NoOperationTraceWriter());
  const errors = parsed.context.errors;
  // The conversion checks what the schema alone cannot: job references (needs), cron syntax, matrix shape.
  if (parsed.value !== undefined && errors.getErrors().length === 0) {
    await convertWorkflowTemplate(parsed.context, parsed.value);
  }
  results[file] = errors.getErrors().map((e) => e.message);
}
process.stdout.write(`${JSON.stringify(results)}\n`);
