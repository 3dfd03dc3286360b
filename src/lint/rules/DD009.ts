/**
 * DD009: `COPY . .` / `ADD . /app` sends the whole build context into the image, and there is no
 * `.dockerignore` (the CLI passes the file beside the Dockerfile as settings.dockerignore), or the one
 * there leaves key material and credentials in: `.git`, `.env*`, `*.pem`, `*.key`, SSH keys,
 * `credentials.json`, `.npmrc`, cloud and registry credentials, Terraform state. Matching uses BuildKit's
 * exact .dockerignore semantics (src/lint/dockerignore.ts); `COPY --exclude=` patterns count too. An
 * invalid .dockerignore fails the build by itself and is not reported here.
 */
import { isAppError } from '../../core/errors.js';
import type { CopyInstruction } from '../dockerfile/ast.js';
import { isCopy, withOnbuild } from '../dockerfile/guards.js';
import { parseDockerignore, sensitiveLeaks } from '../dockerignore.js';
import type { LintRule, RuleContext, Violation } from '../rule.js';

const CODE = 'DD009';
const WHOLE_CONTEXT: ReadonlySet<string> = new Set(['.', './', '/', './.']);

/** The leaks per ignore text (the same .dockerignore is linted with every file of a run). */
const MEMO = new Map<string, readonly string[] | null>();
const MEMO_LIMIT = 256;

/** Sample sensitive paths the ignore rules leave in; null for an invalid .dockerignore. */
function leaksOf(ignoreText: string | undefined, excludes: readonly string[]): readonly string[] | null {
  if (ignoreText === undefined && excludes.length === 0) return sensitiveLeaks(undefined);
  const text = [ignoreText ?? '', ...excludes].join('\n');
  let leaks = MEMO.get(text);
  if (leaks === undefined) {
    try {
      leaks = sensitiveLeaks(parseDockerignore(text, '.dockerignore'));
    } catch (err) {
      if (!isAppError(err)) throw err;
      leaks = null;
    }
    if (MEMO.size >= MEMO_LIMIT) MEMO.clear();
    MEMO.set(text, leaks);
  }
  return leaks;
}

function excludesOf(copy: CopyInstruction): string[] {
  return copy.flags.filter((f) => f.name === 'exclude' && f.value !== undefined).map((f) => f.value as string);
}

export const DD009: LintRule = {
  code: CODE,
  level: 'warning',
  message: 'COPY of the whole build context without a .dockerignore that excludes secrets',
  description: 'COPY . / ADD . with no .dockerignore, or one that does not exclude .git, .env, *.pem, credentials.json ...: they end up in the image.',
  check(ctx: RuleContext): Violation[] {
    const out: Violation[] = [];
    for (const instr of withOnbuild(ctx.doc.instructions)) {
      if (!isCopy(instr) || instr.from !== undefined) continue;
      const source = instr.sources.find((s) => WHOLE_CONTEXT.has(s.value));
      if (source === undefined) continue;
      const leaks = leaksOf(ctx.settings.dockerignore, excludesOf(instr));
      if (leaks === null || leaks.length === 0) continue;
      const why = ctx.settings.dockerignore === undefined ? 'there is no .dockerignore' : 'the .dockerignore does not exclude';
      out.push({
        code: CODE,
        span: source.span,
        message: `${instr.keyword} ${source.value} copies the whole build context and ${why}: ${leaks.join(', ')} would end up in the image; exclude them in .dockerignore`,
      });
    }
    return out;
  },
};
