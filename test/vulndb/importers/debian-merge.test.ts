import { describe, expect, it } from 'vitest';
import { debianRecords } from '../../../src/vulndb/importers/debian.js';
import type { DebianDocuments } from '../../../src/vulndb/importers/debian/documents.js';
import type { Advisory } from '../../../src/vulndb/model.js';
import { affectedIn, bounds } from './debian-sample.js';

/**
 * Precedence rules of merge.ts on documents written in the real formats. The sample has no case
 * where two sources disagree (its DSA lists and CVE entries come from different years), so these
 * inputs are constructed; each mirrors a situation the tracker documents or Trivy handles.
 */
const doc = (name: string, text: string): { name: string; data: Uint8Array } => ({ name, data: new TextEncoder().encode(text) });

function run(parts: Partial<DebianDocuments>): { byId: (id: string) => Advisory; all: Advisory[]; warnings: string[] } {
  const warnings: string[] = [];
  const { advisories } = debianRecords({ vulnListCves: [], vulnListAdvisories: [], ...parts }, (m) => warnings.push(m));
  const byId = (id: string): Advisory => {
    const a = advisories.find((x) => x.id === id);
    if (!a) throw new Error(`no ${id}`);
    return a;
  };
  return { byId, all: advisories, warnings };
}

const TRACKER = JSON.stringify({
  openssl: {
    'CVE-2099-1000': {
      description: 'constructed',
      releases: {
        bookworm: { status: 'resolved', fixed_version: '3.0.13-1~deb12u1', urgency: 'high' },
        bullseye: { status: 'open', urgency: 'low', nodsa: 'Minor issue', nodsa_reason: '' },
        sid: { status: 'resolved', fixed_version: '3.1.5-1', urgency: 'high' },
      },
    },
  },
});

const DSA = [
  '[02 Feb 2099] DSA-9999-1 openssl - security update',
  '\t{CVE-2099-1000 CVE-2099-2000 CVE-2099-3000}',
  '\t[bookworm] - openssl 3.0.13-1~deb12u2',
  '\t[bullseye] - openssl 1.1.1w-0+deb11u2',
  '\t[buster] - openssl <not-affected> (vulnerable code not present)',
].join('\n');

const CVE_LIST = [
  'CVE-2099-2000 (constructed)',
  '\t- openssl 3.1.6-1',
  '\t[bookworm] - openssl <not-affected> (vulnerable code not present)',
  '\t[bullseye] - openssl <no-dsa> (Minor issue)',
  'CVE-2099-3000 (constructed)',
  '\t- openssl <not-affected> (Windows only)',
  'CVE-2099-1000 (constructed)',
  '\t- openssl 3.1.5-1',
  '\t[bookworm] - openssl 3.0.13-1~deb12u1',
].join('\n');

describe('merging the tracker JSON, data/CVE/list and a DSA', () => {
  const { byId, warnings } = run({ trackerJson: doc('json', TRACKER), cveList: doc('list', CVE_LIST), dsaList: doc('dsa', DSA) });

  it('imports without warnings', () => {
    expect(warnings).toEqual([]);
  });

  it("keeps the tracker's fixed version when a DSA names another one, and says so", () => {
    const p = affectedIn(byId('CVE-2099-1000'), 'debian:12', 'openssl');
    expect(bounds(p)).toEqual({ fixed: '3.0.13-1~deb12u1' });
    expect(p.note).toBe("DSA-9999-1 lists 3.0.13-1~deb12u2; the tracker's 3.0.13-1~deb12u1 is kept");
    expect(p.severity).toBe('high');
  });

  it('turns an open tracker verdict (<no-dsa>) into fixed at the DSA version, keeping the old reason', () => {
    const p = affectedIn(byId('CVE-2099-1000'), 'debian:11', 'openssl');
    expect(p.status).toBe('fixed');
    expect(bounds(p)).toEqual({ fixed: '1.1.1w-0+deb11u2' });
    expect(p.note).toBe('fixed by DSA-9999-1; before DSA-9999-1: no-dsa: Minor issue');
    expect(p.severity).toBe('low');
  });

  it('does not infer releases the tracker JSON leaves out (the package is not in them)', () => {
    expect(byId('CVE-2099-1000').affected.map((p) => p.namespace)).toEqual(['debian:10', 'debian:11', 'debian:12', 'debian:unstable']);
    // buster only comes from the DSA's own not-affected line
    expect(affectedIn(byId('CVE-2099-1000'), 'debian:10', 'openssl')).toMatchObject({ status: 'not-affected', note: 'not-affected: vulnerable code not present' });
  });

  it('keeps an explicit not-affected against a DSA fix, with a note; a list <no-dsa> becomes fixed', () => {
    const a = byId('CVE-2099-2000');
    expect(affectedIn(a, 'debian:12', 'openssl')).toMatchObject({
      status: 'not-affected',
      note: 'not-affected: vulnerable code not present; DSA-9999-1 lists a fix in 3.0.13-1~deb12u2; the not-affected verdict is kept',
    });
    expect(bounds(affectedIn(a, 'debian:11', 'openssl'))).toEqual({ fixed: '1.1.1w-0+deb11u2' });
    expect(affectedIn(a, 'debian:13', 'openssl')).toMatchObject({ status: 'affected', ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { limit: '3.1.6-1' }] }] });
    expect(a.related).toEqual(['DSA-9999-1']);
  });

  it('lets a DSA fix override a not-affected verdict that was only inferred from unstable', () => {
    const a = byId('CVE-2099-3000');
    expect(bounds(affectedIn(a, 'debian:12', 'openssl'))).toEqual({ fixed: '3.0.13-1~deb12u2' });
    expect(affectedIn(a, 'debian:13', 'openssl')).toMatchObject({ status: 'not-affected', note: 'not-affected: Windows only' });
    expect(affectedIn(a, 'debian:unstable', 'openssl').status).toBe('not-affected');
  });

  it('keeps the DSA itself as an advisory without affected entries (they live in the CVEs)', () => {
    expect(byId('DSA-9999-1')).toMatchObject({
      aliases: ['CVE-2099-1000', 'CVE-2099-2000', 'CVE-2099-3000'],
      affected: [],
      published: '2099-02-02T00:00:00Z',
      details: 'bookworm: openssl 3.0.13-1~deb12u2\nbullseye: openssl 1.1.1w-0+deb11u2\nbuster: openssl <not-affected>',
    });
  });
});

describe('records the store should not get as they are', () => {
  it('a fixed version that is not a Debian version: warned, recorded as affected (never silently not vulnerable)', () => {
    const { byId, warnings } = run({ cveList: doc('list', 'CVE-2099-4000\n\t[bookworm] - foo 1:\n\t- foo 1.0-1\n') });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^CVE-2099-4000 foo bookworm: "1:" is not a Debian version/);
    expect(affectedIn(byId('CVE-2099-4000'), 'debian:12', 'foo')).toMatchObject({ status: 'affected', ranges: [], note: 'unusable version "1:" in the feed' });
  });

  it('a codename with no number: one warning with a count, entries skipped', () => {
    const { byId, warnings } = run({ cveList: doc('list', 'CVE-2099-5000\n\t[zaphod] - foo <no-dsa> (x)\n\t[zaphod] - bar <no-dsa> (x)\n\t[bookworm] - foo <no-dsa> (x)\n') });
    expect(warnings).toEqual(['unknown Debian release "zaphod" (2 entries skipped): no release number known']);
    expect(byId('CVE-2099-5000').affected.map((p) => `${p.namespace} ${p.name}`)).toEqual(['debian:12 foo']);
  });

  it('REJECTED, NOT-FOR-US, RESERVED and <itp>-only entries give no record', () => {
    const text = [
      'CVE-2099-6000',
      '\tREJECTED',
      '\t- foo <not-affected> (rejected)',
      'CVE-2099-6001 (x)',
      '\tNOT-FOR-US: something else',
      'CVE-2099-6002',
      '\tRESERVED',
      'CVE-2099-6003 (x)',
      '\t- newpkg <itp> (bug #1)',
    ].join('\n');
    const { all, warnings } = run({ cveList: doc('list', text) });
    expect(warnings).toEqual([]);
    expect(all).toEqual([]);
  });

  it('<undetermined> becomes under-investigation in unstable and the releases without a line', () => {
    const { byId } = run({ cveList: doc('list', 'CVE-2099-7000 (x)\n\t- foo <undetermined>\n\t[bookworm] - foo <end-of-life> (not supported)\n') });
    const a = byId('CVE-2099-7000');
    expect(affectedIn(a, 'debian:unstable', 'foo').status).toBe('under-investigation');
    expect(affectedIn(a, 'debian:11', 'foo').status).toBe('under-investigation');
    expect(affectedIn(a, 'debian:12', 'foo')).toMatchObject({ status: 'end-of-life', note: 'end-of-life: not supported' });
  });
});

describe('a stale CVE list next to the tracker JSON', () => {
  it('adds the list reason only where both say the same; the tracker verdict stands', () => {
    const json = JSON.stringify({
      foo: {
        'CVE-2099-8000': {
          releases: {
            bookworm: { status: 'resolved', fixed_version: '1.0-1+deb12u1', urgency: 'low' },
            bullseye: { status: 'resolved', fixed_version: '0', urgency: 'low' },
          },
        },
      },
    });
    const list = 'CVE-2099-8000 (x)\n\t- foo 1.1-1\n\t[bookworm] - foo <no-dsa> (Minor issue)\n\t[bullseye] - foo <not-affected> (code not present)\n';
    const { byId, warnings } = run({ trackerJson: doc('json', json), cveList: doc('list', list) });
    expect(warnings).toEqual([]);
    const a = byId('CVE-2099-8000');
    const bookworm = affectedIn(a, 'debian:12', 'foo');
    expect(bookworm.status).toBe('fixed');
    expect(bookworm.note).toBeUndefined();
    expect(affectedIn(a, 'debian:11', 'foo')).toMatchObject({ status: 'not-affected', note: 'not-affected: code not present' });
    // the tracker JSON covers foo, so releases it leaves out are not inferred; unstable comes from the list
    expect(a.affected.map((p) => p.namespace)).toEqual(['debian:11', 'debian:12', 'debian:unstable']);
  });
});
