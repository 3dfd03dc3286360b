import { describe, expect, it } from 'vitest';
import { nextLink } from '../../../src/image/registry/link.js';
import { registryError } from '../../../src/image/registry/registry-errors.js';

const json = (v: unknown): Buffer => Buffer.from(JSON.stringify(v));

describe('registryError', () => {
  it.each([
    [404, json({ errors: [{ code: 'MANIFEST_UNKNOWN', message: 'manifest unknown', detail: { Tag: '1.0' } }] }), 'NOT_FOUND', 'manifest unknown'],
    [404, json({ errors: [{ code: 'NAME_UNKNOWN', message: 'repository name not known to registry' }] }), 'NOT_FOUND', 'repository name not known to registry'],
    [401, json({ errors: [{ code: 'UNAUTHORIZED', message: 'authentication required' }] }), 'AUTH', 'authentication required'],
    [403, json({ errors: [{ code: 'DENIED' }] }), 'AUTH', 'denied'],
    [400, json({ errors: [{ code: 'DIGEST_INVALID', message: 'provided digest did not match uploaded content' }] }), 'DIGEST_MISMATCH', 'provided digest did not match uploaded content'],
    [400, json({ errors: [{ code: 'MANIFEST_INVALID', message: 'manifest invalid' }, { code: 'TAG_INVALID', message: 'bad\ntag' }] }), 'REGISTRY', 'manifest invalid; bad tag'],
    [429, json({ errors: [{ code: 'TOOMANYREQUESTS', message: 'slow down' }] }), 'NETWORK', 'slow down (HTTP 429)'],
    [404, Buffer.from('<html>nope</html>'), 'NOT_FOUND', 'not found (HTTP 404)'],
    [502, Buffer.alloc(0), 'NETWORK', 'the registry keeps failing (HTTP 502)'],
    [418, Buffer.from('{"errors": []}'), 'REGISTRY', 'unexpected answer from the registry (HTTP 418)'],
  ])('HTTP %i %s', (status, body, code, text) => {
    const err = registryError(status, body, 'localhost:5000/team/app:1.0');
    expect(err.code).toBe(code);
    expect(err.message).toBe(`localhost:5000/team/app:1.0: ${text}`);
  });
});

describe('nextLink', () => {
  it.each([
    ['</v2/app/tags/list?n=2&last=b>; rel="next"', '/v2/app/tags/list?n=2&last=b'],
    ['<https://r.example/v2/_catalog?last=x>; rel=next', 'https://r.example/v2/_catalog?last=x'],
    ['</first>; rel="prev", </second>; title="a;b"; rel="next"', '/second'],
    ['</x>; rel="prev"', undefined],
    [undefined, undefined],
  ])('%s', (header, expected) => {
    expect(nextLink(header)).toBe(expected);
  });
});
