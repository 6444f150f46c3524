/** A stack file read into a validated StackConfig, for tools that work on config alone (no program run). */
import * as path from "path";
import { CONFIG_KEYS, parseStackConfig, StackConfig } from "../components/config";
import { loadProject, loadStackConfig } from "../sandbox/stackConfig";

export const PROJECT_DIR = path.join(__dirname, "..");

/** A config value as the CLI stores it: JSON when it parses (numbers, booleans, objects), else the string. */
function rawValue(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * Reads `Pulumi.<stack>.yaml` (a stack name) or any stack file (a path) and validates it; `overrides` replace
 * top-level keys first (e.g. `{ stage: 2 }`). Secrets are not needed and never read.
 */
export function readStackConfig(stackOrFile: string, overrides: Record<string, unknown> = {}, projectDir = PROJECT_DIR): StackConfig {
  const project = loadProject(projectDir);
  const { stack, config } = loadStackConfig(project, stackOrFile, { env: {}, overrides });
  return parseConfigValues(config, project.name, stack);
}

/** Validates config values as the CLI hands them to a program: keys namespaced by `project`, values as text. */
export function parseConfigValues(values: Record<string, string>, project: string, stackName: string): StackConfig {
  const raw: Record<string, unknown> = {};
  for (const key of CONFIG_KEYS) {
    const text = values[`${project}:${key}`];
    if (text !== undefined) raw[key] = rawValue(text);
  }
  return parseStackConfig(raw, { stackName });
}
