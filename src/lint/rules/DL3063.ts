import type { LintRule, Violation } from '../rule.js';

/** Names BuildKit gives a meaning of its own (`FROM scratch`, the build `context`). */
const RESERVED: ReadonlySet<string> = new Set(['scratch', 'context']);

/** DL3063: a stage named `scratch` or `context` (stage names are case-insensitive). Points at the name. */
export const DL3063: LintRule = {
  code: 'DL3063',
  level: 'warning',
  message: 'stage name should not be a reserved word',
  description: '`scratch` and `context` already mean something to BuildKit.',
  check(ctx) {
    const out: Violation[] = [];
    for (const stage of ctx.doc.stages) {
      const alias = stage.from.alias;
      if (alias !== undefined && stage.name !== undefined && RESERVED.has(stage.name)) out.push({ code: 'DL3063', span: alias.span });
    }
    return out;
  },
};
