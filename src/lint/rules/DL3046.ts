import type { LintRule, Violation } from '../rule.js';
import type { ShellWord } from '../shell/model.js';
import { flagsNamed, hasFlag, parseOptions, type ParsedFlag } from '../shell/options.js';
import { USERADD_OPTIONS } from '../shell/tool-options.js';
import { invocationsNamed } from './support/run-commands.js';
import { scopeOf, wordValue } from './support/scope-vars.js';

const TOOLS: ReadonlySet<string> = new Set(['useradd']);
/** UIDs of six digits and more: `useradd` writes lastlog/faillog entries at uid × record size, a sparse file Docker stores in full. */
const HIGH_UID_DIGITS = 6;

/** The value of a flag whose value word has an expansion (`-u $UID`, `--uid=${UID}`), resolved. */
function flagValue(f: ParsedFlag, resolve: (w: ShellWord) => string | undefined): string | undefined {
  if (f.valueWord === undefined) return undefined;
  const v = resolve(f.valueWord);
  if (v === undefined || f.valueWord !== f.word) return v;
  return f.long ? v.slice(v.indexOf('=') + 1) : v.slice(v.indexOf(f.name) + 1);
}

/**
 * `useradd -u 123456` without `-l`/`--no-log-init`. The UID may come from an ARG/ENV in scope.
 * Points at `useradd`; the fix inserts ` -l` after it.
 */
export const DL3046: LintRule = {
  code: 'DL3046',
  level: 'warning',
  message: '`useradd` without flag `-l` and high UID will result in excessively large Image.',
  description: 'useradd with a high UID needs -l (--no-log-init) to keep /var/log/lastlog small.',
  check(ctx) {
    const out: Violation[] = [];
    for (const { inv, script, run } of invocationsNamed(ctx, TOOLS)) {
      const opts = parseOptions(inv.args, USERADD_OPTIONS);
      if (hasFlag(opts, 'l', 'no-log-init')) continue;
      const high = flagsNamed(opts, 'u', 'uid').some((f) => {
        const v = f.value ?? flagValue(f, (w) => wordValue(w, scopeOf(ctx.doc, run), script));
        return v !== undefined && v.trim().length >= HIGH_UID_DIGITS;
      });
      const end = inv.nameWord.span.end.offset;
      if (high) out.push({ code: 'DL3046', span: inv.nameWord.span, fix: [{ offset: end, length: 0, text: ' -l' }] });
    }
    return out;
  },
};
