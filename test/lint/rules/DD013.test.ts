import { describe, expect, it } from 'vitest';
import { dockerfile, positions } from './dd-helper.js';
import { findingsOf } from './lint-helper.js';

describe('DD013 EXPOSE 22', () => {
  it.each([
    ['EXPOSE 22', 'EXPOSE 22', [2, 8]],
    ['22/tcp among others', 'EXPOSE 80 22/tcp 443', [2, 11]],
    ['upper-case protocol', 'EXPOSE 22/TCP', [2, 8]],
    ['a range that contains 22', 'EXPOSE 20-25', [2, 8]],
    ['in an ONBUILD trigger', 'ONBUILD EXPOSE 22', [2, 16]],
  ])('catches %s', async (_name, line, at) => {
    const f = await findingsOf('DD013', dockerfile('FROM debian:12', line));
    expect(positions(f)).toEqual([at]);
    expect(f[0]?.level).toBe('warning');
    expect(f[0]?.message).toMatch(/^EXPOSE 2\S+: an SSH server in a container/);
  });

  it.each([
    ['other ports', 'EXPOSE 80 443 8022 2222'],
    ['UDP 22', 'EXPOSE 22/udp'],
    ['a range without 22', 'EXPOSE 8000-8100'],
    ['a variable port', 'EXPOSE ${SSH_PORT}'],
    ['22 as part of a longer number', 'EXPOSE 220 122'],
  ])('does not flag %s', async (_name, line) => {
    expect(await findingsOf('DD013', dockerfile('FROM debian:12', line))).toEqual([]);
  });
});
