/**
 * Version pinning of yum/dnf/microdnf installs (DL3033, DL3041). A package is pinned when it is written
 * `name-version[-release]` — after the first `-`, every `-`-separated part is made of version
 * characters and one of them starts with a digit (`gcc-c++-1.1.1`, `openssl-1:1.1.1k`, not `rpm-sign`)
 * — or it is an `.rpm` file. A module (`dnf module install x`) is pinned by its stream (`x:9`). Groups
 * (`@core`, `group install`), file paths and capabilities (`perl(Foo)`) have no version to pin.
 * Variables are resolved from the ARG/ENV in scope, so `git-core-${VERSION}` is judged by its value.
 */
import type { RuleContext, Violation } from '../../rule.js';
import type { ShellWord } from '../../shell/model.js';
import { yumCommand } from './rpm-tools.js';
import { invocationsNamed, type RunInvocation } from './run-commands.js';
import { scopeOf, wordValue } from './scope-vars.js';

const VERSION_PART = /^[A-Za-z0-9.~^_:+]+$/;

/** `name-1.2-3.el9` style (Hadolint's reading: parts after the first `-`). */
export function rpmPackagePinned(pkg: string): boolean {
  if (pkg.endsWith('.rpm')) return true;
  const parts = pkg.split('-').slice(1);
  return parts.length > 0 && parts.every((p) => VERSION_PART.test(p)) && parts.some((p) => p.charCodeAt(0) >= 48 && p.charCodeAt(0) <= 57);
}

/** Words that name no versionable package: groups/module specs, paths and URLs, capabilities. */
function unversionable(pkg: string): boolean {
  return pkg.startsWith('@') || pkg.includes('/') || pkg.includes('(');
}

function unpinnedOperands(ctx: RuleContext, r: RunInvocation): ShellWord[] {
  const c = yumCommand(r.inv);
  if (c.action !== 'install' || c.scope === 'group') return [];
  const out: ShellWord[] = [];
  for (const word of c.operands) {
    const value = word.value ?? wordValue(word, scopeOf(ctx.doc, r.run), r.script);
    if (value === undefined || value === '') continue; // depends on a value only the build knows
    const pinned = c.scope === 'module' ? value.includes(':') : unversionable(value) || rpmPackagePinned(value);
    if (!pinned) out.push(word);
  }
  return out;
}

/** One violation per unpinned package word of the tools' installs. */
export function checkRpmPinning(ctx: RuleContext, code: string, tools: ReadonlySet<string>): Violation[] {
  const out: Violation[] = [];
  for (const r of invocationsNamed(ctx, tools)) {
    for (const word of unpinnedOperands(ctx, r)) out.push({ code, span: word.span });
  }
  return out;
}
