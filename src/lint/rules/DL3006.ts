import type { ImageRef } from '../dockerfile/ast.js';
import type { LintRule, Violation } from '../rule.js';
import { imageSpan } from './instructions/spans.js';

/** Whether the last path component (the image name) still holds an unresolved variable. */
function nameUnknown(image: ImageRef): boolean {
  if (!image.unresolved) return false;
  const path = image.digest === undefined ? image.expanded : image.expanded.slice(0, image.expanded.indexOf('@'));
  return path.slice(path.lastIndexOf('/') + 1).includes('$');
}

/**
 * DL3006: FROM an image without a tag. Not for `scratch`, digests, earlier stages (by name) or an image
 * name that is a variable without a default; global ARG defaults are expanded first.
 */
export const DL3006: LintRule = {
  code: 'DL3006',
  level: 'warning',
  message: 'Always tag the version of an image explicitly',
  description: 'An untagged FROM means `latest`: the build changes whenever the image is updated.',
  check(ctx) {
    const out: Violation[] = [];
    for (const stage of ctx.doc.stages) {
      const { image } = stage.from;
      if (image.scratch || image.expanded === '' || stage.parent !== undefined) continue;
      if (image.tag !== undefined || image.digest !== undefined || nameUnknown(image)) continue;
      out.push({ code: 'DL3006', span: imageSpan(ctx.doc, stage.from) });
    }
    return out;
  },
};
