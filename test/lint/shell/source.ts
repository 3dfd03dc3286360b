/**
 * ShellSource builders for the shell tests (the Dockerfile parser is not used here): the shell text of
 * an instruction written in a file, with line continuations removed the way BuildKit joins them.
 */
import type { Pos, ShellSource } from '../../../src/lint/dockerfile/ast.js';

function positions(file: string): (offset: number) => Pos {
  const starts = [0];
  for (let i = file.indexOf('\n'); i >= 0; i = file.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset) => {
    let line = 0;
    while (line + 1 < starts.length && (starts[line + 1] as number) <= offset) line++;
    return { line: line + 1, column: offset - (starts[line] as number) + 1, offset };
  };
}

/**
 * The shell text that starts at `from` in `file` (to the end of the file, or `to`), with `escape` +
 * newline removed; `toFile` maps each text index back to its file position.
 */
export function fileSource(file: string, from: number, to = file.length, escape = '\\'): ShellSource {
  const pos = positions(file);
  const map: number[] = [];
  let text = '';
  for (let i = from; i < to; ) {
    if (file[i] === escape && file[i + 1] === '\n') {
      i += 2;
      continue;
    }
    text += file[i];
    map.push(i);
    i++;
  }
  map.push(to);
  return {
    text,
    toFile: (index) => {
      if (!Number.isInteger(index) || index < 0 || index > text.length) throw new Error(`toFile(${index}) outside 0..${text.length}`);
      return pos(map[index] as number);
    },
  };
}

/** The shell text of the first `RUN ` in `file` (through the end of its continuation lines). */
export function runSource(file: string): ShellSource {
  const from = file.indexOf('RUN ') + 4;
  let to = from;
  while (to < file.length && !(file[to] === '\n' && file[to - 1] !== '\\')) to++;
  return fileSource(file, from, to);
}

/** A script that is the whole "file". */
export function plainSource(text: string): ShellSource {
  return fileSource(text, 0, text.length, '\u0000');
}
