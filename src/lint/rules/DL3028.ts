/**
 * DL3028: pin versions in `gem install` / `gem i`: `gem:1.2`, or `-v`/`--version` for the command. A
 * local `.gem` file is pinned by its content. Words after `--` are build flags for native extensions;
 * an option gem does not know (`--use-system-libraries`) makes gem refuse the command, so what
 * follows it is not read as gems either. Words only known at build time are left alone.
 */
import type { ShellWord } from '../shell/model.js';
import type { LintRule, Violation } from '../rule.js';
import { hasFlag, parseSubcommand } from '../shell/options.js';
import { GEM_OPTIONS } from '../shell/tool-options.js';
import { programsNamed } from './packages/runs.js';

const GEM = new Set(['gem']);
const INSTALL = new Set(['install', 'i']);

/** The long options of `gem install` (gem help install), value-taking ones included. */
const GEM_LONG = new Set([
  ...(GEM_OPTIONS.longWithValue ?? []),
  'document', 'no-document', 'rdoc', 'no-rdoc', 'ri', 'no-ri', 'user-install', 'no-user-install', 'force',
  'no-force', 'ignore-dependencies', 'development', 'development-all', 'conservative', 'minimal-deps',
  'prerelease', 'no-prerelease', 'pre', 'both', 'local', 'remote', 'clear-sources', 'lock', 'no-lock',
  'suggestions', 'no-suggestions', 'explain', 'default', 'post-install-message', 'no-post-install-message',
  'wrappers', 'no-wrappers', 'env-shebang', 'no-env-shebang', 'format-executable', 'no-format-executable',
  'vendor', 'verbose', 'no-verbose', 'quiet', 'silent', 'backtrace', 'debug', 'norc', 'update-sources',
  'no-update-sources', 'file', 'http-proxy', 'no-http-proxy', 'install-dir', 'only-install-dir', 'help',
]);

/** The words gem reads as its own: up to `--` or an option it does not know. */
function gemWords(args: readonly ShellWord[]): readonly ShellWord[] {
  const end = args.findIndex((w) => {
    const v = w.value;
    if (v === '--') return true;
    return v?.startsWith('--') === true && !GEM_LONG.has(v.slice(2).split('=')[0] ?? '');
  });
  return end < 0 ? args : args.slice(0, end);
}

function gemPinned(gem: string): boolean {
  return gem.includes(':') || gem.endsWith('.gem');
}

export const DL3028: LintRule = {
  code: 'DL3028',
  level: 'warning',
  message: 'Pin versions in gem install. Instead of `gem install <gem>` use `gem install <gem>:<version>`',
  description: 'Pin versions in `gem install`.',
  check(ctx) {
    const out: Violation[] = [];
    for (const { inv } of programsNamed(ctx, GEM)) {
      const cmd = parseSubcommand(gemWords(inv.args), GEM_OPTIONS);
      if (!INSTALL.has(cmd.subcommand?.value ?? '') || hasFlag(cmd, 'v', 'version')) continue;
      for (const word of cmd.operands) {
        if (word.value !== undefined && !gemPinned(word.value)) out.push({ code: 'DL3028', span: word.span });
      }
    }
    return out;
  },
};
