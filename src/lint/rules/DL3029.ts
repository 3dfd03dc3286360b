import type { LintRule, Violation } from '../rule.js';

/**
 * DL3029: `FROM --platform=` with a constant platform: the build then ignores the platform it is asked
 * for. A value built from a variable (`$BUILDPLATFORM`, `$TARGETPLATFORM`, `${TARGETOS}/${TARGETARCH}`,
 * a build ARG) is chosen at build time and fine.
 */
export const DL3029: LintRule = {
  code: 'DL3029',
  level: 'warning',
  message: 'Do not use --platform flag with FROM',
  description: 'A hard-coded FROM --platform breaks multi-platform builds; use $BUILDPLATFORM or $TARGETPLATFORM.',
  check(ctx) {
    const out: Violation[] = [];
    for (const stage of ctx.doc.stages) {
      const { platform } = stage.from;
      if (platform === undefined || platform === '' || platform.includes('$')) continue;
      const flag = stage.from.flags.find((f) => f.name === 'platform');
      out.push({ code: 'DL3029', span: flag?.span ?? stage.from.keywordSpan });
    }
    return out;
  },
};
