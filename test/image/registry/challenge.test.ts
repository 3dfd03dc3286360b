import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseChallenges, pickChallenge } from '../../../src/image/registry/auth/challenge.js';
import { startRegistry, type RegistryServer } from '../../helpers/registry-server.js';

describe('parseChallenges', () => {
  it.each([
    [
      'Docker Hub style Bearer',
      ['Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/alpine:pull"'],
      [{ scheme: 'bearer', params: { realm: 'https://auth.docker.io/token', service: 'registry.docker.io', scope: 'repository:library/alpine:pull' } }],
    ],
    ['Basic with a realm', ['Basic realm="Registry Realm"'], [{ scheme: 'basic', params: { realm: 'Registry Realm' } }]],
    [
      'two challenges in one header, spaces around = and token values',
      ['Basic realm = "a, b", Bearer realm=https://t.example/token , service=reg'],
      [
        { scheme: 'basic', params: { realm: 'a, b' } },
        { scheme: 'bearer', params: { realm: 'https://t.example/token', service: 'reg' } },
      ],
    ],
    ['escaped quotes and an error parameter', ['bearer realm="x\\"y",error="insufficient_scope"'], [{ scheme: 'bearer', params: { realm: 'x"y', error: 'insufficient_scope' } }]],
    ['repeated headers', ['Negotiate', 'Basic realm="r"'], [{ scheme: 'negotiate', params: {} }, { scheme: 'basic', params: { realm: 'r' } }]],
    ['garbage does not throw', ['=,,"', ''], []],
  ])('%s', (_name, headers, expected) => {
    expect(parseChallenges(headers)).toEqual(expected);
  });

  it('prefers Bearer over Basic and ignores other schemes', () => {
    expect(pickChallenge(parseChallenges(['Basic realm="r", Bearer realm="t"']))?.scheme).toBe('bearer');
    expect(pickChallenge(parseChallenges(['Negotiate abc==']))).toBeUndefined();
  });
});

describe('challenges of a real token-auth registry', () => {
  let reg: RegistryServer;
  beforeAll(async () => {
    reg = await startRegistry({ auth: 'token' });
  });
  afterAll(async () => {
    await reg?.stop();
  });

  it('reads realm, service and scope from distribution 2.8', async () => {
    const res = await request(`http://${reg.host}/v2/team/app/manifests/latest`);
    await res.body.dump();
    expect(res.statusCode).toBe(401);
    const [ch] = parseChallenges([String(res.headers['www-authenticate'])]);
    expect(ch?.scheme).toBe('bearer');
    expect(ch?.params['service']).toBe('drydock-test-registry');
    expect(ch?.params['scope']).toBe('repository:team/app:pull');
    expect(ch?.params['realm']).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/token$/);
  });
});
