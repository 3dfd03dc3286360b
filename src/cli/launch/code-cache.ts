import { closeSync, fstatSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { crc32 } from 'node:zlib';
import { defaultCacheDir } from '../../core/cache-dir.js';

/**
 * V8 code cache for the CLI bundle. Node 20 has no compile cache for ES modules, so the bundle is one
 * CommonJS file compiled through `vm.Script`, and V8 can serialise what it compiled and deserialise it
 * on the next run of the same command instead of parsing and compiling again (a warm `drydock sbom`
 * spends most of its time loading code).
 *
 * Two files per command. `<command>.top.v8` is made right after compiling, before running: the
 * bundle's top level only, which every run needs. `<command>.v8` is made after a run with at most two
 * major GCs: it also holds every function that run compiled (a scan's matcher, say). After a longer
 * run V8 may already have flushed old bytecode — the top level first — and a cache without it would
 * cost a full parse on every later run, so that run leaves the top-level file and the next short run
 * writes the full one.
 *
 * Layout: `<cache dir>/code/<bundle sha256>-<node version>-<arch>/`. One directory per bundle build
 * (the others are removed when one is written); V8 itself rejects data made by another V8 or with
 * other flags, and such a file is rewritten. Cached bytecode is code: a file is used only when it and
 * its directory belong to the current user and nobody else may write them, and only when its header
 * (a magic number and the CRC-32 of the rest) matches: V8 checks versions and flags, not the bytes,
 * and would run a damaged file. (A checksum against damage, not a signature: whoever could forge it
 * could write the file, and the ownership checks are what keep others out. CRC-32 instead of a
 * SHA-256 saves node:crypto's load and ~1.5 ms of hashing in every run.) `--no-cache` (no cache
 * reads or writes at all) and DRYDOCK_CODE_CACHE=off turn it off.
 */
export interface CodeCacheSlot {
  /** This command's full cache (top level and the functions a run used). */
  file: string;
  /** This command's top-level-only cache. */
  topFile: string;
  /** The data to hand to V8: the full cache when there is a usable one, else the top-level one. */
  data: Buffer | undefined;
  /** Which file `data` came from. */
  kind: 'full' | 'top' | undefined;
}

type Env = Readonly<Record<string, string | undefined>>;

/** The value of `--cache-dir` in argv (`--cache-dir X` or `--cache-dir=X`), up to a `--`. */
function cacheDirArg(argv: readonly string[]): string | undefined {
  let found: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === '--') break;
    if (a === '--cache-dir') found = argv[++i];
    else if (a.startsWith('--cache-dir=')) found = a.slice('--cache-dir='.length);
  }
  return found;
}

/** The command a run is for (its own cache file: a scan compiles other functions than a lint). */
export function commandOf(argv: readonly string[]): string {
  const first = argv[0];
  return first !== undefined && /^[a-z][a-z0-9-]{0,39}$/.test(first) ? first : 'drydock';
}

/** The slot for this run, or undefined when the code cache is off for it. */
export function codeCacheSlot(argv: readonly string[], env: Env, cwd: string, build: { sha256: string }): CodeCacheSlot | undefined {
  if (env['DRYDOCK_CODE_CACHE'] === 'off' || argv.includes('--no-cache')) return undefined;
  if (!/^[0-9a-f]{64}$/.test(build.sha256)) return undefined;
  const root = resolve(cwd, cacheDirArg(argv) || defaultCacheDir(env));
  const dir = join(root, 'code', `${build.sha256.slice(0, 32)}-${process.version}-${process.arch}`);
  const command = commandOf(argv);
  const file = join(dir, `${command}.v8`);
  const topFile = join(dir, `${command}.top.v8`);
  const full = readOwned(file);
  if (full) return { file, topFile, data: full, kind: 'full' };
  const top = readOwned(topFile);
  return { file, topFile, data: top, kind: top ? 'top' : undefined };
}

/** Owned by us and writable by nobody else (the file and its directory), else not trusted. */
function trusted(mode: number, uid: number): boolean {
  const me = typeof process.getuid === 'function' ? process.getuid() : uid;
  return uid === me && (mode & 0o022) === 0;
}

/** "DDC1" and the CRC-32 (big-endian) of the V8 data that follows. */
const MAGIC = 0x44444331;
const HEADER = 8;

function header(data: Buffer): Buffer {
  const h = Buffer.alloc(HEADER);
  h.writeUInt32BE(MAGIC, 0);
  h.writeUInt32BE(crc32(data), 4);
  return h;
}

function readOwned(file: string): Buffer | undefined {
  let fd: number | undefined;
  try {
    const dirStat = fstatOf(dirname(file));
    if (!dirStat || !trusted(dirStat.mode, dirStat.uid)) return undefined;
    fd = openSync(file, 'r');
    const st = fstatSync(fd);
    if (!st.isFile() || !trusted(st.mode, st.uid) || st.size <= HEADER || st.size > 256 * 2 ** 20) return undefined;
    const bytes = readFileSync(fd);
    const data = bytes.subarray(HEADER);
    return header(data).equals(bytes.subarray(0, HEADER)) ? data : undefined;
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function fstatOf(dir: string): { mode: number; uid: number } | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    const st = fstatSync(fd);
    return st.isDirectory() ? { mode: st.mode, uid: st.uid } : undefined;
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * Store a command's code cache (atomically: a reader never sees half a file), then drop the
 * directories of other bundle builds. Best effort: a cache that cannot be written costs only time.
 */
export function writeCodeCache(file: string, data: Buffer): void {
  const dir = dirname(file);
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    // Only into a directory of ours that nobody else can write, through a new file (`wx`: never
    // through a link someone left at the temporary name).
    const st = fstatOf(dir);
    if (!st || !trusted(st.mode, st.uid)) return;
    const tmp = `${file}.${process.pid}.tmp`;
    const bytes = Buffer.concat([header(data), data]);
    try {
      writeFileSync(tmp, bytes, { mode: 0o600, flag: 'wx' });
    } catch {
      rmSync(tmp, { force: true }); // left by a process that died (unlinking never follows a link)
      writeFileSync(tmp, bytes, { mode: 0o600, flag: 'wx' });
    }
    renameSync(tmp, file);
  } catch {
    return;
  }
  try {
    const mine = dir.slice(dirname(dir).length + 1);
    for (const other of readdirSync(dirname(dir))) if (other !== mine) rmSync(join(dirname(dir), other), { recursive: true, force: true });
  } catch {
    // another run may be pruning at the same time
  }
}
