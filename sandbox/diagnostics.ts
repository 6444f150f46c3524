/**
 * Messages of a run (`pulumi.log.*` from the program and providers, the program's own console output), shown
 * once each after the plan and apply as the Pulumi CLI's `Diagnostics:` section, grouped by resource.
 */
import type { LogMessage, LogSeverity } from "./engineService";
import type { Redactor } from "./redactor";
import { urnName, urnType } from "./urns";

export type DiagnosticSeverity = Exclude<LogSeverity, "debug">;

export interface Diagnostic {
  severity: DiagnosticSeverity;
  urn: string;
  type: string;
  name: string;
  /** Secrets masked. */
  message: string;
}

export class DiagnosticLog {
  private readonly entries: Array<{ severity: DiagnosticSeverity; urn: string; message: string }> = [];
  private readonly seen = new Set<string>();

  /** `stackUrn` holds messages about no resource, as the Pulumi CLI shows them under the stack. */
  constructor(private readonly stackUrn: string) {}

  /**
   * Records a message unless the same one (severity, resource, text) was recorded before: the preview and the
   * apply run the program twice. Debug and ephemeral status messages are not kept (`pulumi up` without -v).
   */
  add(msg: LogMessage): void {
    if (msg.severity === "debug" || msg.ephemeral) return;
    const message = msg.message.trimEnd();
    if (!message.trim()) return;
    const entry = { severity: msg.severity, urn: msg.urn || this.stackUrn, message };
    const key = JSON.stringify(entry);
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.entries.push(entry);
  }

  /** What the program printed during a pass, shown on the stack as the Pulumi CLI shows a program's output. */
  addOutput(text: string): void {
    this.add({ severity: "info", urn: "", message: text.trim(), ephemeral: false });
  }

  /** Every message in arrival order, secret values masked. */
  list(redactor: Redactor): Diagnostic[] {
    return this.entries.map((e) => ({
      severity: e.severity, urn: e.urn, type: urnType(e.urn), name: urnName(e.urn), message: redactor.redact(e.message),
    }));
  }
}

/** The `Diagnostics:` section (undefined when there is nothing to show); info messages carry no prefix. */
export function formatDiagnostics(diagnostics: Diagnostic[]): string | undefined {
  if (diagnostics.length === 0) return undefined;
  const groups = new Map<string, Diagnostic[]>();
  for (const d of diagnostics) groups.set(d.urn, [...(groups.get(d.urn) ?? []), d]);
  const blocks = [...groups.values()].map((ds) => [
    `  ${ds[0].type} (${ds[0].name}):`,
    ...ds.map((d) => `${d.severity === "info" ? "" : `${d.severity}: `}${d.message}`.split("\n").map((l) => `    ${l}`).join("\n")),
  ].join("\n"));
  return `Diagnostics:\n${blocks.join("\n\n")}`;
}
