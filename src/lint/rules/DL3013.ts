/**
 * DL3013: pin versions in `pip install` / `pipx install`: `pkg==1.2` (any PEP 440 specifier counts, as in
 * Hadolint), a VCS URL with a revision (`git+https://host/repo.git@v1.2`), a local path, archive or
 * URL. Requirement files (`-r`), editable projects (`-e`) and option values are no packages; a
 * constraints file (`-c`) pins whatever the command installs. Words only known at build time are left alone.
 */
import type { LintRule, Violation } from '../rule.js';
import { hasFlag } from '../shell/options.js';
import { pipInstalls } from './packages/pip.js';

const VCS = /^(?:git|hg|svn|bzr)\+[a-z-]+:\/\//i;
const ARCHIVES = ['.whl', '.tar.gz', '.tgz', '.tar.bz2', '.tar.xz', '.zip'];

/** A VCS URL names a revision when its path (after the host) has an `@`: `…/repo.git@v1#egg=x`. */
function vcsHasRevision(url: string): boolean {
  const rest = url.slice(url.indexOf('://') + 3).split('#')[0] ?? '';
  const slash = rest.indexOf('/');
  return slash >= 0 && rest.slice(slash).includes('@');
}

function pipPinned(requirement: string): boolean {
  const spec = (requirement.split(';')[0] ?? '').trim();
  // PEP 508 direct reference written as one word: `name@https://…`
  const at = spec.indexOf('@');
  const direct = at > 0 && spec.slice(at + 1).includes('://') && !spec.slice(0, at).includes('://') ? spec.slice(at + 1) : spec;
  if (VCS.test(direct)) return vcsHasRevision(direct);
  if (direct.includes('/') || direct === '.' || direct === '..' || direct.startsWith('~')) return true;
  if (ARCHIVES.some((ext) => direct.endsWith(ext))) return true;
  return /[=<>]/.test(direct);
}

export const DL3013: LintRule = {
  code: 'DL3013',
  level: 'warning',
  message: 'Pin versions in pip. Instead of `pip install <package>` use `pip install <package>==<version>` or `pip install --requirement <requirements file>`',
  description: 'Pin versions in pip.',
  check(ctx) {
    const out: Violation[] = [];
    for (const cmd of pipInstalls(ctx)) {
      if (cmd.tool === 'pip' && hasFlag(cmd, 'c', 'constraint')) continue;
      for (const word of cmd.operands) {
        if (word.value !== undefined && !pipPinned(word.value)) out.push({ code: 'DL3013', span: word.span });
      }
    }
    return out;
  },
};
