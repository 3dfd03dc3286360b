import type { Analyzer, CapturedFile, FileResult } from './analyzer.js';
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

/** Buffers one file the analyzers asked for; the size is known up front, so one allocation. */
class Capture implements EntryConsumer {
  readonly buf: Buffer;
  private fill = 0;
  constructor(
    size: number,
    private readonly done: (content: Buffer) => void,
  ) {
    this.buf = Buffer.allocUnsafe(size);
  }
  data(chunk: Buffer): void {
    chunk.copy(this.buf, this.fill);
    this.fill += chunk.length;
  }
  end(): void {
    this.done(this.fill === this.buf.length ? this.buf : this.buf.subarray(0, this.fill));
  }
}

/**
 * The sink every layer's entries go through (tar layers and `dir:` walks alike): it records the
 * listing and whiteouts, buffers exactly the files analyzers require (within their size caps), and
 * then runs each analyzer once over its files.
 */
export class LayerCollector implements TarSink {
  private readonly entries: EntryRecord[] = [];
  private readonly whiteouts: string[] = [];
  private readonly opaqueDirs: string[] = [];
  private readonly unknowns: LayerUnknown[] = [];
  private readonly captured = new Map<string, { mode: number; content: Buffer }>();
  private readonly wanted = new Map<string, Analyzer[]>();

  constructor(private readonly analyzers: readonly Analyzer[]) {}

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
      this.linkCapture(path, rec[4] as string);
      return null;
    }
    if (h.type !== 'file') return null;
    return this.maybeCapture(path, h);
  }

  private analyzersFor(path: string): Analyzer[] {
    const out: Analyzer[] = [];
    for (const a of this.analyzers) if (a.required(path)) out.push(a);
    return out;
  }

  private maybeCapture(path: string, h: TarHeader): EntryConsumer | null {
    const want = this.analyzersFor(path);
    if (want.length === 0) return null;
    if (h.sparse) {
      this.unknowns.push({ path, source: 'walker', reason: 'sparse file entries are not read' });
      return null;
    }
    const fits = want.filter((a) => h.size <= a.maxFileSize);
    for (const a of want) {
      if (h.size > a.maxFileSize) {
        this.unknowns.push({ path, source: a.id, reason: `file is ${h.size} bytes, over this analyzer's ${a.maxFileSize}-byte limit — not read` });
      }
    }
    if (fits.length === 0) return null;
    this.wanted.set(path, fits);
    return new Capture(h.size, (content) => this.captured.set(path, { mode: h.mode, content }));
  }

  /** A hard link to a file captured earlier in this layer shares its content. */
  private linkCapture(path: string, target: string): void {
    const want = this.analyzersFor(path);
    if (want.length === 0) return;
    const src = this.captured.get(target);
    if (!src) {
      this.unknowns.push({ path, source: 'walker', reason: `hard link to "${target}", whose content was not read — not analyzed` });
      return;
    }
    const fits = want.filter((a) => src.content.length <= a.maxFileSize);
    if (fits.length === 0) return;
    this.wanted.set(path, fits);
    this.captured.set(path, src);
  }

  /** Run the analyzers over the captured files and produce the layer's result. */
  async finish(meta: { diffId?: string; uncompressedBytes: number; compression: string }): Promise<LayerResult> {
    const perAnalyzer = new Map<Analyzer, CapturedFile[]>();
    for (const [path, analyzers] of this.wanted) {
      const file = this.captured.get(path);
      if (!file) continue; // the entry's data never completed (cannot happen on a well-formed stream)
      for (const a of analyzers) {
        const list = perAnalyzer.get(a) ?? [];
        list.push({ path, mode: file.mode, content: file.content });
        perAnalyzer.set(a, list);
      }
    }
    const results: Record<string, FileResult[]> = {};
    for (const [a, files] of perAnalyzer) {
      try {
        results[a.id] = await a.analyzeLayer(files);
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
}
