import * as fs from "fs";
import * as path from "path";

/** Peak resident memory of a whole process tree (a driver and the plugins it spawns), sampled from /proc. */

function parentOf(procDir: string, pid: number): number | undefined {
  try {
    const stat = fs.readFileSync(path.join(procDir, String(pid), "stat"), "utf8");
    // "pid (comm) state ppid …": comm may hold spaces or parentheses, so split after the last ")".
    return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
  } catch {
    return undefined;
  }
}

function rssKbOf(procDir: string, pid: number): number {
  try {
    const status = fs.readFileSync(path.join(procDir, String(pid), "status"), "utf8");
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}

/** Pids of `rootPid` and all its descendants alive right now. */
export function treePids(rootPid: number, procDir = "/proc"): number[] {
  const children = new Map<number, number[]>();
  for (const entry of fs.readdirSync(procDir)) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    const parent = parentOf(procDir, pid);
    if (parent === undefined) continue;
    const list = children.get(parent) ?? [];
    list.push(pid);
    children.set(parent, list);
  }
  const result: number[] = [];
  const queue = [rootPid];
  while (queue.length > 0) {
    const pid = queue.shift()!;
    result.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return result;
}

function commandOf(procDir: string, pid: number): string {
  try {
    const args = fs.readFileSync(path.join(procDir, String(pid), "cmdline"), "utf8").split("\0").filter(Boolean);
    return args.map((a) => (a.includes("/") ? path.basename(a) : a)).join(" ");
  } catch {
    return "?";
  }
}

/** Sum of VmRSS (kB) over the tree rooted at `rootPid`. */
export function treeRssKb(rootPid: number, procDir = "/proc"): number {
  return treePids(rootPid, procDir).reduce((sum, pid) => sum + rssKbOf(procDir, pid), 0);
}

export interface ProcessRss {
  readonly command: string;
  readonly rssMb: number;
}

export interface PeakRssWatch {
  /** Stops sampling and returns the largest tree total seen, in MB. */
  stop(): number;
  /** The processes of the tree at its peak, largest first. */
  atPeak(): ProcessRss[];
}

const toMb = (kb: number): number => Math.round((kb / 1024) * 10) / 10;

export function watchPeakRss(rootPid: number, intervalMs = 50, procDir = "/proc"): PeakRssWatch {
  if (!fs.existsSync(path.join(procDir, "self", "status"))) {
    throw new Error(`peak memory: ${procDir} is not readable; the bench measures process trees through Linux /proc.`);
  }
  let peakKb = 0;
  let peakProcesses: { command: string; kb: number }[] = [];
  const sample = (): void => {
    const processes = treePids(rootPid, procDir).map((pid) => ({ pid, kb: rssKbOf(procDir, pid) }));
    const total = processes.reduce((sum, p) => sum + p.kb, 0);
    if (total > peakKb) {
      peakKb = total;
      peakProcesses = processes.map((p) => ({ command: commandOf(procDir, p.pid), kb: p.kb }));
    }
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  return {
    stop(): number {
      clearInterval(timer);
      sample();
      return toMb(peakKb);
    },
    atPeak(): ProcessRss[] {
      return peakProcesses.filter((p) => p.kb > 0).sort((a, b) => b.kb - a.kb)
        .map((p) => ({ command: p.command, rssMb: toMb(p.kb) }));
    },
  };
}
