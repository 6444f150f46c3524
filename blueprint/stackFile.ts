/** The imported config as a `Pulumi.<stack>.yaml` stack file, and the secret commands to run with it. */
import { stringify } from "yaml";
import type { SecretToSet } from "./envVars";
import type { RawStackConfig } from "./rawConfig";

/** One `pulumi config set --secret` line per secret config key (values are never printed). */
export function secretCommands(secrets: SecretToSet[], stack: string): string[] {
  const seen = new Set<string>();
  return secrets.flatMap((s) => {
    if (seen.has(s.configKey)) return [];
    seen.add(s.configKey);
    return [`pulumi config set --stack ${stack} --secret ${s.configKey} '<value>'   # ${s.path} (${s.reason}, line ${s.line})`];
  });
}

export function renderStackFile(raw: RawStackConfig, opts: { project: string; stack: string; source: string; commands: string[] }): string {
  const config: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) config[`${opts.project}:${key}`] = value;
  const header = [
    `# Stack ${opts.stack} at stage ${raw.stage}, imported from ${opts.source} by \`npm run import-blueprint\`.`,
    ...(opts.commands.length > 0
      ? ["# Secrets to set before the first `pulumi up`:", ...opts.commands.map((c) => `#   ${c}`)]
      : []),
  ];
  return `${header.join("\n")}\n${stringify({ config }, { lineWidth: 0 })}`;
}
