/**
 * Memory settings for the Node processes the sandbox starts (its engine worker and the dynamic-provider plugin).
 * Both make garbage at a high rate (every plugin call carries two ~40 KB provider texts; every resource gets
 * tens of SDK promises) while what they keep alive grows slowly, and V8's defaults let the heap grow to several
 * times what is alive. These settings trade a little CPU for a heap that stays near its live size, with no cap
 * that a larger stack could hit.
 */

/**
 * `youngMb`: each semi-space of the young generation (V8's default is 16 MB). The old generation grows by 15%
 * over what survived the last full collection, instead of up to 4×.
 */
export function leanNodeFlags(youngMb: number): string[] {
  return [`--max-semi-space-size=${youngMb}`, "--heap-growing-percent=15"];
}

/**
 * glibc gives each thread that allocates its own malloc arena (V8's compiler and GC threads, libuv's pool), and
 * their free pages stay resident; one arena keeps them in one place. A value the user set is kept.
 */
export function leanNodeEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return { ...env, MALLOC_ARENA_MAX: env.MALLOC_ARENA_MAX ?? "1" };
}
