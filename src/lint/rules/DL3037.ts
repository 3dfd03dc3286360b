import type { LintRule, Violation } from '../rule.js';
import { flagsNamed } from '../shell/options.js';
import { zypperCommand, type PackageCommand } from './support/rpm-tools.js';
import { invocationsNamed } from './support/run-commands.js';
import { scopeOf, wordValue } from './support/scope-vars.js';

const TOOLS: ReadonlySet<string> = new Set(['zypper']);
const NON_PACKAGE_KIND = /^(pattern|patch|product|application):/;

/** `pkg=1.2`, `pkg>=1.2` (any of `=`, `<`, `>`), or an `.rpm` file. */
function pinned(pkg: string): boolean {
  return pkg.includes('=') || pkg.includes('<') || pkg.includes('>') || pkg.endsWith('.rpm');
}

/** `zypper in -t pattern x` installs no package; `pattern:x` neither; capabilities `perl(Foo)` take no version. */
function packagesOnly(c: PackageCommand): boolean {
  return flagsNamed(c.opts, 't', 'type').every((f) => f.value === 'package');
}

/** `zypper install x` without a version (`x=1.2`, `x>=1.2`). Points at the package word. */
export const DL3037: LintRule = {
  code: 'DL3037',
  level: 'warning',
  message: 'Specify version with `zypper install -y <package>=<version>`.',
  description: 'Pin the versions of packages installed with zypper.',
  check(ctx) {
    const out: Violation[] = [];
    for (const { inv, script, run } of invocationsNamed(ctx, TOOLS)) {
      const c = zypperCommand(inv);
      if (c.action !== 'install' || !packagesOnly(c)) continue;
      for (const word of c.operands) {
        const value = word.value ?? wordValue(word, scopeOf(ctx.doc, run), script);
        if (value === undefined || value === '' || NON_PACKAGE_KIND.test(value) || value.includes('(')) continue;
        if (!pinned(value)) out.push({ code: 'DL3037', span: word.span });
      }
    }
    return out;
  },
};
