import type { LintRule, Violation } from '../rule.js';

/** DL3024: two stages with the same name (stage names are case-insensitive). Reported at the later name. */
export const DL3024: LintRule = {
  code: 'DL3024',
  level: 'error',
  message: 'FROM aliases (stage names) must be unique',
  description: 'A duplicated stage name makes `--from` and `--target` ambiguous; BuildKit rejects it.',
  check(ctx) {
    const out: Violation[] = [];
    const seen = new Set<string>();
    for (const stage of ctx.doc.stages) {
      const alias = stage.from.alias;
      if (stage.name === undefined || alias === undefined) continue;
      if (seen.has(stage.name)) out.push({ code: 'DL3024', span: alias.span });
      seen.add(stage.name);
    }
    return out;
  },
};
