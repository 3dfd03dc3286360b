import type { Readable } from 'node:stream';
import type { LayerInfo, SourceInfo } from '../core/inventory.js';
import type { ImageConfig } from './config.js';

/** One layer of an opened image: its description plus a way to stream its stored bytes. */
export interface LayerBlob extends LayerInfo {
  diffId: string;
  /**
   * Stream the layer as stored (tar, or tar compressed with gzip/zstd — the reader sniffs which).
   * Sources verify the stored blob's digest/size while streaming where they know it; the reader
   * verifies the diffID of the uncompressed tar.
   */
  open(): Promise<Readable>;
}

/** An image whose manifest and config have been read; layers are fetched only when opened. */
export interface OpenedImage {
  kind: 'image';
  info: SourceInfo;
  config: ImageConfig;
  layers: LayerBlob[];
  close(): Promise<void>;
}

/** A root filesystem directory (`dir:`): one pseudo-layer read straight from disk. */
export interface OpenedRootfs {
  kind: 'rootfs';
  info: SourceInfo;
  root: string;
  close(): Promise<void>;
}

export type OpenedTarget = OpenedImage | OpenedRootfs;
