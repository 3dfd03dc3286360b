/**
 * A reader for Go's txtar archive format (golang.org/x/tools/txtar): an optional comment, then
 * files, each introduced by a line `-- name --` and running up to the next such line.
 */
export interface Txtar {
  comment: string;
  files: Map<string, string>;
}

const MARKER = /^-- (.+?) --$/;

export function parseTxtar(text: string): Txtar {
  const lines = text.split('\n');
  const files = new Map<string, string>();
  const comment: string[] = [];
  let name: string | undefined;
  let body: string[] = [];
  const flush = (): void => {
    if (name !== undefined) files.set(name, body.join('\n'));
  };
  for (const line of lines) {
    const m = MARKER.exec(line);
    if (m) {
      flush();
      name = m[1];
      body = [];
    } else if (name === undefined) {
      comment.push(line);
    } else {
      body.push(line);
    }
  }
  flush();
  return { comment: comment.join('\n'), files };
}
