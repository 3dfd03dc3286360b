import { describe, expect, it } from 'vitest';
import { isJavaScriptFile, manifestPlace } from '../../../../src/inventory/parsers/node/paths.js';

describe('where a package.json sits', () => {
  it.each([
    ['app/node_modules/a/package.json', { kind: 'installed', root: 'app' }],
    ['node_modules/@s/a/package.json', { kind: 'installed', root: '' }],
    ['app/node_modules/a/node_modules/@s/b/package.json', { kind: 'installed', root: 'app' }],
    ['app/node_modules/.pnpm/@s+a@1.0.0_p@2/node_modules/@s/a/package.json', { kind: 'installed', root: 'app' }],
    ['app/node_modules/.bun/a@1.0.0/node_modules/a/package.json', { kind: 'installed', root: 'app' }],
    // npm --install-strategy=linked, yarn berry's pnpm linker
    ['app/node_modules/.store/debug@2.6.9-83RI9T6skjDQROrOVAAgTQ/node_modules/debug/package.json', { kind: 'installed', root: 'app' }],
    ['app/node_modules/.store/@s+a@1.0.0-x/node_modules/@s/a/package.json', { kind: 'installed', root: 'app' }],
    ['app/node_modules/.store/@babel-code-frame-npm-7.24.7-315a600a58/package/package.json', { kind: 'installed', root: 'app' }],
    ['app/node_modules/.store/debug-virtual-cc17a1703b/package/package.json', { kind: 'installed', root: 'app' }],
    ['usr/share/nodejs/ms/package.json', { kind: 'installed', root: undefined }],
    ['usr/lib/nodejs/@types/ms/package.json', { kind: 'installed', root: undefined }],
    ['usr/lib/x86_64-linux-gnu/nodejs/bcrypt/package.json', { kind: 'installed', root: undefined }],
    ['usr/share/nodejs/ms/node_modules/x/package.json', { kind: 'installed', root: 'usr/share/nodejs/ms' }],
    ['app/package.json', { kind: 'manifest' }],
    ['package.json', { kind: 'manifest' }],
    ['app/packages/web/package.json', { kind: 'manifest' }],
  ])('%s', (path, want) => {
    expect(manifestPlace(path)).toEqual(want);
  });

  it.each([
    'app/node_modules/a/dist/package.json',
    'app/node_modules/a/test/fixtures/node_modules/b/package.json',
    'app/node_modules/.cache/x/package.json',
    'app/node_modules/@s/package.json',
    'usr/share/nodejs/ms/test/package.json',
    'app/node_modules/a/package.json.bak',
    'app/node_modules/.store/x-npm-1.0.0-abc/package/dist/package.json',
    'app/node_modules/.store/package/package.json',
  ])('not a manifest: %s', (path) => {
    expect(manifestPlace(path)).toBeUndefined();
  });

  it('the cheap path test agrees on the virtual stores named .store', () => {
    for (const p of [
      'app/node_modules/.store/debug@2.6.9-83RI9T6skjDQROrOVAAgTQ/node_modules/debug/package.json',
      'app/node_modules/.store/@babel-code-frame-npm-7.24.7-315a600a58/package/package.json',
    ]) {
      expect(isJavaScriptFile(p), p).toBe(true);
    }
    for (const p of ['app/node_modules/.store/x-npm-1.0.0-abc/package/dist/package.json', 'app/node_modules/.store/package/package.json', 'app/node_modules/.store/package.json']) {
      expect(isJavaScriptFile(p), p).toBe(false);
    }
  });
});
