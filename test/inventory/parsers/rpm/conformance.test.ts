import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as z from 'zod';
import { describe, expect, it } from 'vitest';
import { listRpmPackages, type RpmPackage } from '../../../../src/inventory/parsers/rpm/index.js';
import { CONFORMANCE } from './fixtures.js';

/** go-rpmdb's TestPackageList and TestRpmDB_Package (shared/conformance/rpmdb/cases.json), table-driven. */

const pkgSchema = z.object({
  Epoch: z.number().nullable().optional(),
  Name: z.string(),
  Version: z.string(),
  Release: z.string(),
  Arch: z.string(),
  SourceRpm: z.string(),
  Size: z.number(),
  License: z.string(),
  Vendor: z.string(),
  Modularitylabel: z.string().optional(),
  Summary: z.string(),
  SigMD5: z.string(),
});
const casesSchema = z.object({
  TestPackageList: z.array(z.object({ file: z.string(), pkgList: z.array(pkgSchema) })),
  TestRpmDB_Package: z.array(
    z.object({ name: z.string(), pkgName: z.string(), file: z.string(), want: pkgSchema, wantInstalledFileNames: z.array(z.string()) }),
  ),
});
type Want = z.infer<typeof pkgSchema>;

const cases = casesSchema.parse(JSON.parse(readFileSync(join(CONFORMANCE, 'cases.json'), 'utf8')));

/** cases.json names upstream paths (`testdata/libuuid/Packages`); the copies are `libuuid__Packages`. */
function fixture(file: string): Buffer {
  return readFileSync(join(CONFORMANCE, file.replace(/^testdata\//, '').replace('/', '__')));
}

/** go-rpmdb's view of our package: empty strings for absent tags. */
function asGoRpmdb(p: RpmPackage): Omit<Want, 'Modularitylabel'> & { Modularitylabel: string } {
  return {
    Epoch: p.epoch ?? null,
    Name: p.name,
    Version: p.version,
    Release: p.release,
    Arch: p.arch ?? '',
    SourceRpm: p.sourceRpm ?? '',
    Size: p.size ?? 0,
    License: p.license ?? '',
    Vendor: p.vendor ?? '',
    Modularitylabel: p.modularityLabel ?? '',
    Summary: p.summary ?? '',
    SigMD5: p.sigmd5 ?? '',
  };
}

function normalized(want: Want): ReturnType<typeof asGoRpmdb> {
  return { ...want, Epoch: want.Epoch ?? null, Modularitylabel: want.Modularitylabel ?? '' };
}

describe('go-rpmdb TestPackageList', () => {
  it.each(cases.TestPackageList.map((c) => [c.file, c] as const))('%s: every package, in order', (_file, c) => {
    const listing = listRpmPackages(fixture(c.file));
    expect(listing.problems).toEqual([]);
    expect(listing.packages.map(asGoRpmdb)).toEqual(c.pkgList.map(normalized));
  });
});

describe('go-rpmdb TestRpmDB_Package', () => {
  it.each(cases.TestRpmDB_Package.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const listing = listRpmPackages(fixture(c.file));
    expect(listing.problems).toEqual([]);
    const matches = listing.packages.filter((p) => p.name === c.pkgName);
    expect(matches).toHaveLength(1);
    const pkg = matches[0];
    expect(pkg && asGoRpmdb(pkg)).toEqual(normalized(c.want));
    expect(pkg?.files).toEqual(c.wantInstalledFileNames);
  });
});

describe('the conformance databases', () => {
  it('are one of each format', () => {
    const formats = ['libuuid__Packages', 'sle15-bci__Packages.db', 'cbl-mariner-2.0__rpmdb.sqlite'].map(
      (f) => listRpmPackages(fixture(f)).format,
    );
    expect(formats).toEqual(['bdb', 'ndb', 'sqlite']);
  });
});
