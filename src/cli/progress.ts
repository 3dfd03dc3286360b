import type { ProgressSink } from '../inventory/progress.js';
import type { CliIo } from './io.js';

function mb(n: number): string {
  return `${(n / 1e6).toFixed(1)} MB`;
}

/** Layer progress on one self-rewriting stderr line; silent when stderr is not a terminal. */
export function progressFor(io: CliIo, quiet: boolean): ProgressSink & { finish(): void } {
  if (quiet || !io.stderr.isTTY) {
    return { layerStart: () => undefined, bytes: () => undefined, layerDone: () => undefined, finish: () => undefined };
  }
  let total = 0;
  let done = 0;
  let bytes = 0;
  let last = 0;
  const render = (force: boolean): void => {
    const now = Date.now();
    if (!force && now - last < 100) return;
    last = now;
    io.stderr.write(`\r\x1b[Kreading layers: ${done}/${total} done, ${mb(bytes)} uncompressed`);
  };
  return {
    layerStart: (_i, n) => {
      total = n;
      render(false);
    },
    bytes: (n) => {
      bytes += n;
      render(false);
    },
    layerDone: () => {
      done++;
      render(true);
    },
    finish: () => {
      if (total) io.stderr.write('\r\x1b[K');
    },
  };
}
