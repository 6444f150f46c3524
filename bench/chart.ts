/** A dependency-free SVG line chart of run time against stack size (docs/bench.svg). */
export interface ChartPoint {
  readonly n: number;
  readonly ms: number;
}

export interface ChartSeries {
  readonly label: string;
  readonly points: readonly ChartPoint[];
}

export interface ChartOptions {
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
}

const WIDTH = 720;
const HEIGHT = 420;
const MARGIN = { left: 80, right: 170, top: 50, bottom: 60 };
const COLORS = ["#2563eb", "#dc2626", "#16a34a", "#9333ea", "#ea580c"];

/** Round numbers for axis ticks: 1, 2 or 5 times a power of ten, about `count` of them up to `max`. */
export function niceTicks(max: number, count = 5): number[] {
  if (!(max > 0)) return [0];
  const raw = max / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
  const ticks: number[] = [];
  for (let t = 0; t < max + step; t += step) ticks.push(Number(t.toPrecision(12)));
  return ticks;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function formatNumber(value: number): string {
  return value >= 10_000 ? `${value / 1000}k` : String(value);
}

export function renderChart(series: readonly ChartSeries[], options: ChartOptions): string {
  const all = series.flatMap((s) => s.points);
  if (all.length === 0) throw new Error("chart: no points to draw; pass at least one series with points.");
  const xTicks = niceTicks(Math.max(...all.map((p) => p.n)));
  const yTicks = niceTicks(Math.max(...all.map((p) => p.ms)));
  const xMax = xTicks[xTicks.length - 1];
  const yMax = yTicks[yTicks.length - 1];
  const plotW = WIDTH - MARGIN.left - MARGIN.right;
  const plotH = HEIGHT - MARGIN.top - MARGIN.bottom;
  const x = (n: number): number => MARGIN.left + (n / xMax) * plotW;
  const y = (ms: number): number => MARGIN.top + plotH - (ms / yMax) * plotH;
  const r = (v: number): string => v.toFixed(1);
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="sans-serif" font-size="12">`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="#ffffff"/>`,
    `<text x="${WIDTH / 2}" y="28" text-anchor="middle" font-size="16" font-weight="bold">${escapeXml(options.title)}</text>`,
  ];
  for (const t of yTicks) {
    out.push(`<line x1="${MARGIN.left}" y1="${r(y(t))}" x2="${MARGIN.left + plotW}" y2="${r(y(t))}" stroke="#e5e7eb"/>`);
    out.push(`<text x="${MARGIN.left - 8}" y="${r(y(t) + 4)}" text-anchor="end">${formatNumber(t)}</text>`);
  }
  for (const t of xTicks) {
    out.push(`<line x1="${r(x(t))}" y1="${MARGIN.top + plotH}" x2="${r(x(t))}" y2="${MARGIN.top + plotH + 5}" stroke="#374151"/>`);
    out.push(`<text x="${r(x(t))}" y="${MARGIN.top + plotH + 20}" text-anchor="middle">${formatNumber(t)}</text>`);
  }
  out.push(
    `<line x1="${MARGIN.left}" y1="${MARGIN.top}" x2="${MARGIN.left}" y2="${MARGIN.top + plotH}" stroke="#374151"/>`,
    `<line x1="${MARGIN.left}" y1="${MARGIN.top + plotH}" x2="${MARGIN.left + plotW}" y2="${MARGIN.top + plotH}" stroke="#374151"/>`,
    `<text x="${MARGIN.left + plotW / 2}" y="${HEIGHT - 15}" text-anchor="middle">${escapeXml(options.xLabel)}</text>`,
    `<text x="20" y="${MARGIN.top + plotH / 2}" text-anchor="middle" transform="rotate(-90 20 ${MARGIN.top + plotH / 2})">${escapeXml(options.yLabel)}</text>`,
  );
  series.forEach((s, i) => {
    const color = COLORS[i % COLORS.length];
    const points = [...s.points].sort((a, b) => a.n - b.n);
    out.push(`<polyline fill="none" stroke="${color}" stroke-width="2" points="${points.map((p) => `${r(x(p.n))},${r(y(p.ms))}`).join(" ")}"/>`);
    for (const p of points) {
      out.push(`<circle cx="${r(x(p.n))}" cy="${r(y(p.ms))}" r="3.5" fill="${color}"><title>${escapeXml(`${s.label}: n=${p.n}, ${p.ms} ms`)}</title></circle>`);
    }
    const ly = MARGIN.top + 10 + i * 20;
    out.push(`<line x1="${WIDTH - MARGIN.right + 15}" y1="${ly}" x2="${WIDTH - MARGIN.right + 35}" y2="${ly}" stroke="${color}" stroke-width="2"/>`);
    out.push(`<text x="${WIDTH - MARGIN.right + 40}" y="${ly + 4}">${escapeXml(s.label)}</text>`);
  });
  out.push("</svg>");
  return out.join("\n") + "\n";
}
