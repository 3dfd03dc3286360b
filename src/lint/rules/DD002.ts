/**
 * DD002: COPY/ADD of key material or credential files by name (`*.pem`, `*.key`, `id_rsa`, `.env`,
 * `credentials.json`, `.npmrc`, `.aws/credentials` …), globs included. A file copied into a layer stays
 * in the image even when a later RUN deletes it. Copies `--from` another stage or image only count for
 * private keys and key stores; heredoc sources are not files.
 */
import { isCopy, withOnbuild } from '../dockerfile/guards.js';
import type { LintRule, RuleContext, Violation } from '../rule.js';
import { materialOf } from './drydock/key-material.js';

const CODE = 'DD002';

export const DD002: LintRule = {
  code: CODE,
  level: 'warning',
  message: 'Do not COPY/ADD key material or credential files into the image',
  description: 'COPY/ADD of private keys, key stores or credential files (*.pem, *.key, id_rsa, .env, .npmrc, credentials.json ...): they stay in the image layers.',
  check(ctx: RuleContext): Violation[] {
    const out: Violation[] = [];
    for (const instr of withOnbuild(ctx.doc.instructions)) {
      if (!isCopy(instr)) continue;
      for (const source of instr.sources) {
        if (source.raw.startsWith('<<')) continue;
        const material = materialOf(source.value);
        if (material === undefined || (instr.from !== undefined && material.kind !== 'key')) continue;
        out.push({
          code: CODE,
          span: source.span,
          message: `${instr.keyword} ${source.value}: ${material.what} copied into a layer stays in the image even if deleted later; use RUN --mount=type=secret (or --mount=type=ssh) for build-time credentials and runtime secrets for the rest`,
        });
      }
    }
    return out;
  },
};
