#!/usr/bin/env python3
"""Synthesise a large OSV all.zip for the import benchmark from the real OSV records in ../shared/vulndata.

Usage: make-osv-zip.py OUT.zip COUNT
Every output record is a real record (GHSA npm/Maven, PyPA, Go vulndb) with its id and package names
suffixed by a serial number, so the DB gets COUNT distinct advisories shaped like the real feeds.
"""
import glob, json, os, sys, zipfile
import yaml  # python3-yaml (Debian)

root = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'shared', 'vulndata')
out, count = sys.argv[1], int(sys.argv[2])
records = []
for path in sorted(glob.glob(os.path.join(root, '**', '*.json'), recursive=True)):
    if '/ghsa-osv/' in path or '/golang-vulndb/' in path:
        records.append(json.load(open(path)))
for path in sorted(glob.glob(os.path.join(root, 'pypi', '**', '*.yaml'), recursive=True)):
    records.append(yaml.safe_load(open(path)))
records = [r for r in records if isinstance(r, dict) and r.get('affected')]
tmp = out + '.tmp'
with zipfile.ZipFile(tmp, 'w', zipfile.ZIP_DEFLATED, compresslevel=1) as z:
    for i in range(count):
        r = json.loads(json.dumps(records[i % len(records)], default=str))
        r['id'] = f"{r['id']}-{i}"
        for a in r['affected']:
            a['package']['name'] = f"{a['package']['name']}-{i // len(records)}"
        z.writestr(f"{r['id']}.json", json.dumps(r))
os.replace(tmp, out)
print(f'{count} records from {len(records)} real ones -> {out}')
