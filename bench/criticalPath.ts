/**
 * Longest chain of waits through a dependency graph: each step starts when every step it waits for has
 * finished and takes `ms`. With unlimited parallelism this is the shortest possible wall time.
 */
export interface PathStep {
  readonly id: string;
  readonly ms: number;
  readonly after: readonly string[];
}

export interface CriticalPath {
  readonly ms: number;
  /** Step ids along the longest chain, first to last. */
  readonly steps: string[];
}

export function criticalPath(steps: readonly PathStep[]): CriticalPath {
  const byId = new Map<string, PathStep>();
  for (const step of steps) {
    if (byId.has(step.id)) throw new Error(`critical path: step "${step.id}" is listed twice; give each step a unique id.`);
    if (!(step.ms >= 0)) throw new Error(`critical path: step "${step.id}" has ms ${step.ms}; use a duration >= 0.`);
    byId.set(step.id, step);
  }
  const finish = new Map<string, { ms: number; via: string | undefined }>();
  const visiting = new Set<string>();
  const finishOf = (id: string, from: string): { ms: number; via: string | undefined } => {
    const known = finish.get(id);
    if (known) return known;
    const step = byId.get(id);
    if (!step) throw new Error(`critical path: step "${from}" waits for unknown step "${id}"; known: ${[...byId.keys()].join(", ")}.`);
    if (visiting.has(id)) throw new Error(`critical path: steps wait for each other in a cycle through "${id}".`);
    visiting.add(id);
    let start = 0;
    let via: string | undefined;
    for (const dep of step.after) {
      const depFinish = finishOf(dep, id).ms;
      if (via === undefined || depFinish > start) {
        start = depFinish;
        via = dep;
      }
    }
    visiting.delete(id);
    const result = { ms: start + step.ms, via };
    finish.set(id, result);
    return result;
  };
  let last: string | undefined;
  for (const step of steps) {
    const f = finishOf(step.id, step.id);
    if (last === undefined || f.ms >= finish.get(last)!.ms) last = step.id;
  }
  if (last === undefined) return { ms: 0, steps: [] };
  const chain: string[] = [];
  for (let id: string | undefined = last; id !== undefined; id = finish.get(id)!.via) chain.unshift(id);
  return { ms: finish.get(last)!.ms, steps: chain };
}
