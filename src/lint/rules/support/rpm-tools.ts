/**
 * How yum, dnf, microdnf and zypper command lines are read: options anywhere (global ones before the
 * subcommand included), the subcommand with its aliases folded (`in` → `install`, `dup` →
 * `dist-upgrade`), `module`/`group` subcommands with their action (`dnf module install x`), and the
 * operands (packages) after them.
 */
import { parseSubcommand, type ParsedOptions } from '../../shell/options.js';
import type { Invocation } from '../../shell/invocations.js';
import type { ShellWord } from '../../shell/model.js';
import { YUM_OPTIONS, ZYPPER_OPTIONS } from '../../shell/tool-options.js';
import { FileCache } from '../../file-scope.js';

export const YUM_FAMILY: ReadonlySet<string> = new Set(['yum', 'dnf', 'microdnf']);

export interface PackageCommand {
  readonly inv: Invocation;
  readonly opts: ParsedOptions;
  /** `module` or `group` for `dnf module install x` / `yum groupinstall x`; undefined for plain commands. */
  readonly scope: 'module' | 'group' | undefined;
  /** The action with aliases folded: `install`, `upgrade`, `remove`, `clean`, `dist-upgrade`, ... */
  readonly action: string | undefined;
  /** The word naming the action (`install` in `dnf module install x`, `groupinstall` in `yum groupinstall x`). */
  readonly actionWord: ShellWord | undefined;
  /** The words after the action (packages, modules, groups, `all` of `clean all`). */
  readonly operands: readonly ShellWord[];
}

const YUM_ALIASES: ReadonlyMap<string, string> = new Map([
  ['in', 'install'],
  ['localinstall', 'install'],
  ['rei', 'reinstall'],
  ['up', 'upgrade'],
  ['update', 'upgrade'],
  ['localupdate', 'upgrade'],
  ['up-min', 'upgrade-minimal'],
  ['update-minimal', 'upgrade-minimal'],
  ['dg', 'downgrade'],
  ['dsync', 'distro-sync'],
  ['distribution-synchronization', 'distro-sync'],
  ['rm', 'remove'],
  ['erase', 'remove'],
]);

/** yum's old one-word group commands: `groupinstall` is `group install`. */
const YUM_GROUP_COMMANDS: ReadonlyMap<string, string> = new Map([
  ['groupinstall', 'install'],
  ['groupupdate', 'upgrade'],
  ['groupremove', 'remove'],
  ['grouperase', 'remove'],
]);

const ZYPPER_ALIASES: ReadonlyMap<string, string> = new Map([
  ['in', 'install'],
  ['rm', 'remove'],
  ['up', 'update'],
  ['dup', 'dist-upgrade'],
  ['si', 'source-install'],
  ['inr', 'install-new-recommends'],
  ['cc', 'clean'],
]);

const fold = (aliases: ReadonlyMap<string, string>, word: ShellWord | undefined): string | undefined =>
  word?.value === undefined ? undefined : (aliases.get(word.value) ?? word.value);

const YUM_CACHE = new FileCache<Invocation, PackageCommand>();
const ZYPPER_CACHE = new FileCache<Invocation, PackageCommand>();

/** A yum/dnf/microdnf command line (memoized: several rules read the same command). */
export function yumCommand(inv: Invocation): PackageCommand {
  let c = YUM_CACHE.get(inv);
  if (c === undefined) {
    c = readYum(inv);
    YUM_CACHE.set(inv, c);
  }
  return c;
}

function readYum(inv: Invocation): PackageCommand {
  const opts = parseSubcommand(inv.args, YUM_OPTIONS);
  const first = opts.subcommand;
  const name = first?.value;
  const grouped = name === undefined ? undefined : YUM_GROUP_COMMANDS.get(name);
  if (grouped !== undefined) return { inv, opts, scope: 'group', action: grouped, actionWord: first, operands: opts.operands };
  if (name === 'module' || name === 'group' || name === 'groups') {
    const [actionWord, ...operands] = opts.operands;
    return { inv, opts, scope: name === 'module' ? 'module' : 'group', action: fold(YUM_ALIASES, actionWord), actionWord, operands };
  }
  return { inv, opts, scope: undefined, action: fold(YUM_ALIASES, first), actionWord: first, operands: opts.operands };
}

/** A zypper command line (memoized). */
export function zypperCommand(inv: Invocation): PackageCommand {
  let c = ZYPPER_CACHE.get(inv);
  if (c === undefined) {
    const opts = parseSubcommand(inv.args, ZYPPER_OPTIONS);
    c = { inv, opts, scope: undefined, action: fold(ZYPPER_ALIASES, opts.subcommand), actionWord: opts.subcommand, operands: opts.operands };
    ZYPPER_CACHE.set(inv, c);
  }
  return c;
}

/** The actions of a yum-family command that ask for confirmation (so need `-y` in a build). */
export function yumPrompts(c: PackageCommand): boolean {
  if (c.action === undefined) return false;
  if (c.scope === 'module') return ['install', 'enable', 'disable', 'reset', 'remove', 'upgrade', 'switch-to'].includes(c.action);
  if (c.scope === 'group') return ['install', 'upgrade', 'remove'].includes(c.action);
  return ['install', 'reinstall', 'upgrade', 'upgrade-minimal', 'downgrade', 'distro-sync', 'remove', 'autoremove', 'swap'].includes(c.action);
}

/** The actions of a yum-family command that download packages into the cache. */
export function yumDownloads(c: PackageCommand): boolean {
  if (c.action === undefined) return false;
  if (c.scope !== undefined) return ['install', 'upgrade'].includes(c.action);
  return ['install', 'reinstall', 'upgrade', 'upgrade-minimal', 'downgrade', 'distro-sync', 'swap'].includes(c.action);
}
