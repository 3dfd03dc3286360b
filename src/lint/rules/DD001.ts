/**
 * DD001: a credential written into the Dockerfile as the value of an ENV, an ARG default or a LABEL.
 * ENV and LABEL values are stored in the image config and ARG defaults in the build history: anyone
 * who can pull the image can read them. Known token formats are found in any value; a random-looking
 * literal only under a secret-sounding name, in an embedded `password=` setting or a URL password.
 * The message shows the first 4 characters and the length, never the secret.
 */
import type { ArgInstruction, EnvInstruction, KeyValue } from '../dockerfile/ast.js';
import { isArg, isEnvOrLabel, withOnbuild } from '../dockerfile/guards.js';
import type { LintRule, RuleContext, Violation } from '../rule.js';
import { findSecret, isSecretName, preview } from './drydock/secret-values.js';

const CODE = 'DD001';

function check(instr: EnvInstruction | ArgInstruction, pair: KeyValue): Violation | undefined {
  const value = pair.value;
  if (value === undefined || value.value === '') return undefined;
  const hit = findSecret(value.value, isSecretName(pair.key.value));
  if (hit === undefined) return undefined;
  const where = instr.keyword === 'ARG' ? `the default of ARG ${pair.key.value}` : `${instr.keyword} ${pair.key.value}`;
  const store = instr.keyword === 'ARG' ? 'the build history' : 'the image config';
  return {
    code: CODE,
    span: value.span,
    message: `${where} holds a ${hit.kind} ${preview(hit.secret)}: it is readable in ${store} by anyone who can pull the image; pass it with RUN --mount=type=secret or at run time`,
  };
}

export const DD001: LintRule = {
  code: CODE,
  level: 'error',
  message: 'Secret value in ENV, ARG default or LABEL',
  description: 'A credential (cloud key, API token, private key, JWT, literal password) is written into an ENV, ARG default or LABEL value.',
  check(ctx: RuleContext): Violation[] {
    const out: Violation[] = [];
    // doc.instructions includes the global ARGs before the first FROM
    for (const instr of withOnbuild(ctx.doc.instructions)) {
      if (!isEnvOrLabel(instr) && !isArg(instr)) continue;
      for (const pair of instr.pairs) {
        const v = check(instr, pair);
        if (v !== undefined) out.push(v);
      }
    }
    return out;
  },
};
