import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { treePids, treeRssKb, watchPeakRss } from "../../bench/peakRss";

function fakeProc(processes: { pid: number; ppid: number; comm: string; rssKb?: number }[]): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-proc-"));
  for (const p of processes) {
    fs.mkdirSync(path.join(dir, String(p.pid)));
    fs.writeFileSync(path.join(dir, String(p.pid), "stat"), `${p.pid} (${p.comm}) S ${p.ppid} 1 1 0 -1\n`);
    const rss = p.rssKb === undefined ? "" : `VmRSS:\t  ${p.rssKb} kB\n`;
    fs.writeFileSync(path.join(dir, String(p.pid), "status"), `Name:\t${p.comm}\n${rss}Threads:\t1\n`);
    fs.writeFileSync(path.join(dir, String(p.pid), "cmdline"), `/usr/bin/node\0/work/${p.comm}.js\0`);
  }
  fs.mkdirSync(path.join(dir, "self"));
  fs.writeFileSync(path.join(dir, "self", "status"), "Name:\tself\n");
  return dir;
}

describe("treeRssKb", () => {
  const proc = fakeProc([
    { pid: 1, ppid: 0, comm: "init", rssKb: 1000 },
    { pid: 10, ppid: 1, comm: "node engine", rssKb: 200 },
    { pid: 11, ppid: 10, comm: "node (plugin) x", rssKb: 50 },
    { pid: 12, ppid: 11, comm: "sh" },
    { pid: 20, ppid: 1, comm: "other", rssKb: 999 },
  ]);
  afterAll(() => fs.rmSync(proc, { recursive: true, force: true }));

  it("finds a process and every descendant, even with parentheses in names", () => {
    expect(treePids(10, proc).sort((a, b) => a - b)).toEqual([10, 11, 12]);
  });

  it("sums resident memory over the tree only", () => {
    expect(treeRssKb(10, proc)).toBe(250);
  });

  it("reports the tree's peak and the processes in it", () => {
    const watch = watchPeakRss(10, 1000, proc);
    expect(watch.stop()).toBe(0.2);
    expect(watch.atPeak()).toEqual([
      { command: "node node engine.js", rssMb: 0.2 },
      { command: "node node (plugin) x.js", rssMb: 0 },
    ]);
  });
});
