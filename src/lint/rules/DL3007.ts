import type { LintRule, Violation } from '../rule.js';
import { imageSpan, subSpan } from './instructions/spans.js';

/** DL3007: FROM `image:latest` without a digest. Points at the tag. */
export const DL3007: LintRule = {
  code: 'DL3007',
  level: 'warning',
  message: 'Using latest is prone to errors if the image will ever update. Pin the version explicitly to a release tag',
  description: '`latest` moves: pin a release tag (or a digest).',
  check(ctx) {
    const out: Violation[] = [];
    for (const stage of ctx.doc.stages) {
      const { image } = stage.from;
      if (image.tag !== 'latest' || image.digest !== undefined) continue;
      const whole = imageSpan(ctx.doc, stage.from);
      const at = image.raw.lastIndexOf(':latest');
      const span = at < 0 ? whole : subSpan(ctx.doc, { raw: image.raw, span: whole }, at + 1, at + ':latest'.length);
      out.push({ code: 'DL3007', span });
    }
    return out;
  },
};
