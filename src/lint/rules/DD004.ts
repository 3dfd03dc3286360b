/**
 * DD004: a base image referenced by tag, not by digest. A tag can be moved to another image (by the
 * publisher or by whoever controls the registry), so the same Dockerfile builds on different bases;
 * `image:tag@sha256:…` is reproducible and tools like Renovate keep the digest current. Not for
 * `scratch`, earlier stages, or references that stay unresolved (an ARG without default); when a build
 * argument's default supplies the image, the message says so.
 */
import type { LintRule, RuleContext, Violation } from '../rule.js';
import { imageSpan } from './drydock/stages.js';

const CODE = 'DD004';

export const DD004: LintRule = {
  code: CODE,
  level: 'info',
  message: 'Pin the base image by digest',
  description: 'FROM image referenced by tag only: pin it by digest (image:tag@sha256:...) so every build uses the same base.',
  check(ctx: RuleContext): Violation[] {
    const out: Violation[] = [];
    for (const stage of ctx.doc.stages) {
      const image = stage.from.image;
      if (image.scratch || stage.parent !== undefined || image.digest !== undefined || image.unresolved || image.expanded === '') continue;
      const pin = `${image.expanded}@sha256:…`;
      const viaArg = image.raw.includes('$');
      const message = viaArg
        ? `FROM ${image.raw}: the build argument default ${image.expanded} is not pinned by digest; pin the default (${pin}) so builds without --build-arg are reproducible`
        : `FROM ${image.raw} is not pinned by digest: the tag can move to a different image; pin it (${pin}) and let a dependency bot update the digest`;
      out.push({ code: CODE, span: imageSpan(stage.from), message });
    }
    return out;
  },
};
