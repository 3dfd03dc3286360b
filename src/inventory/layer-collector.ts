import { mkdtempSync, rmSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Analyzer, CapturedFile, EntryInfo, FileResult, LayerContext } from './analyzer.js';
import { captureConsumer, type CapturedData, type CapturePlan } from './capture.js';
import type { EntryConsumer, TarSink } from './tar/reader.js';
import type { TarEntryType, TarHeader } from './tar/header.js';
import type { EntryKind, EntryRecord, LayerResult, LayerUnknown } from './layer-result.js';
import { normalizeEntryPath, whiteoutOf } from './tar/paths.js';
import { errorMessage } from '../core/errors.js';

const KIND: Record<TarEntryType, EntryKind> = {
  file: 'f',
  dir: 'd',
  symlink: 'l',
  hardlink: 'h',
  char: 'c',
  block: 'b',
  fifo: 'p',
  other: 'o',
};

export interface CollectorOptions {
  /** Where scratch files go (under the cache dir in the CLI); default the OS temp dir. */
  scratchRoot?: string;
}

/**
 * The sink every layer's entries go through (tar layers and `dir:` walks alike): it records the
 * listing and whiteouts, captures exactly the files analyzers require (in memory, as scratch files
 * or as streams, per analyzer), and then runs each analyzer once over its files.
 * Call `dispose()` when done, whether or not `finish()` ran: it removes the scratch files.
 */
export class LayerCollector implements TarSink {
  private readonly entries: EntryRecord[] = [];
  private readonly whiteouts: string[] = [];
  private readonly opaqueDirs: string[] = [];
  private readonly unknowns: LayerUnknown[] = [];
  private readonly captured = new Map<string, CapturedData>();
  private readonly wanted = new Map<string, Analyzer[]>();
  private readonly aborts = new Set<() => void>();
  private scratch: string | undefined;

  constructor(
    private readonly analyzers: readonly Analyzer[],
    private readonly opts: CollectorOptions = {},
  ) {}

  /** Record a problem found outside the tar stream (e.g. an unreadable directory in a `dir:` walk). */
  addUnknown(u: LayerUnknown): void {
    this.unknowns.push(u);
  }

  entry(h: TarHeader): EntryConsumer | null {
    const norm = normalizeEntryPath(h.name);
    if (norm.escapes) {
      this.unknowns.push({ path: h.name, source: 'walker', reason: 'entry path climbs above the image root ("..") — ignored' });
      return null;
    }
    const path = norm.path;
    if (path === null) return null; // the root directory itself
    const wh = whiteoutOf(path);
    if (wh) {
      if (wh.kind === 'opaque') this.opaqueDirs.push(wh.dir);
      else if (wh.kind === 'remove') this.whiteouts.push(wh.path);
      return null;
    }
    return this.record(path, h);
  }

  private record(path: string, h: TarHeader): EntryConsumer | null {
    const kind = KIND[h.type];
    const rec: EntryRecord = [path, kind, h.mode, h.type === 'file' ? h.size : 0];
    if (h.type === 'hardlink') {
      const target = normalizeEntryPath(h.linkname);
      if (target.escapes || target.path === null) {
        this.unknowns.push({ path, source: 'walker', reason: `hard link to "${h.linkname}" points outside the image — ignored` });
        return null;
      }
      rec[4] = target.path;
    } else if (h.type === 'symlink') {
      rec[4] = h.linkname;
    }
    if (h.uid !== 0 || h.gid !== 0) {
      rec[5] = h.uid;
      rec[6] = h.gid;
    }
    this.entries.push(rec);
    if (h.type === 'hardlink') {
      this.linkCapture(path, rec[4] as string, h.mode);
      return null;
    }
    if (h.type !== 'file') return null;
    return this.maybeCapture(path, h);
  }

  private analyzersFor(path: string, info: EntryInfo): Analyzer[] {
    const out: Analyzer[] = [];
    for (const a of this.analyzers) if (a.required(path, info)) out.push(a);
    return out;
  }

  private scratchDir(): string {
    this.scratch ??= mkdtempSync(join(this.opts.scratchRoot ?? tmpdir(), 'drydock-layer-'));
    return this.scratch;
  }

  private maybeCapture(path: string, h: TarHeader): EntryConsumer | null {
    const info: EntryInfo = { size: h.size, mode: h.mode };
    const want = this.analyzersFor(path, info);
    if (want.length === 0) return null;
    if (h.sparse) {
      this.unknowns.push({ path, source: 'walker', reason: 'sparse file entries are not read' });
      return null;
    }
    const fits: Analyzer[] = [];
    for (const a of want) {
      if (h.size <= a.maxFileSize) fits.push(a);
      else this.unknowns.push({ path, source: a.id, reason: `file is ${h.size} bytes, over this analyzer's ${a.maxFileSize}-byte limit — not read` });
    }
    const plan: CapturePlan = { buffer: false, streams: [] };
    const users: Analyzer[] = [];
    for (const a of fits) {
      const mode = a.capture ?? 'buffer';
      if (mode === 'stream') {
        const consumer = a.stream?.(path, info);
        if (!consumer) continue;
        plan.streams.push({ analyzer: a, consumer });
      } else if (mode === 'file') plan.fileDir = this.scratchDir();
      else plan.buffer = true;
      users.push(a);
    }
    if (users.length === 0) return null;
    this.wanted.set(path, users);
    const consumer = captureConsumer(plan, h.mode, h.size, (data) => {
      this.aborts.delete(consumer.abort);
      this.captured.set(path, data);
    });
    this.aborts.add(consumer.abort);
    return consumer;
  }

  /** A hard link to a file captured earlier in this layer shares what was captured of it. */
  private linkCapture(path: string, target: string, mode: number): void {
    const src = this.captured.get(target);
    const want = this.analyzersFor(path, { size: src?.size ?? 0, mode });
    if (want.length === 0) return;
    if (!src) {
      this.unknowns.push({ path, source: 'walker', reason: `hard link to "${target}", whose content was not read — not analyzed` });
      return;
    }
    const usable = want.filter((a) => {
      const m = a.capture ?? 'buffer';
      return (m === 'buffer' && src.content) || (m === 'file' && src.tempPath) || (m === 'stream' && src.streamed?.has(a.id));
    });
    if (usable.length === 0) return;
    this.wanted.set(path, usable);
    this.captured.set(path, src);
  }

  /** Run the analyzers over the captured files and produce the layer's result. */
  async finish(meta: { diffId?: string; uncompressedBytes: number; compression: string }): Promise<LayerResult> {
    const perAnalyzer = new Map<Analyzer, CapturedFile[]>();
    for (const [path, analyzers] of this.wanted) {
      const data = this.captured.get(path);
      if (!data) continue; // the entry's data never completed (cannot happen on a well-formed stream)
      for (const a of analyzers) {
        const file: CapturedFile = { path, mode: data.mode, size: data.size, content: data.content ?? EMPTY };
        if (data.tempPath !== undefined) file.tempPath = data.tempPath;
        if (data.streamed?.has(a.id)) file.streamed = data.streamed.get(a.id);
        const list = perAnalyzer.get(a) ?? [];
        list.push(file);
        perAnalyzer.set(a, list);
      }
    }
    const ctx: LayerContext = { scratchDir: () => this.analyzerScratch() };
    const results: Record<string, FileResult[]> = {};
    for (const [a, files] of perAnalyzer) {
      try {
        results[a.id] = await a.analyzeLayer(files, ctx);
      } catch (err) {
        for (const f of files) this.unknowns.push({ path: f.path, source: a.id, reason: `analyzer failed: ${errorMessage(err)}` });
      }
    }
    this.captured.clear();
    const result: LayerResult = {
      format: 1,
      entries: this.entries,
      whiteouts: this.whiteouts,
      opaqueDirs: this.opaqueDirs,
      results,
      unknowns: this.unknowns,
      stats: { entries: this.entries.length, uncompressedBytes: meta.uncompressedBytes, compression: meta.compression },
    };
    if (meta.diffId !== undefined) result.diffId = meta.diffId;
    return result;
  }

  private async analyzerScratch(): Promise<string> {
    const dir = join(this.scratchDir(), 'analyzers');
    await mkdir(dir, { recursive: true });
    return dir;
  }

  /** Close half-written scratch files and remove the scratch directory. */
  dispose(): void {
    for (const abort of this.aborts) abort();
    this.aborts.clear();
    if (this.scratch !== undefined) rmSync(this.scratch, { recursive: true, force: true });
    this.scratch = undefined;
  }
}

const EMPTY = Buffer.alloc(0);
