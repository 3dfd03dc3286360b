/**
 * The fix "append ` && <command>` to the RUN": offered only when the RUN's last script ends with a
 * plain top-level command (no trailing comment, `;`, `&`, `fi`/`done`, ...), so the appended command
 * runs after everything else and the text before it is untouched. For a RUN with heredocs, only when
 * the last script is the last heredoc's body (appended to its last line).
 */
import type { RunInstruction } from '../../dockerfile/ast.js';
import type { RuleContext, TextEdit } from '../../rule.js';
import { sourceOf } from '../../shell/parse.js';

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

export function appendCommandFix(ctx: RuleContext, run: RunInstruction, command: string): TextEdit[] | undefined {
  const scripts = ctx.shellOf(run);
  const script = scripts[scripts.length - 1];
  const src = script === undefined ? undefined : sourceOf(script);
  if (script === undefined || src === undefined || script.errors.length > 0) return undefined;
  let k = src.text.length;
  while (k > 0 && isSpace(src.text.charCodeAt(k - 1))) k--;
  if (k === 0) return undefined;
  const at = src.toFile(k - 1).offset + 1;
  const lastHeredoc = run.heredocs[run.heredocs.length - 1];
  if (lastHeredoc !== undefined && !(at > lastHeredoc.bodySpan.start.offset && at <= lastHeredoc.bodySpan.end.offset)) return undefined;
  const endsWithCommand = script.commands.some((c) => !c.nested && c.span.end.offset === at);
  return endsWithCommand ? [{ offset: at, length: 0, text: ` && ${command}` }] : undefined;
}
