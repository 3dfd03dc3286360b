import { beforeAll, describe, expect, it } from 'vitest';
import type { Span } from '../../../src/lint/dockerfile/ast.js';
import { invocations } from '../../../src/lint/shell/invocations.js';
import type { ShellScript } from '../../../src/lint/shell/model.js';
import { loadShellParser, parseShell, parseShellStrict } from '../../../src/lint/shell/parse.js';
import { prng } from '../../helpers/prng.js';
import { plainSource } from './source.js';

beforeAll(async () => {
  await loadShellParser();
});

const SEEDS = [
  'apt-get update && apt-get install -y --no-install-recommends curl=7.88 ca-certificates && rm -rf /var/lib/apt/lists/*',
  'set -eux; \\\n  apk add --no-cache --virtual .build-deps gcc musl-dev; pip install --no-cache-dir -r /tmp/req.txt; apk del .build-deps',
  'curl -fsSL https://example.com/install.sh | sh -s -- -y && echo "done: $(date +%s)" >> /var/log/x 2>&1',
  'cat <<EOF > /etc/app.conf\nkey=$VALUE\nother=$(hostname)\nEOF\nchmod 600 /etc/app.conf',
  "if [ -f /x ]; then echo 'yes'; else for i in 1 2 3; do echo \"$i\"; done; fi; case \"$A\" in a|b) x;; *) y;; esac",
  'sudo -E env A=1 nice -n 5 bash -o pipefail -ec "npm ci --only=production && npm cache clean --force"',
  "fn() { local v=${1:-default}; echo ${v//a/b} $'tab\\there' $((v + 1)); }; fn `id -u` <(ls) >(cat)",
  'export PATH="/opt/bin:$PATH" DEBIAN_FRONTEND=noninteractive; unset X; [[ -n $Y && $Z == z* ]] || exit 1',
];

const TOKENS = [
  'echo', 'apt-get', 'install', '-y', '--opt=v', '&&', '||', '|', '|&', ';', ';;', '&', '\n', '(', ')', '{', '}', '$(', '`', '"', "'",
  '$', '${', '\\', '\\\n', '<<', '<<-', '<<<', 'EOF', '>', '>>', '2>&1', '&>', '<(', 'if', 'then', 'else', 'fi', 'for', 'in', 'do', 'done',
  'case', 'esac', 'while', 'function', '[[', ']]', '[', ']', '!', '#', '=', 'A=1', '*', '~', '{a,b}', '$((', '))', "$'", '$"', '\t', ' ',
  'é', '😀', '\uD800', '\u0000', '\r\n', 'sh -c', 'sudo', 'env', 'x', '$x', '"$@"', '((', 'local', 'export', 'declare -a',
];

function mutate(rand: () => number, text: string): string {
  let out = text;
  const edits = 1 + Math.floor(rand() * 5);
  for (let e = 0; e < edits; e++) {
    const at = Math.floor(rand() * (out.length + 1));
    const op = rand();
    if (op < 0.3) out = out.slice(0, at) + out.slice(at + 1 + Math.floor(rand() * 4));
    else if (op < 0.6) out = out.slice(0, at) + (TOKENS[Math.floor(rand() * TOKENS.length)] as string) + out.slice(at);
    else if (op < 0.8) out = out.slice(0, at) + String.fromCharCode(Math.floor(rand() * 128)) + out.slice(at + 1);
    else {
      const from = Math.floor(rand() * out.length);
      out = out.slice(0, at) + out.slice(from, from + Math.floor(rand() * 20)) + out.slice(at);
    }
  }
  return out;
}

function generate(rand: () => number, i: number): string {
  const kind = i % 3;
  if (kind === 0) return mutate(rand, SEEDS[Math.floor(rand() * SEEDS.length)] as string);
  if (kind === 1) {
    const n = Math.floor(rand() * 30);
    let s = '';
    for (let k = 0; k < n; k++) s += (TOKENS[Math.floor(rand() * TOKENS.length)] as string) + (rand() < 0.6 ? ' ' : '');
    return s;
  }
  let s = '';
  const n = Math.floor(rand() * 60);
  for (let k = 0; k < n; k++) s += String.fromCharCode(rand() < 0.95 ? Math.floor(rand() * 128) : Math.floor(rand() * 0x10000));
  return s;
}

function spansOf(script: ShellScript): Span[] {
  const spans: Span[] = script.errors.map((e) => e.span);
  for (const c of script.commands) {
    spans.push(c.span, ...c.words.map((w) => w.span));
    for (const r of c.redirects) spans.push(r.span, ...(r.target === undefined ? [] : [r.target.span]));
    for (const a of c.assignments) if (a.value !== undefined) spans.push(a.value.span);
  }
  return spans;
}

/** Problems with one script's model; empty when all is well. */
function check(text: string, script: ShellScript): string[] {
  const bad = spansOf(script).filter((s) => s.start.offset < 0 || s.end.offset < s.start.offset || s.end.offset > text.length);
  return bad.map((s) => `span ${s.start.offset}..${s.end.offset} outside 0..${text.length}`);
}

describe('parseShell fuzz', () => {
  it('50,000 random and mutated scripts: no throw, every span inside the source', () => {
    const rand = prng(20240605);
    const failures: string[] = [];
    let commands = 0;
    for (let i = 0; i < 50_000 && failures.length < 5; i++) {
      const text = generate(rand, i);
      try {
        const script = parseShellStrict(plainSource(text));
        commands += script.commands.length;
        for (const problem of check(text, script)) failures.push(`${JSON.stringify(text)}: ${problem}`);
        if (i % 10 === 0) invocations(script);
      } catch (err) {
        failures.push(`${JSON.stringify(text)}: threw ${String(err)}`);
      }
    }
    expect(failures).toEqual([]);
    expect(commands).toBeGreaterThan(50_000); // the generator does produce commands to check
  });

  it('pathological nesting and length: bounded, no stack overflow', () => {
    const cases = [
      '$('.repeat(5000),
      `${'('.repeat(3000)}x${')'.repeat(3000)}`,
      `echo ${'"$('.repeat(800)}x${')"'.repeat(800)}`,
      `${'{ '.repeat(2000)}x${'; }'.repeat(2000)}`,
      `${'if a; then '.repeat(500)}b${'; fi'.repeat(500)}`,
    ];
    for (const text of cases) {
      const script = parseShellStrict(plainSource(text));
      expect(check(text, script)).toEqual([]);
    }
    const deep = parseShell(plainSource(`${'('.repeat(300)}x${')'.repeat(300)}`));
    expect(deep.errors.length).toBeGreaterThan(0); // too deep to analyse is reported, not silent
  });

  it('hostile input that sends tree-sitter error recovery quadratic is cut off with an error', () => {
    const text = ')('.repeat(25_000); // takes tree-sitter-bash about 30 s to finish
    const t0 = performance.now();
    const script = parseShell(plainSource(text));
    expect(performance.now() - t0).toBeLessThan(10_000);
    expect(script.errors.length).toBeGreaterThan(0);
  });

  it('a 20,000-command && chain is flattened without recursion', () => {
    const text = `${'a && '.repeat(20_000)}b`;
    const script = parseShellStrict(plainSource(text));
    expect(script.commands).toHaveLength(20_001);
    expect(script.commands[20_000]?.join).toBe('&&');
  });
});
