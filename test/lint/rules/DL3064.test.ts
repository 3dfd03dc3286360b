import { describe, expect, it } from 'vitest';
import { isSensitiveName } from '../../../src/lint/rules/DL3064.js';
import { spansOf } from './instruction-helper.js';

describe('DL3064 secrets in ARG / ENV names', () => {
  it.each<[string, string[]]>([
    ['ARG AWS_ACCESS_KEY_ID\nFROM debian:12\n', ['1:5-1:22']],
    ['ARG openai_api_key\nFROM debian:12\n', ['1:5-1:19']],
    ['FROM debian:12\nENV my_password=abcdefghijklmnopqrstuvwxyz\n', ['2:5-2:16']],
    ['FROM debian:12\nENV DB_PASSWORD secret\n', ['2:5-2:16']],
    ['FROM debian:12\nARG A=1 GITHUB_TOKEN\n', ['2:9-2:21']],
    ['FROM debian:12\nONBUILD ARG NPM_TOKEN\n', ['2:13-2:22']],
    ['FROM debian:12\nENV A=1 CLIENT_SECRET=x B_TOKEN=y\n', ['2:9-2:22', '2:25-2:32']],
  ])('catches %j', async (text, spans) => {
    expect(await spansOf('DL3064', text)).toEqual(spans);
  });

  it.each([
    'FROM debian:12\nRUN foobar\n',
    'ARG foobar\nFROM debian:12\n',
    'FROM debian:12\nENV foobar=barfoo\n',
    'FROM debian:12\nARG HTTP_PROXY\nENV PATH=/opt/bin:$PATH\n',
    'FROM debian:12\nLABEL password=x\n',
  ])('catches not %j', async (text) => {
    expect(await spansOf('DL3064', text)).toEqual([]);
  });

  it.each<[string, boolean]>([
    ['AWS_SECRET_ACCESS_KEY', true],
    ['stripe_api_key', true],
    ['DB_Password', true],
    ['PRIVATE_KEY_PATH', true],
    ['GIT_USERNAME', true],
    ['FOSSA_API_KEY', true],
    ['TRAVIS_OS_NAME', true],
    ['NODE_ENV', false],
    ['VERSION', false],
  ])('isSensitiveName(%j) = %j', (name, yes) => {
    expect(isSensitiveName(name)).toBe(yes);
  });
});
