import { niceTicks, renderChart } from "../../bench/chart";

const options = { title: "up <time>", xLabel: "services", yLabel: "ms" };

describe("renderChart", () => {
  it("draws one polyline per series with points in stack-size order", () => {
    const svg = renderChart([
      { label: "preview + up", points: [{ n: 200, ms: 4000 }, { n: 20, ms: 500 }] },
      { label: "linear from n=20", points: [{ n: 20, ms: 500 }, { n: 200, ms: 5000 }] },
    ], options);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.trimEnd().endsWith("</svg>")).toBe(true);
    expect(svg.match(/<polyline /g)).toHaveLength(2);
    expect(svg.match(/<circle /g)).toHaveLength(4);
    const first = /<polyline[^>]*points="([^"]+)"/.exec(svg)![1].split(" ").map((p) => Number(p.split(",")[0]));
    expect(first[0]).toBeLessThan(first[1]);
    expect(svg).toContain("up &lt;time&gt;");
    expect(svg).toContain("<title>preview + up: n=200, 4000 ms</title>");
  });

  it("refuses to draw nothing", () => {
    expect(() => renderChart([{ label: "x", points: [] }], options)).toThrow("chart: no points to draw");
  });
});

describe("niceTicks", () => {
  it.each([
    [200, [0, 50, 100, 150, 200]],
    [4300, [0, 1000, 2000, 3000, 4000, 5000]],
    [7, [0, 2, 4, 6, 8]],
    [0, [0]],
  ])("ticks up to %p", (max, ticks) => {
    expect(niceTicks(max)).toEqual(ticks);
  });
});
