import { RpmTag, RpmType, fixedTypeSize } from '../../../../src/inventory/parsers/rpm/tags.js';

/**
 * Builds rpm header blobs from entries, laid out as rpm's headerExport does (region entry first,
 * data aligned per type, region trailer after the region's data, dribble entries after that), so
 * tests can state exactly which bytes are wrong in a hostile header.
 */
export interface BlobEntry {
  tag: number;
  type: number;
  count?: number;
  data: Buffer;
}

export const str = (tag: number, value: string): BlobEntry => ({ tag, type: RpmType.STRING, data: Buffer.from(`${value}\0`) });

export const strArray = (tag: number, values: string[]): BlobEntry => ({
  tag,
  type: RpmType.STRING_ARRAY,
  count: values.length,
  data: Buffer.from(values.map((v) => `${v}\0`).join('')),
});

export const int32 = (tag: number, values: number[]): BlobEntry => {
  const data = Buffer.alloc(values.length * 4);
  values.forEach((v, i) => data.writeUInt32BE(v, i * 4));
  return { tag, type: RpmType.INT32, count: values.length, data };
};

interface Placed {
  tag: number;
  type: number;
  offset: number;
  count: number;
}

function place(entries: BlobEntry[], data: Buffer[], size: { n: number }): Placed[] {
  return entries.map((e) => {
    const align = Math.max(1, fixedTypeSize(e.type));
    const pad = (align - (size.n % align)) % align;
    if (pad > 0) data.push(Buffer.alloc(pad));
    const offset = size.n + pad;
    data.push(e.data);
    size.n = offset + e.data.length;
    return { tag: e.tag, type: e.type, offset, count: e.count ?? 1 };
  });
}

export function buildBlob(entries: BlobEntry[], options: { region?: boolean; dribble?: BlobEntry[] } = {}): Buffer {
  const region = options.region ?? true;
  const data: Buffer[] = [];
  const size = { n: 0 };
  const placed = place(entries, data, size);
  const index: Placed[] = [];
  if (region) {
    const trailer = Buffer.alloc(16);
    trailer.writeInt32BE(RpmTag.HEADERIMMUTABLE, 0);
    trailer.writeUInt32BE(RpmType.BIN, 4);
    trailer.writeInt32BE(-(entries.length + 1) * 16, 8);
    trailer.writeUInt32BE(16, 12);
    index.push({ tag: RpmTag.HEADERIMMUTABLE, type: RpmType.BIN, offset: size.n, count: 16 });
    data.push(trailer);
    size.n += 16;
  }
  index.push(...placed, ...place(options.dribble ?? [], data, size));
  const head = Buffer.alloc(8 + index.length * 16);
  head.writeUInt32BE(index.length, 0);
  head.writeUInt32BE(size.n, 4);
  index.forEach((e, i) => {
    head.writeInt32BE(e.tag, 8 + i * 16);
    head.writeUInt32BE(e.type, 12 + i * 16);
    head.writeInt32BE(e.offset, 16 + i * 16);
    head.writeUInt32BE(e.count, 20 + i * 16);
  });
  return Buffer.concat([head, ...data]);
}

/** Byte offset of index entry `i`'s field (0 tag, 4 type, 8 offset, 12 count). */
export const indexField = (i: number, field: 0 | 4 | 8 | 12): number => 8 + i * 16 + field;
