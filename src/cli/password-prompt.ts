import { AppError } from '../core/errors.js';
import type { CliIo } from './io.js';

/** Asks the user for a secret. The terminal one is the default; tests pass their own. */
export interface PasswordPrompt {
  /** Is there someone to ask? (stdin and stderr are both terminals) */
  available(): boolean;
  /** Ask `question`, read one line without echo. */
  ask(question: string): Promise<string>;
}

const ENTER = new Set(['\r', '\n', '\u0004']);
const BACKSPACE = new Set(['\u007f', '\b']);
const INTERRUPT = '\u0003';

/** Read one line from the terminal in raw mode, echoing nothing; Ctrl-C cancels. */
function readHidden(io: CliIo, question: string): Promise<string> {
  const stdin = process.stdin;
  io.stderr.write(question);
  stdin.setRawMode(true);
  stdin.setEncoding('utf8');
  stdin.resume();
  return new Promise((resolve, reject) => {
    let chars: string[] = [];
    const finish = (): void => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      io.stderr.write('\n');
    };
    const onData = (chunk: string): void => {
      for (const ch of chunk) {
        if (ch === INTERRUPT) {
          chars = [];
          finish();
          reject(new AppError('USAGE', 'password prompt cancelled'));
          return;
        }
        if (ENTER.has(ch)) {
          finish();
          resolve(chars.join(''));
          chars = [];
          return;
        }
        if (BACKSPACE.has(ch)) chars.pop();
        else if (ch >= ' ') chars.push(ch);
      }
    };
    stdin.on('data', onData);
  });
}

/** The real terminal: asks only when both stdin and stderr are TTYs (never in pipelines or CI). */
export function terminalPrompt(io: CliIo): PasswordPrompt {
  return {
    available: () => Boolean(io.stderr.isTTY) && Boolean(process.stdin.isTTY),
    ask: (question) => readHidden(io, question),
  };
}
