import { mkdtemp, open, rm, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { baseName, classifyEntries, selectEntry, type ArchiveParts } from './archive-entries.js';
import { FileSlice, type ByteSource } from './byte-source.js';
import { identifyArchive, type PomProperties } from './identity.js';
import { parseManifest } from './manifest.js';
import { NestedMemo, type MemoPlace, type WalkOutput } from './nested-memo.js';
import { pomLicenseNames } from './pom-licenses.js';
import { parseProperties } from './properties.js';
import { readZipDirectory, type ZipDirectory, type ZipDirectoryLimits, type ZipEntry } from './zip-directory.js';
import { DEFLATED, extractEntry, readSmallEntry, STORED, storedEntry } from './zip-entry.js';

/**
 * Walk one Java archive and the archives nested in it (Spring Boot `BOOT-INF/lib`, `WEB-INF/lib`,
 * EAR modules, jars in jars), depth first. Stored nested archives are read in place through the
 * enclosing file; deflated ones are inflated to a scratch file, read, and deleted before the next.
 * Everything is capped per top-level archive (depth, number and bytes of nested archives, the
 * compression ratio of a nested archive, entries and directory size per archive), and every cap
 * that bites becomes a problem — the walk never throws on archive content.
 */

export interface WalkLimits extends ZipDirectoryLimits {
  /** Nesting levels read below the top-level archive. */
  maxDepth: number;
  /** MANIFEST.MF, pom.properties and pom.xml are read up to this size. */
  maxMetaBytes: number;
  /** Nested archives read per top-level archive. */
  maxNestedArchives: number;
  /** Sum of the sizes of the nested archives read (in place or inflated) per top-level archive. */
  maxNestedBytes: number;
  /** Largest inflated/compressed ratio accepted for a nested archive over 1 MiB (jars are already compressed). */
  maxRatio: number;
}

export const DEFAULT_WALK_LIMITS: WalkLimits = {
  maxDepth: 8,
  maxEntries: 500_000,
  maxDirectoryBytes: 64 * 2 ** 20,
  maxSelected: 20_000,
  maxMetaBytes: 2 ** 20,
  maxNestedArchives: 10_000,
  maxNestedBytes: 4 * 2 ** 30,
  maxRatio: 100,
};

export type WalkResult = WalkOutput;

export interface WalkOptions {
  /** Where deflated nested archives are inflated (a directory of their own is made inside). */
  scratchRoot: () => Promise<string>;
  limits?: WalkLimits;
  /** Share one memo between the archives of a layer to read each nested library once. */
  memo?: NestedMemo;
}

interface WalkState {
  limits: WalkLimits;
  scratchRoot: () => Promise<string>;
  memo: NestedMemo | undefined;
  scratch?: string;
  files: number;
  nested: number;
  nestedBytes: number;
  /** Deepest level reached, and caps hit so far (what a remembered result depends on). */
  deepest: number;
  depthCaps: number;
  budgetCaps: number;
  result: WalkResult;
}

interface Place extends MemoPlace {
  /** `chain`: `/app/a.war!/WEB-INF/lib/b.jar`; `inner`: the chain below the top-level archive, the prefix of nested problems. */
  fileName: string;
}

/** `topPath` is the archive's absolute path in the image (the start of every `metadata.archive` chain). */
export async function walkArchive(top: ByteSource, topPath: string, opts: WalkOptions): Promise<WalkResult> {
  const state: WalkState = {
    limits: opts.limits ?? DEFAULT_WALK_LIMITS,
    scratchRoot: opts.scratchRoot,
    memo: opts.memo,
    files: 0,
    nested: 0,
    nestedBytes: 0,
    deepest: 0,
    depthCaps: 0,
    budgetCaps: 0,
    result: { packages: [], problems: [] },
  };
  try {
    await visit(top, { chain: topPath, inner: '', fileName: baseName(topPath), depth: 0 }, state);
  } finally {
    if (state.scratch !== undefined) await rm(state.scratch, { recursive: true, force: true });
  }
  return state.result;
}

type Problem = (text: string) => void;

async function visit(src: ByteSource, at: Place, state: WalkState): Promise<void> {
  const problem: Problem = (text) => {
    state.result.problems.push(at.inner === '' ? text : `${at.inner}: ${text}`);
  };
  state.deepest = Math.max(state.deepest, at.depth);
  const dir = await readZipDirectory(src, selectEntry, state.limits);
  if (typeof dir === 'string') return problem(dir);
  dir.problems.forEach(problem);
  const parts = classifyEntries(dir.entries);
  if (parts.climbing > 0) problem(`${parts.climbing} entries have absolute names or names that climb out of the archive ("..") — ignored`);
  const ids = identifyArchive(await readFacts(src, dir, parts, at, state, problem));
  state.result.packages.push(...ids.packages);
  ids.problems.forEach(problem);
  if (dir.overlapping || parts.nested.length === 0) return;
  if (at.depth + 1 > state.limits.maxDepth) {
    state.depthCaps++;
    return problem(`${parts.nested.length} nested archives deeper than ${state.limits.maxDepth} levels — not read`);
  }
  for (const entry of parts.nested) {
    if (!(await enterNested(src, dir, entry, at, state, problem))) break;
  }
}

async function readFacts(src: ByteSource, dir: ZipDirectory, parts: ArchiveParts, at: Place, state: WalkState, problem: Problem) {
  const manifest = parts.manifest ? await readText(src, dir, parts.manifest, state, problem) : undefined;
  const poms: PomProperties[] = [];
  for (const entry of parts.poms) {
    const text = await readText(src, dir, entry, state, problem);
    if (text === undefined) continue;
    const props = parseProperties(text);
    const xml = parts.pomXml.get(entry.name.slice(0, entry.name.length - 'pom.properties'.length));
    const xmlText = xml ? await readText(src, dir, xml, state, problem) : undefined;
    const pom: PomProperties = { entry: entry.name, licenses: xmlText !== undefined ? pomLicenseNames(xmlText) : [] };
    for (const key of ['groupId', 'artifactId', 'version'] as const) {
      const v = props.get(key);
      if (v !== undefined) pom[key] = v;
    }
    poms.push(pom);
  }
  return { chain: at.chain, fileName: at.fileName, poms, ...(manifest !== undefined ? { manifest: parseManifest(manifest) } : {}) };
}

async function readText(src: ByteSource, dir: ZipDirectory, entry: ZipEntry, state: WalkState, problem: Problem): Promise<string | undefined> {
  const data = await readSmallEntry(src, entry, dir.dataEnd, state.limits.maxMetaBytes);
  if (typeof data === 'string') {
    problem(`${short(entry.name)}: ${data}`);
    return undefined;
  }
  return data.toString('utf8');
}

/** Read one nested archive (or replay what the memo knows of its content); false when the count cap stops the walk. */
async function enterNested(src: ByteSource, dir: ZipDirectory, entry: ZipEntry, at: Place, state: WalkState, problem: Problem): Promise<boolean> {
  const { limits } = state;
  if (state.nested >= limits.maxNestedArchives) {
    state.budgetCaps++;
    problem(`more than ${limits.maxNestedArchives} nested archives — the rest were not read`);
    return false;
  }
  if (state.nestedBytes + entry.size > limits.maxNestedBytes) {
    state.budgetCaps++;
    problem(`${short(entry.name)}: reading it would pass the ${limits.maxNestedBytes}-byte budget for nested archives — not read`);
    return true;
  }
  const where = short(entry.name);
  if (entry.method !== STORED && entry.method !== DEFLATED) {
    problem(`${where}: unsupported compression method ${entry.method}`);
    return true;
  }
  if (entry.method === DEFLATED && entry.size > 2 ** 20 && entry.size / Math.max(1, entry.compressedSize) > limits.maxRatio) {
    problem(`${where}: compression ratio over ${limits.maxRatio}:1 (a zip bomb?) — not read`);
    return true;
  }
  state.nested++;
  state.nestedBytes += entry.size;
  const child: Place = { chain: `${at.chain}!/${entry.name}`, inner: at.inner === '' ? entry.name : `${at.inner}!/${entry.name}`, fileName: baseName(entry.name), depth: at.depth + 1 };
  const key = state.memo ? NestedMemo.key(entry) : undefined;
  if (key !== undefined && state.memo?.replay(key, child, limits.maxDepth, state.result)) return true;
  const mark = { packages: state.result.packages.length, problems: state.result.problems.length };
  const before = { deepest: state.deepest, depthCaps: state.depthCaps, budgetCaps: state.budgetCaps };
  state.deepest = child.depth;
  const entered = await readNested(src, dir, entry, child, state, problem);
  if (entered && key !== undefined && state.budgetCaps === before.budgetCaps) {
    state.memo?.remember(key, child, limits.maxDepth, state.result, mark, { depthUsed: state.deepest - child.depth, depthCapped: state.depthCaps > before.depthCaps });
  }
  state.deepest = Math.max(before.deepest, state.deepest);
  return true;
}

/** Open a stored (in place) or deflated (inflated to scratch) nested archive and visit it; false when it could not be opened. */
async function readNested(src: ByteSource, dir: ZipDirectory, entry: ZipEntry, child: Place, state: WalkState, problem: Problem): Promise<boolean> {
  const where = short(entry.name);
  if (entry.method === STORED) {
    const inner = await storedEntry(src, entry, dir.dataEnd);
    if (typeof inner === 'string') {
      problem(`${where}: ${inner}`);
      return false;
    }
    await visit(inner, child, state);
    return true;
  }
  state.scratch ??= await mkdtemp(join(await state.scratchRoot(), 'jar-'));
  const path = join(state.scratch, `n${++state.files}.zip`);
  try {
    const written = await extractEntry(src, entry, dir.dataEnd, path);
    if (typeof written === 'string') {
      problem(`${where}: ${written}`);
      return false;
    }
    const handle = await open(path, 'r');
    try {
      await visit(new FileSlice(handle, 0, written), child, state);
    } finally {
      await handle.close();
    }
    return true;
  } finally {
    await unlink(path).catch(() => undefined);
  }
}

/** Entry names in messages are cut short (they are names from the archive, not its contents). */
function short(name: string): string {
  return name.length > 200 ? `${name.slice(0, 200)}…` : name;
}
