import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface TarSpecEntry {
  name: string;
  type?: 'file' | 'dir' | 'symlink' | 'hardlink' | 'fifo';
  data?: string;
  /** Binary content (sent to Python as base64). */
  bytes?: Buffer;
  zeros?: number;
  linkname?: string;
  mode?: number;
  uid?: number;
  gid?: number;
  pax?: Record<string, string>;
}

const SCRIPT = fileURLToPath(new URL('./make-tar.py', import.meta.url));
/** Debian's python3 (the pyenv one on PATH would also do; this one is always there on CI). */
export const PYTHON = '/usr/bin/python3';

/** Build a tar with Python's tarfile (independent of drydock's reader) and return its bytes. */
export function makeTar(entries: TarSpecEntry[], format: 'gnu' | 'pax' | 'ustar' = 'pax'): Buffer {
  const dir = mkdtempSync(join(tmpdir(), 'drydock-tar-'));
  try {
    const out = join(dir, 'out.tar');
    execFileSync(PYTHON, [SCRIPT, out], { input: JSON.stringify({ format, entries: entries.map(toSpec) }), maxBuffer: 1 << 30 });
    return readFileSync(out);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function toSpec(e: TarSpecEntry): Record<string, unknown> {
  const { bytes, ...rest } = e;
  return bytes === undefined ? rest : { ...rest, data_b64: bytes.toString('base64') };
}

/** Compress with the real command-line tools (gzip -n / zstd), not with drydock's code. */
export function compress(data: Buffer, tool: 'gzip' | 'zstd'): Buffer {
  const args = tool === 'gzip' ? ['-c', '-n'] : ['-q', '-c'];
  return execFileSync(tool, args, { input: data, maxBuffer: 1 << 30 });
}

/** Stream a tar of the given entries straight into a compressor (for archives too big to hold). */
export function makeCompressedTar(entries: TarSpecEntry[], tool: 'gzip' | 'zstd'): Buffer {
  const compressor = tool === 'gzip' ? 'gzip -c -1 -n' : 'zstd -q -c -1';
  return execFileSync('sh', ['-c', `${PYTHON} ${SCRIPT} - | ${compressor}`], {
    input: JSON.stringify({ format: 'pax', entries: entries.map(toSpec) }),
    maxBuffer: 1 << 30,
  });
}
