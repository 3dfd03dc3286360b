/**
 * Is this content binary (skip it) rather than text (scan it)? Sniffs the first 8 KiB like git and
 * grep do, plus a few signatures of compressed or binary formats whose first bytes may lack a NUL.
 */
const SNIFF_BYTES = 8192;

/** Magic numbers of formats that are never worth scanning as text. */
const SIGNATURES: ReadonlyArray<readonly number[]> = [
  [0x1f, 0x8b], // gzip
  [0x28, 0xb5, 0x2f, 0xfd], // zstd
  [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], // xz
  [0x42, 0x5a, 0x68], // bzip2 "BZh"
  [0x50, 0x4b, 0x03, 0x04], // zip, jar, wheel
  [0x7f, 0x45, 0x4c, 0x46], // ELF
  [0x89, 0x50, 0x4e, 0x47], // PNG
  [0xff, 0xd8, 0xff], // JPEG
  [0x25, 0x50, 0x44, 0x46, 0x2d], // %PDF-
  [0xca, 0xfe, 0xba, 0xbe], // Java class / Mach-O fat
];

/** Control chars and non-ASCII bytes are counted in this much of the start (NULs in SNIFF_BYTES). */
const COUNT_BYTES = 2048;

export function isProbablyBinary(buf: Uint8Array): boolean {
  if (buf.subarray(0, SNIFF_BYTES).indexOf(0) >= 0) return true;
  if (SIGNATURES.some((sig) => sig.length <= buf.length && sig.every((b, i) => buf[i] === b))) return true;
  const n = Math.min(buf.length, COUNT_BYTES);
  let control = 0;
  let invalidUtf8 = 0;
  for (let i = 0; i < n; i++) {
    const b = buf[i] as number;
    if (b < 0x20) {
      // tab, LF, VT, FF, CR, backspace and ESC (ANSI colours) are text
      if (b !== 9 && b !== 10 && b !== 11 && b !== 12 && b !== 13 && b !== 8 && b !== 27) control++;
    } else if (b >= 0x80) {
      const len = b >= 0xf0 && b < 0xf5 ? 4 : b >= 0xe0 ? 3 : b >= 0xc2 && b < 0xe0 ? 2 : 0;
      let ok = len > 0 && i + len <= buf.length;
      for (let k = 1; ok && k < len; k++) ok = ((buf[i + k] as number) & 0xc0) === 0x80;
      if (ok) i += len - 1;
      else invalidUtf8++;
    }
  }
  // More than 10% control bytes, or 30% bytes that are not UTF-8 (latin1 text has a few of those).
  return control * 10 > n || invalidUtf8 * 10 > n * 3;
}
