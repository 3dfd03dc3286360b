/**
 * DD011: a package manager's download/build cache left in the layer — npm, Yarn, pnpm, Maven, Gradle,
 * Go, Cargo, Composer, RubyGems/Bundler (apt, apk and pip are DL3009/DL3019/DL3042's). Instead of
 * deleting it, `RUN --mount=type=cache,target=<cache>` keeps it out of the image AND reuses it across
 * builds. Not when a cache or tmpfs mount covers it, or the same RUN cleans it (`npm cache clean`, `rm
 * -rf ~/.m2`, `go clean -modcache`). Only the final stage and the stages it is built from matter: a
 * builder stage's cache never reaches the image.
 */
import type { RunInstruction, Stage } from '../dockerfile/ast.js';
import { isRun, isUser } from '../dockerfile/guards.js';
import type { LintRule, RuleContext, Violation } from '../rule.js';
import { invocations, type Invocation } from '../shell/invocations.js';
import { cacheOf, coversCache, locationIn, positionalsOf, type PackageCache } from './drydock/package-caches.js';
import { finalStage, isRootUser, stageChain } from './drydock/stages.js';

const CODE = 'DD011';
const USER_NAME = /^[a-z_][a-z0-9_.-]*$/i;

/** The home directory of a USER value: /root, /home/<name>, or `$HOME` when unknown (numeric uid, variable). */
function homeOf(user: string | undefined): string {
  if (user === undefined || isRootUser(user)) return '/root';
  return USER_NAME.test(user) ? `/home/${user}` : '$HOME';
}

function checkRun(ctx: RuleContext, run: RunInstruction, home: string, out: Violation[]): void {
  const targets = run.mounts.filter((m) => (m.type === 'cache' || m.type === 'tmpfs') && m.target !== undefined).map((m) => m.target as string);
  const all: Invocation[] = [];
  for (const s of ctx.shellOf(run)) for (const inv of invocations(s)) all.push(inv);
  const removed = all.filter((inv) => inv.name === 'rm').flatMap((inv) => inv.args.filter((a) => !a.raw.startsWith('-')).map((a) => a.raw));
  const seen = new Set<PackageCache>();
  for (const inv of all) {
    const cache = cacheOf(inv.name);
    if (cache === undefined || seen.has(cache)) continue;
    const positionals = positionalsOf(inv);
    if (!cache.fills(inv, positionals)) continue;
    seen.add(cache);
    const handled =
      targets.some((t) => coversCache(t, cache, home)) ||
      removed.some((r) => coversCache(r, cache, home)) ||
      all.some((other) => cacheOf(other.name) === cache && other.command.span.start.offset > inv.command.span.start.offset && cache.cleans(other, positionalsOf(other)));
    if (handled) continue;
    const where = locationIn(cache, home);
    const note = cache.note === undefined ? '' : ` (${cache.note})`;
    out.push({
      code: CODE,
      span: inv.nameWord.span,
      message: `${cache.manager} leaves its cache (${where}) in the layer: use RUN --mount=type=cache,target=${where}${note} to keep it out of the image and reuse it across builds`,
    });
  }
}

export const DD011: LintRule = {
  code: CODE,
  level: 'info',
  message: 'Package manager cache left in the image: use a cache mount',
  description: 'npm/Yarn/pnpm/Maven/Gradle/Go/Cargo/Composer/Gem caches left in a layer of the final image: use RUN --mount=type=cache instead.',
  check(ctx: RuleContext): Violation[] {
    const last = finalStage(ctx.doc);
    if (last === undefined) return [];
    const out: Violation[] = [];
    let user: string | undefined;
    for (const stage of stageChain(ctx.doc, last.index) as Stage[]) {
      for (const instr of stage.instructions) {
        if (isUser(instr)) user = instr.user.value;
        else if (isRun(instr)) checkRun(ctx, instr, homeOf(user), out);
      }
    }
    return out;
  },
};
