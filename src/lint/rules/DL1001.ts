import { parsePragma } from '../pragmas.js';
import type { LintRule, Violation } from '../rule.js';

/** DL1001: inline `# hadolint ignore=…` (or `# drydock ignore=…`) pragmas are used. Off by default. */
export const DL1001: LintRule = {
  code: 'DL1001',
  level: 'ignore',
  message: 'Please refrain from using inline ignore pragmas  `# hadolint ignore=DLxxxx`.',
  description: 'Inline ignore pragmas hide findings line by line; prefer fixing them or a config-level ignore.',
  check(ctx) {
    const out: Violation[] = [];
    for (const comment of ctx.doc.comments) {
      const p = parsePragma(comment.text);
      if (p?.kind === 'ignore' && p.scope === 'line') out.push({ code: 'DL1001', span: comment.span });
    }
    return out;
  },
};
