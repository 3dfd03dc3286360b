/**
 * rpm header tag numbers and data types drydock reads (the values are rpm's on-disk format,
 * see rpmtag.h in rpm). Only the tags a package record needs are listed.
 */
export const RpmTag = {
  /** Region tags: the first index entry of a header blob may mark an immutable region. */
  HEADERIMAGE: 61,
  HEADERSIGNATURES: 62,
  HEADERIMMUTABLE: 63,
  HEADERI18NTABLE: 100,
  SIGMD5: 261,
  NAME: 1000,
  VERSION: 1001,
  RELEASE: 1002,
  EPOCH: 1003,
  SUMMARY: 1004,
  SIZE: 1009,
  VENDOR: 1011,
  LICENSE: 1014,
  ARCH: 1022,
  /** Absolute file paths, in headers written before rpm compressed file names (rpm < 4). */
  OLDFILENAMES: 1027,
  SOURCERPM: 1044,
  DIRINDEXES: 1116,
  BASENAMES: 1117,
  DIRNAMES: 1118,
  LONGSIZE: 5009,
  MODULARITYLABEL: 5096,
} as const;

/** rpm tag data types (rpmTagType). */
export const RpmType = {
  NULL: 0,
  CHAR: 1,
  INT8: 2,
  INT16: 3,
  INT32: 4,
  INT64: 5,
  STRING: 6,
  BIN: 7,
  STRING_ARRAY: 8,
  I18NSTRING: 9,
} as const;

/** Size in bytes of one element of a fixed-size type (0 for the string types, which are NUL-terminated). */
export function fixedTypeSize(type: number): number {
  switch (type) {
    case RpmType.NULL:
      return 0;
    case RpmType.CHAR:
    case RpmType.INT8:
    case RpmType.BIN:
      return 1;
    case RpmType.INT16:
      return 2;
    case RpmType.INT32:
      return 4;
    case RpmType.INT64:
      return 8;
    default:
      return 0;
  }
}

export function isStringType(type: number): boolean {
  return type === RpmType.STRING || type === RpmType.STRING_ARRAY || type === RpmType.I18NSTRING;
}
