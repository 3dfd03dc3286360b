/**
 * DD006: a base image whose name is a near miss of an image people trust: `pythonn`, `node-js`,
 * `alpline`, `bitnarni/redis`, `gcr.io/distroles/static` (see src/checks/typosquat.ts). A look-alike
 * name pulls whatever its owner published, so the build runs someone else's code. FROM bases,
 * `COPY --from` and `RUN --mount=from=` images are checked; unresolved references are not.
 */
import { typosquatOf, type Typosquat } from '../../checks/typosquat.js';
import type { LintRule, RuleContext, Violation } from '../rule.js';
import { pulledImages } from './drydock/image-refs.js';

const CODE = 'DD006';

const REASONS: Readonly<Record<Typosquat['reason'], string>> = {
  typo: 'a misspelling',
  homoglyph: 'look-alike characters',
  separator: 'a separator variant',
  alias: 'a common alias that is not the official name',
  'library-impersonation': 'an impersonation of Docker Official Images',
  'publisher-typo': 'a misspelled publisher',
  'registry-typo': 'a misspelled registry',
};

/** Results per `registry\0repository` (the same few bases recur across files). */
const CACHE = new Map<string, Typosquat | null>();
const CACHE_LIMIT = 4096;

function lookup(registry: string | undefined, repository: string): Typosquat | undefined {
  const key = `${registry ?? ''}\u0000${repository}`;
  let hit = CACHE.get(key);
  if (hit === undefined) {
    hit = typosquatOf(registry === undefined ? { repository } : { registry, repository }) ?? null;
    if (CACHE.size >= CACHE_LIMIT) CACHE.clear();
    CACHE.set(key, hit);
  }
  return hit ?? undefined;
}

export const DD006: LintRule = {
  code: CODE,
  level: 'error',
  message: 'Base image name looks like a typosquat',
  description: 'Image name is a near miss of an official image, verified publisher or registry (pythonn, node-js, bitnarni/redis): possibly a typosquat.',
  check(ctx: RuleContext): Violation[] {
    const out: Violation[] = [];
    for (const pulled of pulledImages(ctx.doc)) {
      const ref = pulled.ref;
      if (ref.unresolved || ref.repository === '' || ref.repository.includes('$')) continue;
      const found = lookup(ref.registry, ref.repository);
      if (found === undefined) continue;
      const distance = found.distance > 0 ? `, edit distance ${found.distance}` : '';
      out.push({
        code: CODE,
        span: pulled.span,
        message: `${pulled.via} ${ref.expanded}: "${found.suspect}" looks like a typosquat of "${found.likely}" (${REASONS[found.reason]}${distance}); did you mean ${found.likely}?`,
      });
    }
    return out;
  },
};
