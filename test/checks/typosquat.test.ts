import { describe, expect, it } from 'vitest';
import {
  KNOWN_REGISTRIES,
  LIBRARY_IMPERSONATION_WORDS,
  OFFICIAL_ALIASES,
  OFFICIAL_IMAGES,
  TRUSTED_NAMESPACES,
  VERIFIED_PUBLISHERS,
} from '../../src/checks/data/official-images.js';
import { damerauLevenshtein, homoglyphVariants, isLikelyTypo } from '../../src/checks/typo-distance.js';
import { typosquatOf, type TyposquatReason } from '../../src/checks/typosquat.js';
import { parseReference } from '../../src/image/reference.js';
import { POPULAR_REAL_IMAGES } from './popular-images.js';

describe('damerauLevenshtein (optimal string alignment)', () => {
  it.each([
    ['', '', 0], ['abc', '', 3], ['', 'abc', 3], ['python', 'python', 0], ['pyhton', 'python', 1], ['pythonn', 'python', 1],
    ['pytho', 'python', 1], ['pxthon', 'python', 1], ['kitten', 'sitting', 3], ['ca', 'abc', 3], ['ngnix', 'nginx', 1],
    ['debain', 'debian', 1], ['mono', 'mongo', 1], ['rust', 'ruby', 2], ['hylang', 'golang', 2], ['ünï', 'üïn', 1], ['ünï', 'üin', 2],
  ])('%s ↔ %s = %i', (a, b, d) => {
    expect(damerauLevenshtein(a, b)).toBe(d);
    expect(damerauLevenshtein(b, a)).toBe(d);
  });
});

describe('typosquatOf: catches', () => {
  const catches: Array<[string, string, TyposquatReason]> = [
    ['pythonn', 'python', 'typo'],
    ['pyhton', 'python', 'typo'],
    ['alpline', 'alpine', 'typo'],
    ['ngnix', 'nginx', 'typo'],
    ['ubunto', 'ubuntu', 'typo'],
    ['debain', 'debian', 'typo'],
    ['nginxx', 'nginx', 'typo'],
    ['alpine3', 'alpine', 'typo'],
    ['elastcisearch', 'elasticsearch', 'typo'],
    ['rabitmq', 'rabbitmq', 'typo'],
    ['node-js', 'node', 'separator'],
    ['postgre-sql', 'postgres', 'separator'],
    ['go-lang', 'golang', 'separator'],
    ['rocky_linux', 'rockylinux', 'separator'],
    ['eclipsetemurin', 'eclipse-temurin', 'separator'],
    ['nodejs', 'node', 'alias'],
    ['postgresql', 'postgres', 'alias'],
    ['ng1nx', 'nginx', 'homoglyph'],
    ['a1pine', 'alpine', 'homoglyph'],
    ['rnongo', 'mongo', 'homoglyph'],
    ['pyth0n', 'python', 'homoglyph'],
    ['library-python', 'python', 'library-impersonation'],
    ['official-node', 'node', 'library-impersonation'],
    ['python-official', 'python', 'library-impersonation'],
    ['offical/python', 'python', 'library-impersonation'],
    ['libary/alpine', 'alpine', 'library-impersonation'],
    ['docker-library/redis', 'redis', 'library-impersonation'],
    ['dockerofficial/pyhton', 'python', 'library-impersonation'],
    ['bitnarni/redis', 'bitnami/redis', 'publisher-typo'],
    ['bltnami/postgresql', 'bitnami/postgresql', 'publisher-typo'],
    ['hashicrop/vault', 'hashicorp/vault', 'publisher-typo'],
    ['acme/ngnix', 'nginx', 'typo'],
    ['acme/a1pine', 'alpine', 'homoglyph'],
    ['docker.io/library/pythonn', 'python', 'typo'],
    ['gcr.io/distroles/static', 'gcr.io/distroless/static', 'publisher-typo'],
    ['cgr.dev/chainguardd/node', 'cgr.dev/chainguard/node', 'publisher-typo'],
    ['mcr.microsoft.com/dotnte/sdk', 'mcr.microsoft.com/dotnet/sdk', 'publisher-typo'],
    ['registry.access.redhat.com/ub19/ubi', 'registry.access.redhat.com/ubi9/ubi', 'publisher-typo'],
    ['dokcer.io/library/alpine', 'docker.io/library/alpine', 'registry-typo'],
    ['quay.lo/prometheus/prometheus', 'quay.io/prometheus/prometheus', 'registry-typo'],
    ['mcr.microsoft.co/dotnet/sdk', 'mcr.microsoft.com/dotnet/sdk', 'registry-typo'],
    ['public.ecr.aws/docker/library/pyhton', 'public.ecr.aws/docker/library/python', 'typo'],
    ['mirror.gcr.io/library/ngnix', 'mirror.gcr.io/library/nginx', 'typo'],
  ];
  it.each(catches)('%s → %s (%s)', (name, likely, reason) => {
    const found = typosquatOf({ repository: name });
    expect(found).toMatchObject({ likely, reason });
    expect(found?.suspect).toBe(name.replace(/^docker\.io\//, '')); // Docker Hub names are shown without the registry
  });

  it('works on parsed references (registry split off, library/ added) and reports the distance', () => {
    const { registry, repository } = parseReference('pyhton:3.12-slim');
    expect(typosquatOf({ registry, repository })).toEqual({ suspect: 'library/pyhton', likely: 'python', distance: 1, reason: 'typo' });
    const bitnami = parseReference('docker.io/bitnarni/redis:7');
    expect(typosquatOf(bitnami)).toEqual({ suspect: 'bitnarni/redis', likely: 'bitnami/redis', distance: 2, reason: 'publisher-typo' });
  });
});

describe('typosquatOf: catches not', () => {
  const fine = [
    'node', 'nginx', 'alpine', 'golang', 'redis', 'python', 'pypy', 'mono', 'mongo', 'rust', 'ruby', 'jruby', 'julia', 'haxe',
    'hylang', 'clojure', 'busybox', 'scratch', 'swift', 'swipl', 'library/python', 'docker.io/library/node', 'bitnami/redis',
    'bitnami/postgresql', 'nginxinc/nginx-unprivileged', 'acme/python3', 'acme/amazon-linux', 'acme/node18', 'acme/nodejs',
    'acme/redis-exporter', 'prom/prometheus', 'grafana/grafana', 'hashicorp/vault', 'docker/dockerfile', 'linuxserver/mariadb',
    'gcr.io/distroless/static-debian12', 'gcr.io/distroless/nodejs22-debian12', 'cgr.dev/chainguard/node', 'ghcr.io/acme/app',
    'mcr.microsoft.com/dotnet/aspnet', 'registry.access.redhat.com/ubi9/ubi-minimal', 'registry.access.redhat.com/ubi8',
    'quay.io/prometheus/node-exporter', 'quay.io/someone/anything', 'public.ecr.aws/lambda/python', 'public.ecr.aws/docker/library/node',
    'mirror.gcr.io/library/alpine', 'localhost:5000/pyhton', '10.0.0.1/x/y', 'registry.example.com/team/pythonn',
    'ghcr.io/pyhton/pyhton', 'icr.io/ns/app', 'nvcr.io/nvidia/pytorch', 'acme/mono', 'node-red/node-red', 'acme/ubuntu',
  ];
  it.each(fine)('%s', (name) => {
    expect(typosquatOf({ repository: name })).toBeUndefined();
  });

  it(`none of ${POPULAR_REAL_IMAGES.length} real, popular image references is flagged`, () => {
    const flagged = POPULAR_REAL_IMAGES.filter((ref) => typosquatOf(parseReference(ref)) !== undefined);
    expect(flagged).toEqual([]);
  });

  it('no official image is a typo, look-alike or separator variant of another (all pairs)', () => {
    const confused: string[] = [];
    for (const a of OFFICIAL_IMAGES) {
      for (const b of OFFICIAL_IMAGES) {
        if (a === b) continue;
        const strip = (s: string): string => s.replace(/[-_.]+/g, '');
        if (isLikelyTypo(a, b) || homoglyphVariants(a).includes(b) || strip(a) === strip(b)) confused.push(`${a} ~ ${b}`);
      }
    }
    expect(confused).toEqual([]);
  });

  it('every official image, verified publisher and known registry passes under its own name', () => {
    for (const name of OFFICIAL_IMAGES) expect(typosquatOf({ repository: name }), name).toBeUndefined();
    for (const ns of VERIFIED_PUBLISHERS) expect(typosquatOf({ repository: `${ns}/app` }), ns).toBeUndefined();
    for (const host of KNOWN_REGISTRIES) expect(typosquatOf({ repository: `${host}/team/app` }), host).toBeUndefined();
    for (const [host, namespaces] of Object.entries(TRUSTED_NAMESPACES)) {
      for (const ns of namespaces) expect(typosquatOf({ repository: `${host}/${ns}/app` }), `${host}/${ns}`).toBeUndefined();
    }
  });

  it('the data lists are clean: lowercase valid names, no duplicates, aliases point at official images', () => {
    for (const list of [OFFICIAL_IMAGES, VERIFIED_PUBLISHERS, KNOWN_REGISTRIES, LIBRARY_IMPERSONATION_WORDS]) {
      expect(new Set(list).size, list[0]).toBe(list.length);
      for (const n of list) expect(n).toMatch(/^[a-z0-9][a-z0-9._-]*$/);
    }
    expect(OFFICIAL_IMAGES.length).toBeGreaterThanOrEqual(170);
    for (const target of Object.values(OFFICIAL_ALIASES)) expect(OFFICIAL_IMAGES).toContain(target);
    for (const alias of Object.keys(OFFICIAL_ALIASES)) expect(OFFICIAL_IMAGES).not.toContain(alias);
  });
});
