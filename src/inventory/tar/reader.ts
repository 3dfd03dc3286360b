import { AppError } from '../../core/errors.js';
import { entryType, isZeroBlock, parseNumeric, parsePax, parseRawHeader, type RawHeader, type TarHeader } from './header.js';

/** Receives the bytes of one entry the sink asked for. */
export interface EntryConsumer {
  data(chunk: Buffer): void;
  end(): void;
}

/** Decides, per entry, whether its data is wanted. Returning null skips the data without copying it. */
export interface TarSink {
  entry(header: TarHeader): EntryConsumer | null;
}

export interface TarReadOptions {
  /** Names the stream in error messages ("layer 3 (sha256:...)"). */
  what: string;
  /** Largest PAX / GNU long-name record accepted (they are buffered). */
  maxMetaBytes?: number;
  /** Bytes tolerated after the end-of-archive marker (padding); more is an error. */
  maxTrailingBytes?: number;
}

export interface TarReadStats {
  entries: number;
  bytes: number;
}

const BLOCK = 512;
type Mode = 'header' | 'sparseExt' | 'data' | 'meta' | 'padding' | 'ended';

/**
 * A streaming tar parser: ustar, GNU (long names/links, base-256 numbers) and PAX (local and global
 * records). It never buffers entry data except PAX/GNU meta records (capped), so memory stays flat
 * whatever the layer size. The whole source is consumed, so a hash computed upstream covers it.
 */
export class TarParser {
  private mode: Mode = 'header';
  private readonly headerBuf = Buffer.alloc(BLOCK);
  private headerFill = 0;
  private remaining = 0; // data bytes left in the current entry
  private padding = 0; // padding bytes left after the current entry
  private consumer: EntryConsumer | null = null;
  private metaFlag = '';
  private metaChunks: Buffer[] = [];
  private pending = new Map<string, string>(); // next entry's PAX/GNU overrides
  private global = new Map<string, string>();
  private zeroBlocks = 0;
  /** Data length of an old-GNU sparse entry whose extension blocks are still being skipped. */
  private sparseDataSize = 0;
  private offset = 0;
  private trailing = 0;
  private readonly maxMeta: number;
  private readonly maxTrailing: number;
  readonly stats: TarReadStats = { entries: 0, bytes: 0 };

  constructor(
    private readonly sink: TarSink,
    private readonly opts: TarReadOptions,
  ) {
    this.maxMeta = opts.maxMetaBytes ?? 1 << 20;
    this.maxTrailing = opts.maxTrailingBytes ?? 16 << 20;
  }

  write(chunk: Buffer): void {
    let pos = 0;
    while (pos < chunk.length) {
      const before = pos;
      pos = this.step(chunk, pos);
      this.offset += pos - before;
    }
    this.stats.bytes = this.offset;
  }

  /** Call at end of input: a stream that stops inside an entry (or before any end marker in an entry) is truncated. */
  end(): void {
    if (this.mode === 'ended' || (this.mode === 'header' && this.headerFill === 0)) return;
    throw new AppError('INPUT', `${this.opts.what}: truncated tar stream (ended at byte ${this.offset} inside an entry)`);
  }

  private step(chunk: Buffer, pos: number): number {
    switch (this.mode) {
      case 'header':
      case 'sparseExt':
        return this.fillHeader(chunk, pos);
      case 'data':
      case 'meta':
        return this.feedData(chunk, pos);
      case 'padding': {
        const n = Math.min(this.padding, chunk.length - pos);
        this.padding -= n;
        if (this.padding === 0) this.mode = 'header';
        return pos + n;
      }
      case 'ended': {
        const n = chunk.length - pos;
        this.trailing += n;
        if (this.trailing > this.maxTrailing) {
          throw new AppError('LIMIT', `${this.opts.what}: more than ${this.maxTrailing} bytes after the end of the tar archive`);
        }
        return chunk.length;
      }
    }
  }

  private fillHeader(chunk: Buffer, pos: number): number {
    const n = Math.min(BLOCK - this.headerFill, chunk.length - pos);
    chunk.copy(this.headerBuf, this.headerFill, pos, pos + n);
    this.headerFill += n;
    if (this.headerFill === BLOCK) {
      this.headerFill = 0;
      if (this.mode === 'sparseExt') this.onSparseExtension();
      else this.onHeaderBlock(this.offset + n - BLOCK);
    }
    return pos + n;
  }

  private onHeaderBlock(at: number): void {
    if (isZeroBlock(this.headerBuf)) {
      this.zeroBlocks++;
      if (this.zeroBlocks === 2) this.mode = 'ended';
      return;
    }
    if (this.zeroBlocks > 0) {
      throw new AppError('INPUT', `${this.opts.what}: data after a single zero block at byte ${at} — corrupt tar stream`);
    }
    const raw = parseRawHeader(this.headerBuf, at, this.opts.what);
    this.startEntry(raw, at);
  }

  private startEntry(raw: RawHeader, at: number): void {
    const isMeta = raw.flag === 'x' || raw.flag === 'g' || raw.flag === 'L' || raw.flag === 'K';
    if (isMeta) {
      if (raw.size > this.maxMeta) {
        throw new AppError('LIMIT', `${this.opts.what}: tar extension record of ${raw.size} bytes at byte ${at} exceeds ${this.maxMeta}`);
      }
      this.metaFlag = raw.flag;
      this.metaChunks = [];
      this.beginData(raw.size, 'meta');
      return;
    }
    const { header, dataSize } = this.applyExtensions(raw);
    this.stats.entries++;
    const consumer = this.sink.entry(header);
    // Only regular files hand content to the sink (sparse ones carry a map, not the content). Links,
    // dirs, devices and fifos carry no data whatever their size field says; unknown types may.
    this.consumer = header.type === 'file' && !header.sparse ? consumer : null;
    const headerOnly = header.type !== 'file' && header.type !== 'other';
    // Old GNU sparse headers may be followed by extension blocks of more sparse-map entries.
    if (raw.flag === 'S' && this.headerBuf[482] !== 0) {
      this.sparseDataSize = dataSize;
      this.mode = 'sparseExt';
      return;
    }
    this.beginData(headerOnly ? 0 : dataSize, 'data');
  }

  private onSparseExtension(): void {
    if (this.headerBuf[504] !== 0) return; // another extension block follows
    this.mode = 'header';
    this.beginData(this.sparseDataSize, 'data');
  }

  private beginData(size: number, mode: 'data' | 'meta'): void {
    this.remaining = size;
    this.padding = (BLOCK - (size % BLOCK)) % BLOCK;
    if (size === 0) {
      this.finishData(mode);
      return;
    }
    this.mode = mode;
  }

  private feedData(chunk: Buffer, pos: number): number {
    const n = Math.min(this.remaining, chunk.length - pos);
    const slice = chunk.subarray(pos, pos + n);
    if (this.mode === 'meta') this.metaChunks.push(Buffer.from(slice));
    else this.consumer?.data(slice);
    this.remaining -= n;
    if (this.remaining === 0) this.finishData(this.mode as 'data' | 'meta');
    return pos + n;
  }

  private finishData(mode: 'data' | 'meta'): void {
    if (mode === 'meta') this.finishMeta();
    else {
      this.consumer?.end();
      this.consumer = null;
    }
    this.mode = this.padding > 0 ? 'padding' : 'header';
  }

  private finishMeta(): void {
    const data = Buffer.concat(this.metaChunks);
    this.metaChunks = [];
    if (this.metaFlag === 'L' || this.metaFlag === 'K') {
      const nul = data.indexOf(0);
      const value = data.toString('utf8', 0, nul < 0 ? data.length : nul);
      this.pending.set(this.metaFlag === 'L' ? 'path' : 'linkpath', value);
      return;
    }
    const records = parsePax(data);
    const target = this.metaFlag === 'g' ? this.global : this.pending;
    for (const [k, v] of records) target.set(k, v);
  }

  /** The entry's header after PAX / GNU records, and how many data bytes follow it in the archive. */
  private applyExtensions(raw: RawHeader): { header: TarHeader; dataSize: number } {
    const ext = this.global.size ? new Map([...this.global, ...this.pending]) : this.pending;
    this.pending = new Map();
    const header: TarHeader = {
      name: ext.get('GNU.sparse.name') ?? ext.get('path') ?? raw.name,
      type: entryType(raw.flag),
      size: raw.size,
      mode: raw.mode,
      uid: raw.uid,
      gid: raw.gid,
      mtime: raw.mtime,
      linkname: ext.get('linkpath') ?? raw.linkname,
    };
    const num = (k: string): number | undefined => {
      const v = ext.get(k);
      const n = v === undefined ? Number.NaN : Number(v);
      return Number.isFinite(n) && n >= 0 ? Math.floor(n) : undefined;
    };
    header.size = num('size') ?? header.size;
    const dataSize = header.size;
    header.uid = num('uid') ?? header.uid;
    header.gid = num('gid') ?? header.gid;
    header.mtime = num('mtime') ?? header.mtime;
    const paxSparse = ext.has('GNU.sparse.map') || ext.has('GNU.sparse.major') || ext.has('GNU.sparse.numblocks');
    if (raw.flag === 'S' || paxSparse) {
      header.type = 'file';
      header.sparse = true;
      // The logical size: PAX 1.0/0.1 realsize, PAX 0.0 size, or the old GNU header's realsize field.
      const gnuRealSize = raw.flag === 'S' ? parseNumeric(this.headerBuf, 483, 12) : Number.NaN;
      header.size = num('GNU.sparse.realsize') ?? num('GNU.sparse.size') ?? (Number.isNaN(gnuRealSize) ? dataSize : gnuRealSize);
    }
    for (const [k, v] of ext) {
      if (k.startsWith('SCHILY.xattr.')) {
        header.xattrs ??= {};
        header.xattrs[k.slice('SCHILY.xattr.'.length)] = Buffer.from(v, 'latin1').toString('base64');
      }
    }
    return { header, dataSize };
  }
}

/** Parse a whole tar stream into `sink`. */
export async function readTar(source: AsyncIterable<Buffer>, sink: TarSink, opts: TarReadOptions): Promise<TarReadStats> {
  const parser = new TarParser(sink, opts);
  for await (const chunk of source) parser.write(chunk);
  parser.end();
  return parser.stats;
}
