/**
 * Each check on small hand-made inputs: what it reports and what it must not. (The Dockle tables and
 * the real images are in dockle-conformance.test.ts and fixture-images.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { runConfigChecks, type CheckFinding, type ConfigCheck } from '../../../src/checks/config/index.js';
import { cisDi0001 } from '../../../src/checks/config/cis-di-0001.js';
import { cisDi0006 } from '../../../src/checks/config/cis-di-0006.js';
import { cisDi0007 } from '../../../src/checks/config/cis-di-0007.js';
import { cisDi0008 } from '../../../src/checks/config/cis-di-0008.js';
import { cisDi0009 } from '../../../src/checks/config/cis-di-0009.js';
import { cisDi0010 } from '../../../src/checks/config/cis-di-0010.js';
import { ddImg0001 } from '../../../src/checks/config/dd-img-0001.js';
import { ddImg0002 } from '../../../src/checks/config/dd-img-0002.js';
import { ddImg0003 } from '../../../src/checks/config/dd-img-0003.js';
import { ddImg0004 } from '../../../src/checks/config/dd-img-0004.js';
import { ddImg0005 } from '../../../src/checks/config/dd-img-0005.js';
import { dklDi0001 } from '../../../src/checks/config/dkl-di-0001.js';
import { dklDi0002 } from '../../../src/checks/config/dkl-di-0002.js';
import { dklDi0003 } from '../../../src/checks/config/dkl-di-0003.js';
import { dklDi0004 } from '../../../src/checks/config/dkl-di-0004.js';
import { dklDi0005 } from '../../../src/checks/config/dkl-di-0005.js';
import { dklDi0006 } from '../../../src/checks/config/dkl-di-0006.js';
import { dklLi0001 } from '../../../src/checks/config/dkl-li-0001.js';
import { dklLi0002 } from '../../../src/checks/config/dkl-li-0002.js';
import { dklLi0003 } from '../../../src/checks/config/dkl-li-0003.js';
import type { FsFacts } from '../../../src/core/fs-facts.js';
import type { ImageConfigSummary, Inventory } from '../../../src/core/inventory.js';

const NO_FACTS: FsFacts = { setuidFiles: [], worldWritableDirs: [], programs: [], caches: [], unnecessary: [], accounts: { emptyPassword: [], duplicateIds: [] } };
const LAYERS = [0, 1, 2, 3].map((index) => ({ index, diffId: `sha256:${String(index).repeat(64)}`, createdBy: `step ${index}` }));

function inventory(config: ImageConfigSummary, facts?: Partial<FsFacts>, name?: string): Inventory {
  const inv: Inventory = {
    schema: 'drydock.inventory/v1',
    tool: { name: 'drydock', version: 'test' },
    createdAt: '2026-07-01T00:00:00Z',
    source: { kind: 'oci-layout', reference: 'oci:/x', layers: LAYERS, config, ...(name !== undefined ? { name } : {}) },
    packages: [],
    unknowns: [],
  };
  if (facts) inv.fsFacts = { ...NO_FACTS, ...facts };
  return inv;
}

async function run(check: ConfigCheck, config: ImageConfigSummary, facts?: Partial<FsFacts>, reference?: string): Promise<CheckFinding[]> {
  return runConfigChecks({ config, inventory: inventory(config, facts), ...(reference !== undefined ? { reference } : {}) }, [check]);
}

const details = (fs: CheckFinding[]): string[][] => fs.map((f) => f.details);
const layers = (fs: CheckFinding[]): Array<number | undefined> => fs.map((f) => f.layer?.index);
/** History of RUN lines, each making a layer. */
const runs = (...lines: string[]): ImageConfigSummary => ({ history: lines.map((l) => ({ createdBy: l })) });

describe('config checks', () => {
  it('CIS-DI-0001: root by default, by name or by id, with or without a group', async () => {
    for (const user of [undefined, '', 'root', '0', '0:0', 'root:root', ' root ']) {
      expect(await run(cisDi0001, user === undefined ? {} : { user }), String(user)).toHaveLength(1);
    }
    for (const user of ['app', '1000', '1000:1000', 'nobody', 'rootless']) expect(await run(cisDi0001, { user }), user).toEqual([]);
  });

  it('CIS-DI-0006: no HEALTHCHECK, or HEALTHCHECK NONE', async () => {
    expect(details(await run(cisDi0006, {}))).toEqual([['no HEALTHCHECK in the image config']]);
    expect(details(await run(cisDi0006, { healthcheck: { test: ['NONE'] } }))).toEqual([['HEALTHCHECK NONE: the health check is disabled']]);
    expect(await run(cisDi0006, { healthcheck: { test: ['CMD-SHELL', 'curl -f http://localhost/'] } })).toEqual([]);
  });

  it('CIS-DI-0007: update with nothing installing after it, through wrappers and sh -c', async () => {
    const fs = await run(cisDi0007, runs('/bin/sh -c apt-get update', '/bin/sh -c apt-get update && apt-get install -y x', '/bin/sh -c sudo -E apt-get -o A=b update', "/bin/sh -c sh -c 'apt-get update' && apt-get -y upgrade"));
    expect(layers(fs)).toEqual([0, 2]);
  });

  it('CIS-DI-0008: one finding per layer, each file with its bits, mode and owner', async () => {
    const fs = await run(cisDi0008, {}, {
      setuidFiles: [
        { path: '/usr/bin/su', mode: 0o4755, layer: 0 },
        { path: '/usr/bin/wall', mode: 0o2755, layer: 0, gid: 5 },
        { path: '/opt/x', mode: 0o6750, layer: 2, uid: 1000, gid: 1000 },
      ],
    });
    expect(fs.map((f) => [f.layer?.index, f.layer?.diffId, f.details])).toEqual([
      [0, LAYERS[0]?.diffId, ['/usr/bin/su (setuid, mode 4755, owner 0:0)', '/usr/bin/wall (setgid, mode 2755, owner 0:5)']],
      [2, LAYERS[2]?.diffId, ['/opt/x (setuid+setgid, mode 6750, owner 1000:1000)']],
    ]);
    expect(await run(cisDi0008, {})).toEqual([]); // no filesystem facts (an SBOM target): nothing to say
  });

  it('CIS-DI-0009: ADD after the root filesystem is reported; COPY never', async () => {
    const config: ImageConfigSummary = {
      history: [
        { createdBy: '/bin/sh -c #(nop) ADD file:a in / ' },
        { createdBy: '/bin/sh -c #(nop) ADD file:b in / ' },
        { createdBy: '/bin/sh -c #(nop) CMD ["sh"]', emptyLayer: true },
        { createdBy: '/bin/sh -c #(nop) COPY file:c in /app ' },
        { createdBy: 'ADD https://example.com/x.tgz /opt/ # buildkit' },
      ],
    };
    expect(layers(await run(cisDi0009, config))).toEqual([3]);
  });

  it('CIS-DI-0010: ENV, LABEL, build args and RUN assignments; one finding per value; masked everywhere', async () => {
    const token = 'ghp_0123456789abcdefghijABCDEFGHIJ012345';
    const config: ImageConfigSummary = {
      env: ['PATH=/usr/bin', `GITHUB_TOKEN=${token}`, 'GPG_KEY=ABCDEF0123456789', 'DB_PASSWORD_FILE=/run/secrets/db'],
      labels: { 'com.example.secret': 'hush-hush-hush-hush' },
      history: [
        { createdBy: `/bin/sh -c #(nop)  ENV GITHUB_TOKEN=${token}`, emptyLayer: true },
        { createdBy: `|1 NPM_TOKEN=npm_abcdefghijklmnop /bin/sh -c curl -H "x: $NPM_TOKEN" https://x && MYSQL_PASSWORD=p4ss-w0rd-l0ng-enough mysqld --init` },
      ],
    };
    const fs = await run(cisDi0010, config);
    expect(fs.map((f) => [f.details[0], f.layer?.index])).toEqual([
      ['GITHUB_TOKEN=ghp_****', undefined],
      ['com.example.secret=hush****', undefined],
      ['NPM_TOKEN=npm_****', 0],
      ['MYSQL_PASSWORD=p4ss****', 0],
    ]);
    expect(fs[0]?.details[1]).toBe('found in: ENV in the image config; history step 1 (ENV)');
    expect(JSON.stringify(fs)).not.toMatch(/0123456789abcdefghij|hush-hush-hush|abcdefghijklmnop|w0rd-l0ng/);
  });

  it('masks a secret in the findings of every other check too', async () => {
    const line = '|1 API_KEY=key-0123456789abcdef /bin/sh -c apt-get update';
    const findings = await runConfigChecks({ config: runs(line), inventory: inventory(runs(line)) }, [cisDi0007]);
    expect(findings[0]?.details[0]).toBe('history step 1: |1 API_KEY=key-**** /bin/sh -c apt-get update');
    // the inventory's own history line for the layer, too
    const inv = inventory(runs(line));
    inv.source.layers = [{ index: 0, createdBy: line }];
    const again = await runConfigChecks({ config: runs(line), inventory: inv }, [cisDi0007]);
    expect(again[0]?.layer?.createdBy).toBe('|1 API_KEY=key-**** /bin/sh -c apt-get update');
  });

  it('DKL-DI-0001: sudo run or installed in a RUN step; the word inside a string is not sudo', async () => {
    const fs = await run(dklDi0001, runs('/bin/sh -c sudo make install', '/bin/sh -c apt-get install -y sudo', '/bin/sh -c echo "use sudo wisely"', "/bin/sh -c sh -c 'sudo -u app id'"));
    expect(layers(fs)).toEqual([0, 1, 3]);
  });

  it('DKL-DI-0002: VOLUME /sys, /dev, /proc', async () => {
    expect(details(await run(dklDi0002, { volumes: ['/data', '/proc', '/dev/', '/sys/fs'] }))).toEqual([['VOLUME /proc'], ['VOLUME /dev/']]);
  });

  it('DKL-DI-0003: dist-upgrade and full-upgrade, not upgrade', async () => {
    expect(layers(await run(dklDi0003, runs('/bin/sh -c apt-get -y dist-upgrade', '/bin/sh -c apt full-upgrade -y', '/bin/sh -c apt-get upgrade -y')))).toEqual([0, 1]);
  });

  it('DKL-DI-0004: apk add without --no-cache, unless a BuildKit cache mount holds the cache', async () => {
    const fs = await run(
      dklDi0004,
      runs('/bin/sh -c apk add curl', '/bin/sh -c apk --no-cache add curl', '/bin/sh -c apk add --virtual .deps --no-cache gcc', 'RUN --mount=type=cache,target=/var/cache/apk /bin/sh -c apk add curl # buildkit', '/bin/sh -c apk update'),
    );
    expect(layers(fs)).toEqual([0]);
  });

  it('DKL-DI-0005: lists left after update/install, unless removed later in the step or cache-mounted', async () => {
    const fs = await run(
      dklDi0005,
      runs(
        '/bin/sh -c apt-get update && apt-get install -y x && apt-get clean',
        '/bin/sh -c apt-get update && apt-get install -y x && rm -rf /var/lib/apt/lists/*',
        '/bin/sh -c rm -rf /var/lib/apt/lists/* && apt-get update && apt-get install -y x',
        'RUN --mount=type=cache,target=/var/lib/apt/lists,sharing=locked /bin/sh -c apt-get update && apt-get install -y x # buildkit',
      ),
    );
    expect(layers(fs)).toEqual([0, 2]);
  });

  it('DKL-DI-0006: latest or no tag; the scanned reference wins, else the name the source carries', async () => {
    expect(details(await run(dklDi0006, {}, undefined, 'alpine'))).toEqual([['"alpine" has no tag: it means "latest", which moves']]);
    expect(details(await run(dklDi0006, {}, undefined, 'registry:ghcr.io/x/y:latest'))).toEqual([['"ghcr.io/x/y:latest" uses the "latest" tag, which moves']]);
    for (const ref of ['alpine:3.20', 'localhost:5000/app', 'alpine@sha256:' + 'a'.repeat(64), 'Not A Reference']) {
      expect(await run(dklDi0006, {}, undefined, ref), ref).toEqual(ref === 'localhost:5000/app' ? [expect.anything()] : []);
    }
    const named = inventory({}, undefined, 'docker.io/library/nginx:latest');
    expect(await runConfigChecks({ config: {}, inventory: named, reference: 'docker-archive:/tmp/nginx.tar' }, [dklDi0006])).toHaveLength(1);
  });

  it('DKL-LI-0001 / 0002 / 0003: from the account and leftover facts, per layer', async () => {
    const facts: Partial<FsFacts> = {
      accounts: {
        emptyPassword: [{ file: '/etc/shadow', name: 'guest', layer: 1 }],
        duplicateIds: [{ file: '/etc/passwd', kind: 'uid', id: '0', names: ['root', 'toor'], layer: 0 }],
      },
      unnecessary: [{ path: '/app/.git', mode: 0o755, layer: 2 }, { path: '/app/Dockerfile', mode: 0o644, layer: 2 }],
    };
    expect((await run(dklLi0001, {}, facts)).map((f) => [f.details, f.layer?.index])).toEqual([[['guest has no password (/etc/shadow)'], 1]]);
    expect(details(await run(dklLi0002, {}, facts))).toEqual([['UID 0 is used by root, toor (/etc/passwd)']]);
    expect(details(await run(dklLi0003, {}, facts))).toEqual([['/app/.git', '/app/Dockerfile']]);
  });

  it('DD-IMG-0001: remote-login and Docker daemon ports, TCP (RDP on any protocol)', async () => {
    const fs = await run(ddImg0001, { exposedPorts: ['22/tcp', '22/udp', '80/tcp', '2375/tcp', '3389/udp', '23'] });
    expect(fs.map((f) => [f.details[0]?.split(' — ')[0], f.severity])).toEqual([
      ['EXPOSE 22/tcp', 'medium'],
      ['EXPOSE 2375/tcp', 'high'],
      ['EXPOSE 3389/udp', 'medium'],
      ['EXPOSE 23', 'high'],
    ]);
  });

  it('DD-IMG-0002 / 0003 / 0004 / 0005: from the filesystem facts', async () => {
    const facts: Partial<FsFacts> = {
      worldWritableDirs: [{ path: '/srv/drop', mode: 0o777, layer: 3 }],
      caches: [
        { kind: 'apk', path: '/var/cache/apk', files: 2, bytes: 524_288, layers: [1] },
        { kind: 'dnf', path: '/var/cache/dnf', files: 1, bytes: 40, layers: [1] },
      ],
      programs: [
        { name: 'sh', kind: 'shell', path: '/bin/sh', layer: 0 },
        { name: 'busybox', kind: 'shell', path: '/bin/busybox', layer: 0 },
        { name: 'sudo', kind: 'privilege', path: '/usr/bin/sudo', layer: 2 },
        { name: 'su', kind: 'privilege', path: '/bin/su', layer: 0 },
      ],
    };
    expect((await run(ddImg0002, {}, facts)).map((f) => [f.details, f.layer?.index])).toEqual([[['/srv/drop (mode 0777: chmod +t, or drop o+w)'], 3]]);
    expect(details(await run(ddImg0003, {}, facts))).toEqual([['/var/cache/apk: 2 files, 512.0 KiB', 'clean up with: apk add --no-cache']]);
    expect(details(await run(ddImg0004, {}, facts))).toEqual([['shells: busybox, sh', 'a distroless or static base image has neither']]);
    expect(await run(ddImg0004, {}, { programs: [{ name: 'sudo', kind: 'privilege', path: '/usr/bin/sudo', layer: 0 }] })).toEqual([]);
    expect((await run(ddImg0005, {}, facts)).map((f) => [f.details, f.layer?.index])).toEqual([[['/usr/bin/sudo'], 2]]);
  });
});
