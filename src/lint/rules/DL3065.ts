import type { LintRule, Violation } from '../rule.js';

const TARGET_PLATFORM: ReadonlySet<string> = new Set(['$TARGETPLATFORM', '${TARGETPLATFORM}']);

/** DL3065: `FROM --platform=$TARGETPLATFORM`: that is already the default. */
export const DL3065: LintRule = {
  code: 'DL3065',
  level: 'warning',
  message: 'Setting `FROM --platform` to predefined `$TARGETPLATFORM` in is redundant as this is the default behavior',
  description: 'FROM already uses the target platform; the flag only adds noise.',
  check(ctx) {
    const out: Violation[] = [];
    for (const stage of ctx.doc.stages) {
      const { platform } = stage.from;
      if (platform === undefined || !TARGET_PLATFORM.has(platform)) continue;
      const flag = stage.from.flags.find((f) => f.name === 'platform');
      out.push({ code: 'DL3065', span: flag?.span ?? stage.from.keywordSpan });
    }
    return out;
  },
};
