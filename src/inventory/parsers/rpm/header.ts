import { AppError } from '../../../core/errors.js';
import { RpmTag, RpmType, fixedTypeSize, isStringType } from './tags.js';

/**
 * The rpm header blob as every rpmdb backend stores it (rpm's `headerExport` form, no lead magic):
 *
 *   be32 il, be32 dl, il × 16-byte index entries (be32 tag, type, offset, count), dl bytes of data
 *
 * The first entry may be a region tag (HEADERIMMUTABLE for package headers) whose data is a
 * 16-byte trailer entry at the end of the region; its negative offset gives the number of index
 * entries inside the region. Entries after the region ("dribble" entries, added at install time)
 * replace region entries with the same tag.
 */

/** rpm refuses headers with more index entries or data than this (hdrchkTags / hdrchkData). */
export const MAX_INDEX_ENTRIES = 0xffff;
export const MAX_DATA_LENGTH = 0x0fffffff;

const ENTRY_SIZE = 16;
const REGION_TAGS: ReadonlySet<number> = new Set([RpmTag.HEADERIMAGE, RpmTag.HEADERSIGNATURES, RpmTag.HEADERIMMUTABLE]);

export interface HeaderEntry {
  tag: number;
  type: number;
  count: number;
  /** The entry's bytes inside the data store (exactly the encoded values, nothing after). */
  data: Buffer;
}

interface RawEntry {
  tag: number;
  type: number;
  offset: number;
  count: number;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Header strings are bytes; decode as UTF-8 and fall back to Latin-1 (lossless) for old packages. */
function decodeString(bytes: Buffer): string {
  try {
    return utf8.decode(bytes);
  } catch {
    return bytes.toString('latin1');
  }
}

function splitStrings(data: Buffer): string[] {
  const out: string[] = [];
  let start = 0;
  for (let i = 0; i < data.length; i++) {
    if (data[i] === 0) {
      out.push(decodeString(data.subarray(start, i)));
      start = i + 1;
    }
  }
  return out;
}

/** A parsed header: typed accessors that return `undefined` for absent tags and throw on wrong types. */
export class RpmHeader {
  readonly #entries: ReadonlyMap<number, HeaderEntry>;

  constructor(entries: ReadonlyMap<number, HeaderEntry>) {
    this.#entries = entries;
  }

  has(tag: number): boolean {
    return this.#entries.has(tag);
  }

  entry(tag: number): HeaderEntry | undefined {
    return this.#entries.get(tag);
  }

  get tags(): number[] {
    return [...this.#entries.keys()];
  }

  /** A STRING tag, or the first (untranslated) string of an I18NSTRING or STRING_ARRAY tag. */
  string(tag: number): string | undefined {
    const e = this.#entries.get(tag);
    if (e === undefined) return undefined;
    if (!isStringType(e.type)) throw wrongType(e, 'a string');
    return splitStrings(e.data)[0];
  }

  strings(tag: number): string[] | undefined {
    const e = this.#entries.get(tag);
    if (e === undefined) return undefined;
    if (!isStringType(e.type)) throw wrongType(e, 'a string array');
    return splitStrings(e.data);
  }

  /** Values of an integer tag (INT8/16/32 unsigned, INT64 as a double: exact below 2^53). */
  integers(tag: number): number[] | undefined {
    const e = this.#entries.get(tag);
    if (e === undefined) return undefined;
    const out: number[] = [];
    for (let i = 0; i < e.count; i++) {
      switch (e.type) {
        case RpmType.CHAR:
        case RpmType.INT8:
          out.push(e.data.readUInt8(i));
          break;
        case RpmType.INT16:
          out.push(e.data.readUInt16BE(i * 2));
          break;
        case RpmType.INT32:
          out.push(e.data.readUInt32BE(i * 4));
          break;
        case RpmType.INT64:
          out.push(Number(e.data.readBigUInt64BE(i * 8)));
          break;
        default:
          throw wrongType(e, 'an integer');
      }
    }
    return out;
  }

  integer(tag: number): number | undefined {
    return this.integers(tag)?.[0];
  }

  bytes(tag: number): Buffer | undefined {
    const e = this.#entries.get(tag);
    if (e === undefined) return undefined;
    if (e.type !== RpmType.BIN && e.type !== RpmType.CHAR && e.type !== RpmType.INT8) throw wrongType(e, 'binary');
    return e.data;
  }
}

function wrongType(e: HeaderEntry, wanted: string): AppError {
  return new AppError('INPUT', `rpm header tag ${e.tag} has type ${e.type}, not ${wanted}`);
}

function bad(what: string, problem: string): AppError {
  return new AppError('INPUT', `${what}: ${problem}`);
}

function readEntries(blob: Buffer, il: number): RawEntry[] {
  const entries: RawEntry[] = [];
  for (let i = 0; i < il; i++) {
    const at = 8 + i * ENTRY_SIZE;
    entries.push({
      tag: blob.readInt32BE(at),
      type: blob.readUInt32BE(at + 4),
      offset: blob.readInt32BE(at + 8),
      count: blob.readUInt32BE(at + 12),
    });
  }
  return entries;
}

/**
 * Length in bytes of an entry's values starting at `offset` in `data`, or a reason it is invalid.
 * Every bound is checked against the data store, so hostile counts never allocate or overrun.
 */
function entryLength(data: Buffer, e: RawEntry): number | string {
  if (e.offset < 0 || e.offset >= data.length) return `offset ${e.offset} outside the ${data.length}-byte data store`;
  if (e.count === 0) return 'count is 0';
  if (isStringType(e.type)) {
    if (e.type === RpmType.STRING && e.count !== 1) return `STRING with count ${e.count}`;
    if (e.count > data.length - e.offset) return `count ${e.count} exceeds the data store`;
    let pos = e.offset;
    for (let n = 0; n < e.count; n++) {
      const nul = data.indexOf(0, pos);
      if (nul < 0) return `string ${n + 1} of ${e.count} is not NUL-terminated inside the data store`;
      pos = nul + 1;
    }
    return pos - e.offset;
  }
  const size = fixedTypeSize(e.type);
  if (size === 0) return `unknown or empty type ${e.type}`;
  if (e.offset % size !== 0) return `offset ${e.offset} is not aligned for type ${e.type}`;
  const length = size * e.count;
  if (length > data.length - e.offset) return `${e.count} values of ${size} bytes overrun the data store`;
  return length;
}

/**
 * Validate the region entry, if the header has one: its trailer must lie in the data store, carry
 * the region tag and cover between 1 and `il` index entries.
 */
function checkRegion(entries: RawEntry[], data: Buffer, what: string): void {
  const first = entries[0];
  if (first === undefined || !REGION_TAGS.has(first.tag)) return;
  if (first.type !== RpmType.BIN || first.count !== ENTRY_SIZE) {
    throw bad(what, `region tag ${first.tag} has type ${first.type} and count ${first.count}, not BIN × 16`);
  }
  if (first.offset < 0 || first.offset + ENTRY_SIZE > data.length) {
    throw bad(what, `region trailer offset ${first.offset} lies outside the ${data.length}-byte data store`);
  }
  const trailerTag = data.readInt32BE(first.offset);
  const trailerOffset = data.readInt32BE(first.offset + 8);
  if (trailerTag !== first.tag && !(first.tag === RpmTag.HEADERSIGNATURES && trailerTag === RpmTag.HEADERIMAGE)) {
    throw bad(what, `region trailer tag ${trailerTag} does not match region tag ${first.tag}`);
  }
  const ril = -trailerOffset / ENTRY_SIZE;
  if (!Number.isInteger(ril) || ril < 1 || ril > entries.length) {
    throw bad(what, `region trailer claims ${ril} index entries, header has ${entries.length}`);
  }
}

/**
 * Parse a header blob. Throws AppError('INPUT') naming `what` and the first structural problem;
 * returns a header whose every entry lies inside the blob.
 */
export function parseHeaderBlob(blob: Buffer, what = 'rpm header'): RpmHeader {
  if (blob.length < 8) throw bad(what, `header blob is ${blob.length} bytes, shorter than its 8-byte preamble`);
  const il = blob.readUInt32BE(0);
  const dl = blob.readUInt32BE(4);
  if (il < 1 || il > MAX_INDEX_ENTRIES) throw bad(what, `header claims ${il} index entries (allowed 1..${MAX_INDEX_ENTRIES})`);
  if (dl > MAX_DATA_LENGTH) throw bad(what, `header claims ${dl} bytes of data (limit ${MAX_DATA_LENGTH})`);
  const dataStart = 8 + il * ENTRY_SIZE;
  if (dataStart + dl !== blob.length) {
    throw bad(what, `header claims ${il} entries and ${dl} data bytes (${dataStart + dl} bytes) but the blob is ${blob.length} bytes`);
  }
  const data = blob.subarray(dataStart, dataStart + dl);
  const raw = readEntries(blob, il);
  checkRegion(raw, data, what);
  const entries = new Map<number, HeaderEntry>();
  for (let i = 0; i < raw.length; i++) {
    const e = raw[i];
    if (e === undefined || REGION_TAGS.has(e.tag)) continue; // region markers carry no package data
    const length = entryLength(data, e);
    if (typeof length === 'string') throw bad(what, `index entry ${i} (tag ${e.tag}): ${length}`);
    // Later entries win: install-time dribble entries replace region entries with the same tag.
    entries.set(e.tag, { tag: e.tag, type: e.type, count: e.count, data: data.subarray(e.offset, e.offset + length) });
  }
  return new RpmHeader(entries);
}
