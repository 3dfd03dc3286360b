import { setFlagsFromString } from 'node:v8';

/** Flags a user may have started Node with that already settle the optimizing tier. */
const USER_TIER_FLAGS = /^--(no-turbofan|no-opt|turbofan|opt|jitless|always-turbofan|always-opt)$/;

/**
 * Run a short burst of work with V8's optimizing compiler (TurboFan) off, and turn it back on after.
 * Matching an inventory calls each function a few thousand times and is over in a few hundred
 * milliseconds: TurboFan would compile dozens of them on the way (on a 2-core machine in competition
 * with the GC's helper threads) and the process ends before the optimised code pays for itself.
 * Measured on the bench (bench/vuln.mjs, fresh processes, same minutes): 1,000 packages 98 → 72 ms,
 * 5,000 packages 230 → 177 ms, 10,000 packages 318 → 283 ms. Baseline (Sparkplug) code still runs.
 * Process-wide, so only for the CLI (a long-running server keeps its optimised code); left alone when
 * Node was started with a tiering flag of its own.
 */
export async function withoutOptimizingCompiler<T>(work: () => Promise<T>, execArgv: readonly string[] = process.execArgv): Promise<T> {
  if (execArgv.some((a) => USER_TIER_FLAGS.test(a))) return work();
  setFlagsFromString('--no-turbofan');
  try {
    return await work();
  } finally {
    setFlagsFromString('--turbofan');
  }
}
