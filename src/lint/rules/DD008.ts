/**
 * DD008: the image the Dockerfile produces (its last stage) runs as root. The effective user is the
 * last USER along the final stage's chain (a stage `FROM builder` inherits builder's USER); with none,
 * the base image's user applies, which is root for nearly all images — except the known non-root
 * ones (distroless `:nonroot` tags, Chainguard images other than `-dev` tags and wolfi-base).
 * `FROM scratch` without USER runs as uid 0 too. DL3002 only flags an explicit `USER root`; DD008 also
 * flags the missing USER and follows stage inheritance, and looks at the final image only.
 */
import type { ImageRef } from '../dockerfile/ast.js';
import type { LintRule, RuleContext, Violation } from '../rule.js';
import { finalStage, imageSpan, isRootUser, lastUser, stageChain } from './drydock/stages.js';

const CODE = 'DD008';

/** Base images known to default to a non-root user. */
function runsAsNonRoot(image: ImageRef): boolean {
  const tag = image.tag ?? '';
  const registry = image.registry?.toLowerCase();
  if (registry === 'gcr.io' && image.repository.startsWith('distroless/')) return tag === 'nonroot' || tag.endsWith('-nonroot');
  if (registry === 'cgr.dev' && image.repository.startsWith('chainguard/')) return !tag.includes('dev') && image.repository !== 'chainguard/wolfi-base';
  return false;
}

export const DD008: LintRule = {
  code: CODE,
  level: 'warning',
  message: 'The final image runs as root',
  description: 'The final stage runs as root: no USER along its stage chain, or USER root/0 last (DL3002 only sees an explicit USER root).',
  check(ctx: RuleContext): Violation[] {
    const last = finalStage(ctx.doc);
    if (last === undefined) return [];
    const chain = stageChain(ctx.doc, last.index);
    const user = lastUser(chain);
    if (user !== undefined) {
      const name = user.user.value;
      if (name.includes('$') || !isRootUser(name)) return [];
      return [{ code: CODE, span: user.user.span, message: `USER ${user.argsText} is the last USER of the final image, so it runs as root; switch to a non-root user (USER 10001, or a named user you create) after the steps that need root` }];
    }
    const root = chain[0]?.from;
    if (root === undefined || root.image.unresolved || runsAsNonRoot(root.image)) return [];
    const base = root.image.scratch ? 'FROM scratch runs as uid 0' : `it runs as the base image's user (${root.image.expanded}: root unless that image sets another)`;
    return [{ code: CODE, span: imageSpan(last.from), message: `No USER in the final stage or the stages it builds on: ${base}; add a non-root USER (e.g. USER 10001) after the steps that need root` }];
  },
};
