/** Cost estimates and deltas as text: a plain table for terminals, Markdown for PR comments. */
import type { PriceCatalog } from "./catalog";
import type { CostDelta } from "./delta";
import type { CostEstimate } from "./estimate";

/** `$9.50`, `-$2.50`, `+$4.50` (signed), `EUR 3.00` for other currencies. */
export function money(amount: number, currency: string, signed = false): string {
  const sign = amount < 0 ? "-" : signed && amount > 0 ? "+" : "";
  const abs = Math.abs(amount).toFixed(2);
  return currency === "USD" ? `${sign}$${abs}` : `${sign}${currency} ${abs}`;
}

function table(rows: string[][]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows.map((r) => r.map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c]))).join("  ").trimEnd()).join("\n");
}

export function formatEstimate(title: string, est: CostEstimate, prices: PriceCatalog): string {
  const rows = [["resource", "kind", "plan", "monthly", "note"]];
  for (const l of est.lines) {
    const amount = l.monthlyMax !== undefined ? `${money(l.monthly, est.currency)}–${money(l.monthlyMax, est.currency)}` : money(l.monthly, est.currency);
    rows.push([l.resource, l.kind, l.plan, amount, l.note ?? ""]);
  }
  const range = est.totalMax !== undefined ? ` (up to ${money(est.totalMax, est.currency)} at autoscaling maximum)` : "";
  return `${title}\n\n${table(rows)}\n\nTotal: ${money(est.total, est.currency)}/month${range}\n${sourcesLine(prices)}`;
}

function sourcesLine(prices: PriceCatalog): string {
  const all = [prices.service, prices.postgres, prices.keyValue, prices.cron].flatMap((t) => Object.values(t))
    .concat([prices.staticSite, prices.diskPerGB, prices.spaces, prices.s3, prices.cloudflareZone, prices.cloudflareLoadBalancer]);
  const seen = [...new Set(all.map((p) => `${p.source} (${p.date})`))];
  return `Prices: ${seen.join(", ")}`;
}

/** Markdown for a PR comment: the total change first, then every resource whose cost moved. */
export function formatDeltaMarkdown(title: string, delta: CostDelta): string {
  const c = delta.currency;
  const head = `### ${title}: ${money(delta.before, c)} → ${money(delta.after, c)} per month (${delta.change === 0 ? "no change" : money(delta.change, c, true)})`;
  const moved = delta.lines.filter((l) => l.change !== 0 || l.plan.includes("→"));
  if (moved.length === 0) return `${head}\n\nNo resource changes cost.`;
  const rows = moved.map((l) => `| ${l.resource} | ${l.kind} | ${l.plan} | ${l.before === undefined ? "—" : money(l.before, c)} | ` +
    `${l.after === undefined ? "—" : money(l.after, c)} | ${money(l.change, c, true)} |`);
  return [head, "", "| resource | kind | plan | before | after | change |", "|---|---|---|---:|---:|---:|", ...rows].join("\n");
}
