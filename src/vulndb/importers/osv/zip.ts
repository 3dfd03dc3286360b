import { crc32, inflateRawSync } from 'node:zlib';
import type { Entry, ZipFile } from 'yauzl';
import { AppError, errorMessage } from '../../../core/errors.js';
import { openZipFile, type WindowedFile } from './zip-file.js';

/**
 * Streaming reader for OSV's per-ecosystem `all.zip`: yauzl reads the central directory, entries are
 * read one at a time from the file on disk (never the whole archive in memory), each under a size cap. Nothing is extracted, so entry names
 * are only labels. A hostile archive (too many entries, too much data in total) aborts the import with
 * AppError LIMIT; a single oversized, encrypted or absurdly compressed entry is skipped with a warning.
 */
export interface ZipLimits {
  /** More entries than this (as the central directory declares) → the archive is refused. */
  maxEntries: number;
  /** A bigger entry is skipped (the largest real OSV records — kernel CVEs — are a few MB). */
  maxEntryBytes: number;
  /** The sum of entry sizes read; beyond it the archive is refused. */
  maxTotalBytes: number;
  /** An entry over `ratioFloorBytes` expanding more than this many times is skipped as a bomb. */
  maxRatio: number;
  ratioFloorBytes: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxEntries: 2_000_000,
  maxEntryBytes: 64 * 1024 * 1024,
  maxTotalBytes: 32 * 1024 * 1024 * 1024,
  maxRatio: 200,
  ratioFloorBytes: 1024 * 1024,
};

export interface ZipVisitor {
  /** A file entry to import (called in archive order, one at a time). */
  entry(name: string, data: Uint8Array): Promise<void>;
  /** An entry that was not read, and why. */
  skip(name: string, reason: string): void;
}

function nextEntry(zip: ZipFile): Promise<Entry | undefined> {
  return new Promise((resolve, reject) => {
    const done = (): void => {
      zip.removeListener('entry', onEntry);
      zip.removeListener('end', onEnd);
      zip.removeListener('error', onError);
    };
    const onEntry = (e: Entry): void => (done(), resolve(e));
    const onEnd = (): void => (done(), resolve(undefined));
    const onError = (err: Error): void => (done(), reject(err));
    zip.on('entry', onEntry);
    zip.on('end', onEnd);
    zip.on('error', onError);
    zip.readEntry();
  });
}

const LOCAL_HEADER_SIGNATURE = 0x04034b50;

/**
 * An entry's bytes, checked like yauzl checks them: local header signature, data inside the file,
 * exactly the declared size (deflate output capped there), and the CRC-32 of the central directory.
 */
function readEntryData(file: WindowedFile, entry: Entry): Uint8Array {
  const header = file.read(30, entry.relativeOffsetOfLocalHeader);
  if (header.readUInt32LE(0) !== LOCAL_HEADER_SIGNATURE) throw new Error(`invalid local file header signature for ${entry.fileName}`);
  const dataStart = entry.relativeOffsetOfLocalHeader + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
  const raw = file.read(entry.compressedSize, dataStart);
  let data: Buffer;
  if (entry.compressionMethod === 0) data = Buffer.from(raw);
  else {
    try {
      data = inflateRawSync(raw, { maxOutputLength: Math.max(1, entry.uncompressedSize) });
    } catch (err) {
      throw new Error(`${entry.fileName}: ${errorMessage(err)} (declared size ${entry.uncompressedSize})`);
    }
  }
  if (data.length !== entry.uncompressedSize) throw new Error(`${entry.fileName}: ${data.length} bytes, the directory says ${entry.uncompressedSize}`);
  if ((crc32(data) >>> 0) !== entry.crc32 >>> 0) throw new Error(`${entry.fileName}: CRC-32 mismatch`);
  return data;
}

/** Why an entry is not read, or undefined to read it. */
function refusal(entry: Entry, limits: ZipLimits): string | undefined {
  if (entry.isEncrypted()) return 'encrypted entry';
  if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) return `unsupported compression method ${entry.compressionMethod}`;
  if (entry.uncompressedSize > limits.maxEntryBytes) return `entry is ${entry.uncompressedSize} bytes, over the ${limits.maxEntryBytes}-byte limit`;
  const ratio = entry.uncompressedSize / Math.max(1, entry.compressedSize);
  if (entry.uncompressedSize > limits.ratioFloorBytes && ratio > limits.maxRatio) {
    return `entry expands ${Math.round(ratio)}× (${entry.compressedSize} → ${entry.uncompressedSize} bytes), over the ${limits.maxRatio}× limit`;
  }
  return undefined;
}

/** A zip-library failure (corrupt data, sizes that lie, truncated archive) as an INPUT error naming the archive. */
async function zipStep<T>(label: string, step: Promise<T>): Promise<T> {
  try {
    return await step;
  } catch (err) {
    throw new AppError('INPUT', `${label}: broken zip archive: ${errorMessage(err)}`, { cause: err });
  }
}

/** Visit every `.json` file entry of the zip at `path`; `label` names the archive in errors. */
export async function visitZip(path: string, label: string, limits: ZipLimits, visitor: ZipVisitor): Promise<void> {
  const { zip, file } = await zipStep(label, openZipFile(path));
  try {
    if (zip.entryCount > limits.maxEntries) {
      throw new AppError('LIMIT', `${label} declares ${zip.entryCount} entries, over the ${limits.maxEntries}-entry limit`);
    }
    let total = 0;
    for (let entry = await zipStep(label, nextEntry(zip)); entry; entry = await zipStep(label, nextEntry(zip))) {
      const name = entry.fileName;
      if (name.endsWith('/')) continue;
      if (!name.toLowerCase().endsWith('.json')) {
        visitor.skip(name, 'not a .json entry');
        continue;
      }
      const why = refusal(entry, limits);
      if (why !== undefined) {
        visitor.skip(name, why);
        continue;
      }
      total += entry.uncompressedSize;
      if (total > limits.maxTotalBytes) throw new AppError('LIMIT', `${label} expands beyond the ${limits.maxTotalBytes}-byte limit`);
      const current = entry;
      await visitor.entry(name, await zipStep(label, Promise.resolve().then(() => readEntryData(file, current))));
    }
  } finally {
    zip.close();
    file.close();
  }
}
