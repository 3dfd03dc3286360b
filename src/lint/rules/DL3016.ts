/**
 * DL3016: pin versions in `npm install` (`npm i`, `npm add`, ...): `pkg@1.2.3`, `@scope/pkg@^1`, an
 * alias `x@npm:pkg@1`, a tag other than `latest`, a git/GitHub spec with a `#commit`/`#semver:`, a
 * tarball (`.tgz`, `.tar`, `.tar.gz`) or a local folder (`./x`, `../x`, `/x`, `~/x`, `file:`). `npm
 * install` alone installs package.json's pinned tree and is fine; words only known at build time are left alone.
 */
import type { LintRule, Violation } from '../rule.js';
import { NPM_OPTIONS } from '../shell/tool-options.js';
import { toolCommands } from './packages/tool-commands.js';

const NPM = new Set(['npm']);
/** `npm install` and its aliases (npm's own list). */
const INSTALL = new Set(['install', 'i', 'in', 'ins', 'inst', 'insta', 'instal', 'isnt', 'isnta', 'isntal', 'isntall', 'add']);
const GIT = /^(?:git(?:\+(?:ssh|https?|file))?:\/\/|github:|gitlab:|bitbucket:|gist:)/;
const URL = /^https?:\/\//;
const LOCAL = ['/', './', '../', '~/', 'file:'];
const TARBALLS = ['.tgz', '.tar', '.tar.gz'];
/** `user/repo` (GitHub shorthand), not a scoped name. */
const GITHUB_SHORTHAND = /^[\w.-]+\/[\w.-]+(?:#.*)?$/;

function npmPinned(spec: string): boolean {
  if (LOCAL.some((p) => spec.startsWith(p)) || spec === '.' || spec === '..') return true;
  if (TARBALLS.some((s) => spec.endsWith(s))) return true;
  if (GIT.test(spec) || URL.test(spec) || GITHUB_SHORTHAND.test(spec)) return spec.includes('#');
  // `@scope/name@version`: the version starts at the `@` after the scope.
  const at = spec.indexOf('@', spec.startsWith('@') ? 1 : 0);
  if (at < 0) return false;
  const version = spec.slice(at + 1);
  return version !== '' && version !== 'latest';
}

export const DL3016: LintRule = {
  code: 'DL3016',
  level: 'warning',
  message: 'Pin versions in npm. Instead of `npm install <package>` use `npm install <package>@<version>`',
  description: 'Pin versions in `npm`.',
  check(ctx) {
    const out: Violation[] = [];
    for (const cmd of toolCommands(ctx, NPM, NPM_OPTIONS, INSTALL)) {
      for (const word of cmd.operands) {
        if (word.value !== undefined && !npmPinned(word.value)) out.push({ code: 'DL3016', span: word.span });
      }
    }
    return out;
  },
};
