import { describe, expect, it } from 'vitest';
import { registryCredentialsFromEnv } from '../../../src/image/registry/env.js';

describe('registryCredentialsFromEnv', () => {
  it.each([
    [{}, {}],
    [{ DRYDOCK_USERNAME: 'u', DRYDOCK_PASSWORD: 'p', HOME: '/home/u' }, { username: 'u', password: 'p', dockerConfigPath: '/home/u/.docker/config.json' }],
    [{ DRYDOCK_AUTH_FILE: '/a.json', REGISTRY_AUTH_FILE: '/b.json', DOCKER_CONFIG: '/c', HOME: '/h' }, { dockerConfigPath: '/a.json' }],
    [{ REGISTRY_AUTH_FILE: '/b.json', DOCKER_CONFIG: '/c', HOME: '/h' }, { dockerConfigPath: '/b.json' }],
    [{ DOCKER_CONFIG: '/c', HOME: '/h' }, { dockerConfigPath: '/c/config.json' }],
    [{ DRYDOCK_USERNAME: '', DRYDOCK_AUTH_FILE: '', HOME: '/h' }, { dockerConfigPath: '/h/.docker/config.json' }],
  ])('%j → %j', (env, expected) => {
    expect(registryCredentialsFromEnv(env)).toEqual(expected);
  });
});
