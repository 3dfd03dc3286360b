import { writeFileSync } from 'node:fs';
import { it } from 'vitest';
import { runCli, tempCache } from '../helpers/drydock.js';
import { fixture } from '../helpers/fixtures.js';
import { ALPINE_FEEDS, DEBIAN_FEEDS, buildSampleDb } from './sample-db.js';

it('dump', async () => {
  const cache = tempCache();
  const db = await buildSampleDb(ALPINE_FEEDS);
  const t = `docker-archive:${fixture('alpine-3.20').dockerArchive}`;
  const outs: string[] = [];
  for (const args of [['scan', t], ['explain', 'CVE-2024-9143', t], ['explain', 'CVE-2023-45853', t], ['explain', 'CVE-2024-0727', t], ['explain', 'CVE-0000-1', t]]) {
    const r = await runCli([...args, '--db', db.path, '-q', '--cache-dir', cache.dir]);
    outs.push(`$ ${args.join(' ')}\n=> ${r.code}\n${r.stdout}\n${r.stderr}`);
  }
  const d2 = await buildSampleDb(DEBIAN_FEEDS);
  for (const args of [['explain', 'CVE-2023-4911', `docker-archive:${fixture('debian').dockerArchive}`], ['explain', 'DSA-5514-1', `docker-archive:${fixture('debian').dockerArchive}`]]) {
    const r = await runCli([...args, '--db', d2.path, '-q', '--cache-dir', cache.dir]);
    outs.push(`$ ${args.join(' ')}\n=> ${r.code}\n${r.stdout}\n${r.stderr}`);
  }
  writeFileSync('/tmp/m/out.txt', outs.join('\n'));
  db.cleanup(); d2.cleanup(); cache.cleanup();
}, 600_000);
