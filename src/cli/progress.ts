import type { ProgressSink } from '../inventory/progress.js';
import type { CliIo } from './io.js';

function mb(n: number): string {
  return `${(n / 1e6).toFixed(1)} MB`;
}

/** Items started/done and bytes moved, shown on one self-rewriting stderr line (at most every 100 ms). */
export interface CountingLine {
  start(total?: number): void;
  bytes(n: number): void;
  done(): void;
  finish(): void;
}

/** A counting progress line: `<label>: done/total done, X MB <unit>`; silent when stderr is not a terminal. */
export function countingLine(io: CliIo, quiet: boolean, label: string, unit: string): CountingLine {
  if (quiet || !io.stderr.isTTY) return { start: () => undefined, bytes: () => undefined, done: () => undefined, finish: () => undefined };
  let total = 0;
  let done = 0;
  let bytes = 0;
  let last = 0;
  const render = (force: boolean): void => {
    const now = Date.now();
    if (!force && now - last < 100) return;
    last = now;
    io.stderr.write(`\r\x1b[K${label}: ${done}/${total} done, ${mb(bytes)} ${unit}`);
  };
  return {
    start: (n) => {
      total = n ?? total + 1;
      render(false);
    },
    bytes: (n) => {
      bytes += n;
      render(false);
    },
    done: () => {
      done++;
      render(true);
    },
    finish: () => {
      if (total) io.stderr.write('\r\x1b[K');
      total = 0;
    },
  };
}

/** Layer progress on one self-rewriting stderr line; silent when stderr is not a terminal. */
export function progressFor(io: CliIo, quiet: boolean): ProgressSink & { finish(): void } {
  const line = countingLine(io, quiet, 'reading layers', 'uncompressed');
  return { layerStart: (_i, n) => line.start(n), bytes: (n) => line.bytes(n), layerDone: () => line.done(), finish: () => line.finish() };
}
