/**
 * ShellCheck's `--format=json1` output, read with a schema, and its positions mapped back to the
 * script: lines count from the temporary file's first line (shebang and declarations come first),
 * columns count Unicode code points from 1 with a tab as one column (json1, unlike json, does not
 * expand tabs).
 */
import * as z from 'zod/mini';
import { AppError } from '../core/errors.js';
import type { ShellSource, Span } from './dockerfile/ast.js';

export interface ShellcheckFinding {
  /** `SC2086` */
  readonly code: string;
  readonly level: 'error' | 'warning' | 'info' | 'style';
  readonly message: string;
  readonly span: Span;
}

const commentSchema = z.object({
  file: z.string(),
  line: z.number(),
  endLine: z.number(),
  column: z.number(),
  endColumn: z.number(),
  level: z.enum(['error', 'warning', 'info', 'style']),
  code: z.number(),
  message: z.string(),
});
const outputSchema = z.object({ comments: z.array(z.looseObject(commentSchema.shape)) });

export type ShellcheckComment = z.infer<typeof commentSchema>;

export function parseShellcheckJson(stdout: string): ShellcheckComment[] {
  let json: unknown;
  try {
    json = JSON.parse(stdout);
  } catch {
    throw new AppError('INTERNAL', `shellcheck printed output that is not JSON: ${stdout.slice(0, 200)}`);
  }
  const parsed = outputSchema.safeParse(json);
  if (!parsed.success) throw new AppError('INTERNAL', `unexpected shellcheck JSON: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data.comments;
}

/** The finding for a comment, or undefined when it points into the prelude lines. */
export function toFinding(comment: ShellcheckComment, script: ShellSource, prelude: number): ShellcheckFinding | undefined {
  if (comment.endLine <= prelude) return undefined;
  const starts = lineStarts(script.text);
  const start = indexAt(script.text, starts, comment.line - prelude, comment.column);
  const end = Math.max(start, indexAt(script.text, starts, comment.endLine - prelude, comment.endColumn));
  return {
    code: `SC${comment.code}`,
    level: comment.level,
    message: comment.message,
    span: { start: script.toFile(start), end: script.toFile(end) },
  };
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** UTF-16 index of (1-based line of the script, 1-based code-point column), clamped to the text. */
function indexAt(text: string, starts: readonly number[], line: number, column: number): number {
  if (line < 1) return 0;
  let i = starts[line - 1];
  if (i === undefined) return text.length;
  const lineEnd = starts[line] === undefined ? text.length : (starts[line] as number) - 1;
  for (let col = 1; col < column && i < lineEnd; col++) {
    const code = text.charCodeAt(i);
    const pair = code >= 0xd800 && code <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
    i += pair ? 2 : 1;
  }
  return i;
}
