/**
 * The emulator's clock: wall time plus an offset tests can advance (`POST /__emulator/clock`).
 * Every lifecycle status is derived lazily from timestamps read from this clock, so no timers run.
 */
export class Clock {
  constructor(private offsetMs = 0, private readonly wall: () => number = Date.now) {}

  now(): number {
    return this.wall() + this.offsetMs;
  }

  advance(ms: number): void {
    this.offsetMs += ms;
  }

  offset(): number {
    return this.offsetMs;
  }
}

/** RFC 3339 UTC with microseconds, the precision Render uses on reads (`2024-12-02T18:24:16.047704Z`). */
export function rfc3339(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, ".$1000Z");
}
