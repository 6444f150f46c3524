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

/** Sum of VmRSS (kB) over the tree rooted at `rootPid`. */
export function treeRssKb(rootPid: number, procDir = "/proc"): number {
  return treePids(rootPid, procDir).reduce((sum, pid) => sum + rssKbOf(procDir, pid), 0);
}

export interface PeakRssWatch {
  /** Stops sampling and returns the largest tree total seen, in MB. */
  stop(): number;
}

export function watchPeakRss(rootPid: number, intervalMs = 50, procDir = "/proc"): PeakRssWatch {
  if (!fs.existsSync(path.join(procDir, "self", "status"))) {
    throw new Error(`peak memory: ${procDir} is not readable; the bench measures process trees through Linux /proc.`);
  }
  let peakKb = 0;
  const sample = (): void => {
    peakKb = Math.max(peakKb, treeRssKb(rootPid, procDir));
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  return {
    stop(): number {
      clearInterval(timer);
      sample();
      return Math.round((peakKb / 1024) * 10) / 10;
    },
  };
}
