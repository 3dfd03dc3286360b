import type { LintRule, Violation } from '../rule.js';
import type { ShellWord } from '../shell/model.js';
import { allRuns, runInvocations } from './support/run-commands.js';

const isSudo = (w: ShellWord): boolean => w.value !== undefined && (w.value === 'sudo' || w.value.endsWith('/sudo'));

/** `sudo` in a RUN (also behind `env`, inside `sh -c`): builds run as the USER in effect; use gosu/su-exec at run time. Points at `sudo`. */
export const DL3004: LintRule = {
  code: 'DL3004',
  level: 'error',
  message: 'Do not use sudo as it leads to unpredictable behavior. Use a tool like gosu to enforce root',
  description: 'Do not use sudo in RUN.',
  check(ctx) {
    const out: Violation[] = [];
    if (!ctx.doc.text.includes('sudo')) return out; // no sudo word anywhere: nothing to look for
    for (const run of allRuns(ctx.doc)) {
      for (const { inv } of runInvocations(ctx, run)) {
        if (inv.name !== 'sudo' && !inv.wrappers.includes('sudo')) continue;
        const word = inv.command.words.find(isSudo);
        if (word !== undefined) out.push({ code: 'DL3004', span: word.span });
      }
    }
    return out;
  },
};
