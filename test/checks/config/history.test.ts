/**
 * History lines as the builders write them (docker classic, buildah, BuildKit; copied from real image
 * configs: the Dockle test data, drydock's buildah fixtures, BuildKit's `# buildkit` form) → steps.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { instructionPairs, parseHistory, parseStep } from '../../../src/checks/config/history.js';
import { maskText, maskValue } from '../../../src/checks/config/mask.js';
import { loadShellParser } from '../../../src/lint/shell/parse.js';

beforeAll(async () => {
  await loadShellParser();
});

const commandNames = (line: string): Array<string | undefined> => (parseStep(0, line).script?.commands ?? []).map((c) => c.name);

describe('history lines', () => {
  it('classic #(nop) steps are their instruction, with its arguments', () => {
    const add = parseStep(0, '/bin/sh -c #(nop) ADD file:2e3a37883f56 in / ');
    expect(add).toMatchObject({ instruction: 'ADD', args: 'file:2e3a37883f56 in /' });
    expect(add.script).toBeUndefined();
    expect(parseStep(0, '/bin/sh -c #(nop)  CMD ["/bin/sh"]')).toMatchObject({ instruction: 'CMD', args: '["/bin/sh"]' });
    expect(parseStep(0, '/bin/sh -c #(nop)  ENV PASS=ADMIN')).toMatchObject({ instruction: 'ENV', args: 'PASS=ADMIN' });
  });

  it('RUN steps: the script after the shell, build args before it (values may hold spaces)', () => {
    const step = parseStep(0, '|3 MIRROR=http://deb.debian.org/debian NOTE=two words X= /bin/sh -c apt-get update && apt-get install -y curl');
    expect(step.instruction).toBe('RUN');
    expect(step.buildArgs).toEqual([
      { name: 'MIRROR', value: 'http://deb.debian.org/debian' },
      { name: 'NOTE', value: 'two words' },
      { name: 'X', value: '' },
    ]);
    expect(step.script?.source).toBe('apt-get update && apt-get install -y curl');
    expect(parseStep(0, '|1 NOTE=last one has spaces /bin/sh -c true').buildArgs).toEqual([{ name: 'NOTE', value: 'last one has spaces' }]);
    // BuildKit exec form: no shell to stop at, exactly N args
    const exec = parseStep(0, 'RUN |1 V=1 apt-get update # buildkit');
    expect(exec.buildArgs).toEqual([{ name: 'V', value: '1' }]);
    expect(exec.script?.source).toBe('apt-get update');
    expect(commandNames('/bin/bash -o pipefail -c curl -fsS https://x | sh')).toEqual(['curl', 'sh']);
  });

  it('BuildKit lines: `# buildkit` suffix, RUN mounts, other instructions as written', () => {
    const run = parseStep(0, 'RUN --mount=type=cache,target=/var/cache/apt,sharing=locked --network=none |1 V=1 /bin/sh -c apt-get update # buildkit');
    expect(run).toMatchObject({ instruction: 'RUN', mounts: ['type=cache,target=/var/cache/apt,sharing=locked'], buildArgs: [{ name: 'V', value: '1' }] });
    expect(run.script?.source).toBe('apt-get update');
    expect(parseStep(0, 'RUN /bin/sh -c echo "hello" # buildkit').script?.commands[0]?.name).toBe('echo');
    expect(parseStep(0, 'COPY . /app # buildkit')).toMatchObject({ instruction: 'COPY', args: '. /app' });
    expect(parseStep(0, 'ADD https://example.com/a.tgz /opt/ # buildkit')).toMatchObject({ instruction: 'ADD' });
    expect(parseStep(0, 'ENV A=1 B=2')).toMatchObject({ instruction: 'ENV', args: 'A=1 B=2' });
  });

  it('a line in no known form is read as a shell line (as Dockle reads every line)', () => {
    const s = parseStep(0, 'apko build: apt-get update');
    expect(s.instruction).toBeUndefined();
    expect(s.script).toBeDefined();
  });

  it('maps steps that made a layer onto the layers, in order', () => {
    const steps = parseHistory(
      { history: [{ createdBy: 'ARG X', emptyLayer: true }, { createdBy: '/bin/sh -c #(nop) ADD file:a in /' }, { createdBy: 'ENV A=1', emptyLayer: true }, { createdBy: '/bin/sh -c true' }, { createdBy: '/bin/sh -c false' }] },
      2,
    );
    expect(steps.map((s) => [s.index, s.emptyLayer, s.layer])).toEqual([
      [0, true, undefined],
      [1, false, 0],
      [2, true, undefined],
      [3, false, 1],
      [4, false, undefined], // more history than layers: unknown
    ]);
  });
});

describe('ENV / LABEL / ARG pairs', () => {
  it('splits NAME=value pairs, values up to the next pair, quotes dropped', () => {
    expect(instructionPairs('ENV', 'abc=hello password=sensibledata')).toEqual([
      { name: 'abc', value: 'hello' },
      { name: 'password', value: 'sensibledata' },
    ]);
    expect(instructionPairs('ENV', 'ABC=hello PASS= ')).toEqual([
      { name: 'ABC', value: 'hello' },
      { name: 'PASS', value: '' },
    ]);
    expect(instructionPairs('LABEL', 'org.opencontainers.image.version=22.04 com.example-x="a b"')).toEqual([
      { name: 'org.opencontainers.image.version', value: '22.04' },
      { name: 'com.example-x', value: 'a b' },
    ]);
    expect(instructionPairs('ENV', 'JAVA_OPTS=-Xmx1g -Dfoo=bar')).toEqual([{ name: 'JAVA_OPTS', value: '-Xmx1g -Dfoo=bar' }]);
  });

  it('reads the legacy `ENV NAME value` form and buildah\'s `ARG A B` name lists', () => {
    expect(instructionPairs('ENV', 'DB_PASSWORD hunter2 hunter3')).toEqual([{ name: 'DB_PASSWORD', value: 'hunter2 hunter3' }]);
    expect(instructionPairs('ARG', 'MIRROR ROOTFS')).toEqual([
      { name: 'MIRROR', value: '' },
      { name: 'ROOTFS', value: '' },
    ]);
  });
});

describe('masking', () => {
  it('shows 4 characters of a long value, none of a short one', () => {
    expect(maskValue('s3cr3t-Pa55w0rd-2024')).toBe('s3cr****');
    expect(maskValue('hunter2')).toBe('****');
    expect(maskValue('')).toBe('****');
  });

  it('replaces every occurrence, longest secret first', () => {
    expect(maskText('A=abcdefghijklmnop B=abcdefghijklmnopqrst A=abcdefghijklmnop', ['abcdefghijklmnop', 'abcdefghijklmnopqrst'])).toBe('A=abcd**** B=abcd**** A=abcd****');
  });
});
