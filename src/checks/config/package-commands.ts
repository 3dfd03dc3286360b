/**
 * What a RUN step's commands do with the package managers, read from the parsed shell (programs looked
 * through sudo/env wrappers and into `sh -c` strings, options parsed getopt-style), in the order they run.
 */
import { invocations, type Invocation } from '../../lint/shell/invocations.js';
import { parseOptions, type ParsedOptions } from '../../lint/shell/options.js';
import { APK_OPTIONS, APT_GET_OPTIONS } from '../../lint/shell/tool-options.js';
import type { HistoryStep } from './history.js';

const APT = new Set(['apt-get', 'apt']);

/** The step's invocations in order (none for steps that ran no shell). */
export function stepInvocations(step: HistoryStep): readonly Invocation[] {
  return step.script ? invocations(step.script) : [];
}

function aptOptions(inv: Invocation): ParsedOptions | undefined {
  return APT.has(inv.name) ? parseOptions(inv.args, APT_GET_OPTIONS) : undefined;
}

/** `apt-get <sub>` / `apt <sub>`: the subcommand, when literal. */
export function aptSubcommand(inv: Invocation): string | undefined {
  return aptOptions(inv)?.positionals[0]?.value;
}

/** `apk <sub>` and its options. */
export function apkCommand(inv: Invocation): { sub: string | undefined; opts: ParsedOptions } | undefined {
  if (inv.name !== 'apk') return undefined;
  const opts = parseOptions(inv.args, APK_OPTIONS);
  return { sub: opts.positionals[0]?.value, opts };
}

const LISTS = '/var/lib/apt/lists';

/** Does this path operand of `rm -r` take the apt lists with it? (`/var/lib/apt/lists/*`, `/var/lib/apt`, ...) */
function coversLists(p: string): boolean {
  const path = p.replace(/\/+$/, '').replace(/;$/, '');
  return path === LISTS || path === `${LISTS}/*` || path === '/var/lib/apt' || path === '/var/lib/apt/*';
}

/** `rm -r …/var/lib/apt/lists…`, `apt-get dist-clean`, `apt distclean`: the lists are gone afterwards. */
export function clearsAptLists(inv: Invocation): boolean {
  const sub = aptSubcommand(inv);
  if (sub === 'dist-clean' || sub === 'distclean') return true;
  if (inv.name !== 'rm') return false;
  const opts = parseOptions(inv.args, {});
  const recursive = opts.flags.some((f) => (f.long ? f.name === 'recursive' : f.name === 'r' || f.name === 'R'));
  return recursive && opts.positionals.some((w) => w.value !== undefined && coversLists(w.value));
}

/** BuildKit cache mounts (`--mount=type=cache,target=/var/lib/apt`) keep a directory out of the layer. */
export function cacheMounted(step: HistoryStep, dirs: readonly string[]): boolean {
  return step.mounts.some((m) => {
    const fields = new Map(m.split(',').map((kv) => [kv.split('=')[0] ?? '', kv.slice(kv.indexOf('=') + 1)] as const));
    if (fields.get('type') !== 'cache') return false;
    const target = (fields.get('target') ?? fields.get('dst') ?? fields.get('destination') ?? '').replace(/\/+$/, '');
    return dirs.some((d) => d === target || d.startsWith(`${target}/`));
  });
}
