/**
 * Five-field cron schedules as Render cron jobs take them (UTC): minute hour day-of-month month day-of-week,
 * each `*`, a number, a range `a-b`, a step `*\/n` or `a-b/n`, or a comma list of those.
 */

const FIELDS = [
  { name: "minute", min: 0, max: 59 },
  { name: "hour", min: 0, max: 23 },
  { name: "day of month", min: 1, max: 31 },
  { name: "month", min: 1, max: 12 },
  { name: "day of week", min: 0, max: 7 },
] as const;

function partProblem(part: string, min: number, max: number): boolean {
  const m = /^(\*|(\d+)(?:-(\d+))?)(?:\/(\d+))?$/.exec(part);
  if (!m) return true;
  const [, , from, to, step] = m;
  const inRange = (v: string | undefined) => v === undefined || (Number(v) >= min && Number(v) <= max);
  if (!inRange(from) || !inRange(to)) return true;
  if (from !== undefined && to !== undefined && Number(from) > Number(to)) return true;
  return step !== undefined && Number(step) < 1;
}

/** Why `schedule` is not a valid five-field cron expression, or undefined when it is. */
export function cronProblem(schedule: string): string | undefined {
  const fields = schedule.trim().split(/\s+/);
  if (fields.length !== 5) return `has ${fields.length} field${fields.length === 1 ? "" : "s"}, needs 5 (minute hour day-of-month month day-of-week)`;
  for (let i = 0; i < 5; i++) {
    const { name, min, max } = FIELDS[i];
    if (fields[i].split(",").some((part) => partProblem(part, min, max))) {
      return `${name} field "${fields[i]}" is not *, a number ${min}-${max}, a range or a step`;
    }
  }
  return undefined;
}
