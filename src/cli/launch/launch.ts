import { readFileSync, rmSync } from 'node:fs';
import { createRequire, wrap } from 'node:module';
import { dirname, join } from 'node:path';
import type { PerformanceEntry } from 'node:perf_hooks';
import { Script } from 'node:vm';
import { codeCacheSlot, writeCodeCache, type CodeCacheSlot } from './code-cache.js';

/**
 * What `bin/drydock.js` runs: load the CLI bundle (dist/drydock.cjs) as a CommonJS module through
 * `vm.Script`, with V8's code cache for this command when there is one (code-cache.ts), run `main`,
 * and keep the cache files up to date. `dist/build.json` (written by scripts/bundle.mjs) names the
 * bundle's sha256, which keys the cache.
 */
interface CliBundle {
  main(argv: string[]): Promise<number>;
}

type Env = Readonly<Record<string, string | undefined>>;

function buildOf(dist: string): { sha256: string; ascii: boolean } {
  try {
    const b = JSON.parse(readFileSync(join(dist, 'build.json'), 'utf8')) as { sha256?: unknown; ascii?: unknown };
    return { sha256: typeof b.sha256 === 'string' ? b.sha256 : '', ascii: b.ascii === true };
  } catch {
    return { sha256: '', ascii: false };
  }
}

/** Counts major (mark-compact) GCs from now on: each ages bytecode towards flushing. */
function majorGcCounter(): () => number {
  // Loaded only here: a run that already has the full cache never needs perf_hooks.
  const { constants, PerformanceObserver } = process.getBuiltinModule('node:perf_hooks');
  let count = 0;
  const isMajor = (e: PerformanceEntry): boolean => (e as { detail?: { kind?: number } }).detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR;
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (isMajor(e)) count++;
  });
  observer.observe({ entryTypes: ['gc'] });
  return () => {
    for (const e of observer.takeRecords()) if (isMajor(e)) count++;
    observer.disconnect();
    return count;
  };
}

function statusOf(slot: CodeCacheSlot | undefined, rejected: boolean): string {
  if (slot === undefined) return 'off';
  if (slot.kind === undefined) return 'miss';
  return rejected ? `${slot.kind} rejected` : `${slot.kind} hit`;
}

export async function launch(dist: string, argv: string[], env: Env = process.env): Promise<number> {
  const bundle = join(dist, 'drydock.cjs');
  const build = buildOf(dist);
  const slot = codeCacheSlot(argv, env, process.cwd(), build);
  // An ASCII bundle reads the same as latin1, which skips UTF-8 decoding.
  const script = new Script(wrap(readFileSync(bundle, build.ascii ? 'latin1' : 'utf8')), { filename: bundle, ...(slot?.data ? { cachedData: slot.data } : {}) });
  const rejected = slot?.data !== undefined && script.cachedDataRejected === true;
  let upgrade = slot !== undefined && slot.kind !== 'full';
  if (slot !== undefined && (slot.kind === undefined || rejected)) {
    if (slot.kind === 'full') {
      rmSync(slot.file, { force: true });
      upgrade = true;
    }
    writeCodeCache(slot.topFile, script.createCachedData());
  }
  const majorGcs = upgrade ? majorGcCounter() : undefined;
  // node:v8 (4 ms to load) only for a run that will write the full cache, not for every warm run.
  const versionTag = upgrade ? process.getBuiltinModule('node:v8').cachedDataVersionTag : undefined;
  const flags = versionTag?.();
  const mod = { exports: {} as CliBundle };
  (script.runInThisContext() as (...args: unknown[]) => void).call(mod.exports, mod.exports, createRequire(bundle), mod, bundle, dirname(bundle));
  const code = await mod.exports.main(argv);
  // Not after a run that changed V8 flags (the shell linter's WebAssembly tier): V8 would reject it.
  if (slot !== undefined && majorGcs !== undefined && majorGcs() <= 2 && versionTag?.() === flags) writeCodeCache(slot.file, script.createCachedData());
  if (env['DRYDOCK_CODE_CACHE'] === 'debug') process.stderr.write(`drydock: code cache ${statusOf(slot, rejected)}${slot ? ` (${slot.file})` : ''}\n`);
  return code;
}
