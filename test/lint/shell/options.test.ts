import { beforeAll, describe, expect, it } from 'vitest';
import type { ShellWord } from '../../../src/lint/shell/model.js';
import { commandsNamed, invocationOf, invocations, shellCBody } from '../../../src/lint/shell/invocations.js';
import { flagCount, flagsNamed, hasFlag, parseOptions, parseSubcommand, type OptionSpec, type ParsedOptions } from '../../../src/lint/shell/options.js';
import { loadShellParser, parseShell } from '../../../src/lint/shell/parse.js';
import { TOOL_OPTIONS } from '../../../src/lint/shell/tool-options.js';
import { plainSource, runSource } from './source.js';

beforeAll(async () => {
  await loadShellParser();
});

/** The argument words of the first command of `script` (its name dropped). */
function args(script: string): ShellWord[] {
  return [...(parseShell(plainSource(script)).commands[0]?.words.slice(1) ?? [])];
}

/** `name` or `name=value` per flag, and the positional values (dynamic ones as ⟨raw⟩). */
function show(opts: ParsedOptions): { flags: string[]; positionals: string[] } {
  return {
    flags: opts.flags.map((f) => (f.valueWord === undefined ? f.name : `${f.name}=${f.value ?? `⟨${f.valueWord.raw}⟩`}`)),
    positionals: opts.positionals.map((w) => w.value ?? `⟨${w.raw}⟩`),
  };
}

function spec(tool: string): OptionSpec {
  const s = TOOL_OPTIONS.get(tool);
  if (s === undefined) throw new Error(`no spec for ${tool}`);
  return s;
}

describe('parseOptions (getopt semantics)', () => {
  const cases: Array<[name: string, script: string, tool: string, flags: string[], positionals: string[]]> = [
    ['apt-get bundles, -o with a separate value, -t, packages', 'apt-get -qq -y --no-install-recommends -o Dpkg::Options::=--force-confold install -t bookworm-backports pkg1 pkg2=1.0', 'apt-get',
      ['q', 'q', 'y', 'no-install-recommends', 'o=Dpkg::Options::=--force-confold', 't=bookworm-backports'], ['install', 'pkg1', 'pkg2=1.0']],
    ['apt-get -yq bundle and --option=', 'apt-get install -yq --option=Acquire::Retries=3 curl', 'apt-get', ['y', 'q', 'option=Acquire::Retries=3'], ['install', 'curl']],
    ['apt-get -o value attached', 'apt-get -oDebug::pkgProblemResolver=yes install x', 'apt-get', ['o=Debug::pkgProblemResolver=yes'], ['install', 'x']],
    ['apt-get -q=2', 'apt-get -q=2 install x', 'apt-get', ['q=2'], ['install', 'x']],
    ['-- ends the options', 'apt-get install -y -- -weird-name', 'apt-get', ['y'], ['install', '-weird-name']],
    ['a lone - is a positional', 'apt-get install - x', 'apt-get', [], ['install', '-', 'x']],
    ['pip: -r, -i and -e take values, --no-cache-dir does not', 'pip install --no-cache-dir -r requirements.txt -i https://idx.example --upgrade pkg==1.0 -e .', 'pip',
      ['no-cache-dir', 'r=requirements.txt', 'i=https://idx.example', 'upgrade', 'e=.'], ['install', 'pkg==1.0']],
    ['pip: a global option before the subcommand', 'pip3 --no-cache-dir install --target=/opt/lib x', 'pip3', ['no-cache-dir', 'target=/opt/lib'], ['install', 'x']],
    ['pip: a dynamic positional and a dynamic option value', 'pip install $PKGS --target=$DIR', 'pip', ['target=⟨--target=$DIR⟩'], ['install', '⟨$PKGS⟩']],
    ['npm: --registry and --omit take values', 'npm install -g --registry https://r.example --omit dev pkg@1 --save-exact', 'npm',
      ['g', 'registry=https://r.example', 'omit=dev', 'save-exact'], ['install', 'pkg@1']],
    ['npm ci --only=production', 'npm ci --only=production', 'npm', ['only=production'], ['ci']],
    ['apk: --virtual takes a value', 'apk add --no-cache --virtual .build-deps gcc musl-dev', 'apk', ['no-cache', 'virtual=.build-deps'], ['add', 'gcc', 'musl-dev']],
    ['apk: -U, -t and -X', 'apk add -U -t .deps -X https://repo.example curl', 'apk', ['U', 't=.deps', 'X=https://repo.example'], ['add', 'curl']],
    ['yum: --setopt= and --enablerepo value', 'yum install -y --setopt=tsflags=nodocs --enablerepo epel httpd-2.4', 'yum', ['y', 'setopt=tsflags=nodocs', 'enablerepo=epel'], ['install', 'httpd-2.4']],
    ['dnf: -x takes a value', 'dnf -y install -x kernel* vim', 'dnf', ['y', 'x=kernel*'], ['install', 'vim']],
    ['zypper: global -n, install -t', 'zypper -n install -y -t pattern devel_basis', 'zypper', ['n', 'y', 't=pattern'], ['install', 'devel_basis']],
    ['curl: -o at the end of a bundle takes the next word', 'curl -fsSLo /tmp/x.tgz https://example.com/x.tgz', 'curl', ['f', 's', 'S', 'L', 'o=/tmp/x.tgz'], ['https://example.com/x.tgz']],
    ['curl: -H and --retry values', 'curl --retry 3 -H "Accept: x" https://e', 'curl', ['retry=3', 'H=Accept: x'], ['https://e']],
    ['wget: -nv is one option, -O- has an attached value', 'wget -nv -O- https://e/x', 'wget', ['nv', 'O=-'], ['https://e/x']],
    ['wget: -q -O file', 'wget -q -O /tmp/f https://e/x', 'wget', ['q', 'O=/tmp/f'], ['https://e/x']],
  ];
  it.each(cases)('%s', (_name, script, tool, flags, positionals) => {
    expect(show(parseOptions(args(script), spec(tool)))).toEqual({ flags, positionals });
  });

  it('a value option at the very end has no value', () => {
    expect(show(parseOptions(args('apt-get install -o'), spec('apt-get')))).toEqual({ flags: ['o'], positionals: ['install'] });
  });

  it('stopAtPositional: options after the first operand are operands', () => {
    expect(show(parseOptions(args('sh -e script.sh -x'), { stopAtPositional: true }))).toEqual({ flags: ['e'], positionals: ['script.sh', '-x'] });
  });

  it('hasFlag / flagCount / flagsNamed', () => {
    const opts = parseOptions(args('apt-get -qq --assume-yes -o A=1 -o B=2 install x'), spec('apt-get'));
    expect(hasFlag(opts, 'y', 'yes', 'assume-yes')).toBe(true);
    expect(hasFlag(opts, 'no-install-recommends')).toBe(false);
    expect(flagCount(opts, 'q', 'quiet')).toBe(2);
    expect(flagsNamed(opts, 'o', 'option').map((f) => f.value)).toEqual(['A=1', 'B=2']);
  });

  it('flags keep their words (for spans and fixes)', () => {
    const words = args('apt-get install -yq -o X=1 curl');
    const opts = parseOptions(words, spec('apt-get'));
    expect(opts.flags.map((f) => f.word.raw)).toEqual(['-yq', '-yq', '-o']);
    expect(opts.flags[2]?.valueWord).toBe(words[3]);
  });

  it('parseSubcommand: subcommand and operands', () => {
    const r = parseSubcommand(args('apt-get -y -o X=1 install --no-install-recommends a b=1'), spec('apt-get'));
    expect(r.subcommand?.value).toBe('install');
    expect(r.operands.map((w) => w.value)).toEqual(['a', 'b=1']);
    expect(hasFlag(r, 'no-install-recommends')).toBe(true);
  });
});

describe('invocations: wrappers and sh -c', () => {
  const inv = (script: string) => invocationOf(parseShell(plainSource(script)).commands[0] as never);

  it('looks through sudo, env, nice, time, command and exec', () => {
    const i = inv('sudo -E -u root env -i DEBIAN_FRONTEND=noninteractive nice -n 10 /usr/bin/apt-get install -y x');
    expect(i?.name).toBe('apt-get');
    expect(i?.wrappers).toEqual(['sudo', 'env', 'nice']);
    expect(i?.args.map((w) => w.value)).toEqual(['install', '-y', 'x']);
    expect(inv('time -p make -j4')?.name).toBe('make');
    expect(inv('exec gosu app node server.js')?.name).toBe('gosu');
    expect(inv('command apt-get update')?.name).toBe('apt-get');
    expect(inv('sudo -- apk add x')?.name).toBe('apk');
  });

  it('wrappers that run nothing are the command themselves', () => {
    expect(inv('command -v apt-get')?.name).toBe('command');
    expect(inv('sudo -l')?.name).toBe('sudo');
    expect(inv('env')?.name).toBe('env');
    expect(inv('env A=1')?.name).toBe('env');
    expect(inv('exec')?.name).toBe('exec');
    expect(inv('"$CMD" x')).toBeUndefined();
  });

  it('commandsNamed finds commands inside sh -c / bash -c strings, recursively', () => {
    const script = parseShell(plainSource(`apt-get update && sh -c 'apt-get install -y a' && bash -o pipefail -ec "sudo apt-get purge b; sh -c 'apt-get clean'" && bash run.sh`));
    const found = commandsNamed(script, 'apt-get');
    expect(found.map((i) => i.args.map((w) => w.value).join(' '))).toEqual(['update', 'install -y a', 'purge b', 'clean']);
    expect(found.map((i) => i.via?.name)).toEqual([undefined, 'sh', 'bash', 'sh']);
    expect(commandsNamed(script, ['bash']).map((i) => i.args.at(-1)?.value)).toEqual(['sudo apt-get purge b; sh -c \'apt-get clean\'', 'run.sh']);
    expect(invocations(script)).toBe(invocations(script)); // cached per script
  });

  it('sh -c words point into the quoted string in the Dockerfile', () => {
    const file = `FROM alpine\nRUN set -e && \\\n    sh -c 'apk add --no-cache "curl"'\n`;
    const outer = parseShell(runSource(file));
    const [apk] = commandsNamed(outer, 'apk');
    const curl = apk?.args.at(-1);
    expect(curl?.value).toBe('curl');
    expect(file.slice(curl?.span.start.offset, curl?.span.end.offset)).toBe('"curl"');
    expect(curl?.span.start).toMatchObject({ line: 3, column: (file.split('\n')[2] ?? '').indexOf('"curl"') + 1 });
  });

  it('escapes inside a double-quoted sh -c string map to the escaped characters', () => {
    const file = 'RUN bash -c "echo \\"\\$HOME\\" done"';
    const outer = parseShell(runSource(file));
    const host = invocations(outer)[0];
    const body = host === undefined ? undefined : shellCBody(outer, host);
    expect(body?.script.source).toBe('echo "$HOME" done');
    const word = body?.script.commands[0]?.words[1];
    expect(word?.raw).toBe('"$HOME"');
    expect(file.slice(word?.span.start.offset, word?.span.end.offset)).toBe('"\\$HOME\\"');
  });

  it('a dynamic sh -c string is not parsed', () => {
    const script = parseShell(plainSource('sh -c "$CMD"'));
    const host = invocations(script)[0];
    expect(host === undefined ? 'none' : shellCBody(script, host)).toBeUndefined();
  });
});
