import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/io.js';
import { countingLine, progressFor } from '../../src/cli/progress.js';

function io(tty: boolean): { io: CliIo; err: () => string } {
  let err = '';
  return {
    io: { stdout: { write: () => true }, stderr: { write: (s: string) => (err += s), isTTY: tty }, env: {}, cwd: '/', readStdin: async () => '' },
    err: () => err,
  };
}

describe('progress lines', () => {
  it('count items and megabytes on one rewritten line, and clear it at the end', () => {
    const t = io(true);
    const line = countingLine(t.io, false, 'copying blobs', 'sent');
    line.start();
    line.start();
    line.bytes(1_500_000);
    line.done();
    line.finish();
    expect(t.err()).toContain('\r\x1b[Kcopying blobs: 1/2 done, 1.5 MB sent');
    expect(t.err().endsWith('\r\x1b[K')).toBe(true);
  });

  it('layer progress takes the layer count up front', () => {
    const t = io(true);
    const p = progressFor(t.io, false);
    p.layerStart(0, 3, undefined);
    p.layerDone(0, false);
    p.finish();
    expect(t.err()).toContain('reading layers: 1/3 done, 0.0 MB uncompressed');
  });

  it('say nothing when stderr is not a terminal, or with --quiet', () => {
    for (const [tty, quiet] of [[false, false], [true, true]] as const) {
      const t = io(tty);
      const line = countingLine(t.io, quiet, 'x', 'y');
      line.start(1);
      line.done();
      line.finish();
      expect(t.err()).toBe('');
    }
  });
});
