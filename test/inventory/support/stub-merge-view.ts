import { tmpdir } from 'node:os';
import type { OsInfo } from '../../../src/core/inventory.js';
import type { LayerRef, PackageRecord } from '../../../src/core/package.js';
import {
  defaultMerge,
  type Analyzer,
  type CapturedFile,
  type FileResult,
  type MergeOutput,
  type MergeView,
  type VisibleResult,
} from '../../../src/inventory/analyzer.js';

/**
 * A small, test-only stand-in for the image merge: layers of regular files, symlinks, directories
 * and deletions (whiteouts) applied in order, an analyzer run on each layer's files exactly as the
 * walker would (files it `required`, up to its size cap), and a MergeView over the result.
 */
export interface StubLayer {
  files?: Record<string, string | Buffer>;
  symlinks?: Record<string, string>;
  dirs?: string[];
  /** Paths this layer deletes, with everything below them (applied before its own writes). */
  deletes?: string[];
}

interface Node {
  kind: 'f' | 'l' | 'd';
  layer: number;
  target?: string;
}

export interface AnalyzerRun {
  output: MergeOutput;
  view: MergeView;
  /** analyzeLayer's results, per layer. */
  results: FileResult[][];
}

const under = (path: string, root: string): boolean => path === root || path.startsWith(`${root}/`);

export async function runAnalyzer(analyzer: Analyzer, layers: readonly StubLayer[], os?: OsInfo): Promise<AnalyzerRun> {
  const fs = new Map<string, Node>();
  const results: FileResult[][] = [];
  for (const [i, layer] of layers.entries()) {
    for (const d of layer.deletes ?? []) for (const p of [...fs.keys()]) if (under(p, d)) fs.delete(p);
    for (const d of layer.dirs ?? []) fs.set(d, { kind: 'd', layer: i });
    const captured: CapturedFile[] = [];
    for (const [path, content] of Object.entries(layer.files ?? {})) {
      fs.set(path, { kind: 'f', layer: i });
      const buf = Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8');
      if (analyzer.required(path, { size: buf.length, mode: 0o644 }) && buf.length <= analyzer.maxFileSize) captured.push({ path, mode: 0o644, size: buf.length, content: buf });
    }
    for (const [path, target] of Object.entries(layer.symlinks ?? {})) fs.set(path, { kind: 'l', layer: i, target });
    results.push(captured.length > 0 ? await analyzer.analyzeLayer(captured, { scratchDir: async () => tmpdir() }) : []);
  }
  const view = buildView(fs, layers, results, os);
  const output = analyzer.merge ? analyzer.merge(view) : defaultMerge(analyzer.id, view);
  return { output, view, results };
}

function buildView(fs: Map<string, Node>, layers: readonly StubLayer[], results: FileResult[][], os: OsInfo | undefined): MergeView {
  const visible: VisibleResult[] = [];
  const byPath = new Map<string, VisibleResult>();
  for (const [path, node] of fs) {
    if (node.kind !== 'f') continue;
    const result = results[node.layer]?.find((r) => r.path === path);
    if (!result) continue;
    const v: VisibleResult = { path, layer: { index: node.layer }, result };
    visible.push(v);
    byPath.set(path, v);
  }
  visible.sort((a, b) => a.layer.index - b.layer.index || (a.path < b.path ? -1 : 1));
  const resolvePath = (path: string): string | undefined => followLinks(fs, path);
  return {
    visible,
    os,
    at: (path) => byPath.get(path),
    resolve: (path) => {
      const p = resolvePath(path);
      return p === undefined ? undefined : byPath.get(p);
    },
    originOf: (path, same) => originOf(byPath.get(path), layers, results, same),
    exists: (path) => {
      const p = resolvePath(path);
      return p !== undefined && (fs.has(p) || [...fs.keys()].some((k) => k.startsWith(`${p}/`)));
    },
    everyLayer: () =>
      results.flatMap((rs, i) =>
        rs.map((result) => {
          const j = layers.findIndex((l, k) => k > i && (result.path in (l.files ?? {}) || (l.deletes ?? []).some((d) => under(result.path, d))));
          return { path: result.path, layer: { index: i }, result, ...(j < 0 ? {} : { removedIn: { index: j } }) };
        }),
      ),
    // metadata stand-ins (the stub keeps no modes or sizes): enough for analyzers that only list paths
    entries: () => [...fs].map(([path, n]) => ({ path, kind: n.kind, mode: n.kind === 'd' ? 0o755 : 0o644, size: 0, layer: n.layer })),
    stat: (path) => {
      const p = resolvePath(path);
      const n = p === undefined ? undefined : fs.get(p);
      return p === undefined || n === undefined ? undefined : { path: p, kind: n.kind, mode: n.kind === 'd' ? 0o755 : 0o644, size: 0, layer: n.layer };
    },
  };
}

/** Follow symlinks component by component inside the image root (`..` stops at `/`). */
function followLinks(fs: Map<string, Node>, path: string): string | undefined {
  let todo = path.split('/').filter((c) => c !== '');
  let done: string[] = [];
  let hops = 0;
  while (todo.length > 0) {
    const comp = todo.shift() ?? '';
    if (comp === '.') continue;
    if (comp === '..') {
      done.pop();
      continue;
    }
    const node = fs.get([...done, comp].join('/'));
    if (node?.kind === 'l' && node.target !== undefined) {
      if (++hops > 40) return undefined;
      if (node.target.startsWith('/')) done = [];
      todo = [...node.target.split('/').filter((c) => c !== ''), ...todo];
      continue;
    }
    done.push(comp);
  }
  return done.join('/');
}

function originOf(
  v: VisibleResult | undefined,
  layers: readonly StubLayer[],
  results: FileResult[][],
  same: (p: PackageRecord) => boolean,
): LayerRef {
  if (!v) return { index: -1 };
  let origin = v.layer.index;
  if ((layers[origin]?.deletes ?? []).some((d) => under(v.path, d))) return { index: origin };
  for (let j = origin - 1; j >= 0; j--) {
    const layer = layers[j];
    const wrote = v.path in (layer?.files ?? {});
    const deleted = (layer?.deletes ?? []).some((d) => under(v.path, d));
    if (wrote) {
      const r = results[j]?.find((x) => x.path === v.path);
      if (!r || !(r.packages ?? []).some(same)) break;
      origin = j;
    }
    if (deleted) break;
  }
  return { index: origin };
}
