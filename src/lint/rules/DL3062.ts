/**
 * DL3062: pin versions in `go install`, `go get` and `go run`: `pkg@v1.2.3` (not `@latest`, `@upgrade`
 * or `@patch`, which move). Local packages (`.`, `./cmd/x`, `/src/app`, `main.go`) and the meta
 * packages (`all`, `std`, `cmd`, `tool`) are built from the context. `go run` runs its first argument;
 * the rest are the program's own. Words only known at build time are left alone.
 */
import type { LintRule, Violation } from '../rule.js';
import { parseOptions } from '../shell/options.js';
import { GO_OPTIONS } from '../shell/tool-options.js';
import { programsNamed } from './packages/runs.js';

const GO = new Set(['go']);
const FETCHING = new Set(['install', 'get', 'run']);
const MOVING = new Set(['', 'latest', 'upgrade', 'patch']);
const META = new Set(['all', 'std', 'cmd', 'tool']);

function goPinned(pkg: string): boolean {
  if (pkg.startsWith('.') || pkg.startsWith('/') || pkg.endsWith('.go') || META.has(pkg)) return true;
  const at = pkg.lastIndexOf('@');
  return at > 0 && !MOVING.has(pkg.slice(at + 1));
}

export const DL3062: LintRule = {
  code: 'DL3062',
  level: 'warning',
  message: 'Pin versions in go. Instead of `go install <package>` use `go install <package>@<version>`',
  description: 'Pin versions in `go install`, `go get` and `go run`.',
  check(ctx) {
    const out: Violation[] = [];
    for (const { inv } of programsNamed(ctx, GO)) {
      const sub = inv.args[0]?.value;
      if (sub === undefined || !FETCHING.has(sub)) continue;
      const { positionals } = parseOptions(inv.args.slice(1), GO_OPTIONS);
      const packages = sub === 'run' ? positionals.slice(0, 1) : positionals;
      for (const word of packages) {
        if (word.value !== undefined && !goPinned(word.value)) out.push({ code: 'DL3062', span: word.span });
      }
    }
    return out;
  },
};
