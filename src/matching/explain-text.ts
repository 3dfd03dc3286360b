import type { Explanation, ExplainPackage } from './explain.js';

const VERDICT_LABEL: Record<ExplainPackage['verdict'], string> = {
  matched: 'MATCHED',
  'not-affected': 'not affected',
  'not-affected-status': 'not affected (status)',
  'no-record': 'no record',
  unknown: 'UNKNOWN (cannot evaluate)',
  withdrawn: 'not reported: withdrawn',
  suppressed: 'not reported: suppressed',
};

function where(p: ExplainPackage): string {
  const layer = p.package.layer ? `, layer ${p.package.layer.index}` : '';
  const found = p.package.foundIn && p.package.foundIn !== 'installed' ? `, ${p.package.foundIn}` : '';
  return `${p.package.location}${layer}${found}`;
}

function packageLines(p: ExplainPackage): string[] {
  const src = p.source && (p.source.name !== p.package.name || p.source.version !== p.package.version) ? ` (source ${p.source.name} ${p.source.version})` : '';
  const lines = [`${p.package.name} ${p.package.version}${src} — ${where(p)}`];
  if (p.notLookedUp !== undefined) lines.push(`  not looked up: ${p.notLookedUp}`);
  for (const l of p.lookups) {
    const used = l.chosen ? ' ← used' : '';
    lines.push(`  lookup ${l.namespace} ${l.name} via ${l.via}, version ${l.version || '(none)'}: ${l.entriesInDb} entr${l.entriesInDb === 1 ? 'y' : 'ies'} in the DB${used}`);
  }
  for (const e of p.entries) {
    lines.push(`  ${e.feed} ${e.advisoryId} [${e.namespace} ${e.name}, status ${e.status}]`);
    for (const s of e.steps) lines.push(`    ${s}`);
    const v = e.verdict;
    const text = v.kind === 'affected' ? `affected: ${v.range}${v.fixed !== undefined ? `; fixed in ${v.fixed}` : '; no fix'}` : v.kind === 'unknown' ? `unknown: ${v.why}` : `not affected: ${v.why}`;
    lines.push(`    → ${text}`);
  }
  lines.push(`  verdict: ${VERDICT_LABEL[p.verdict]} — ${p.reason}`);
  return lines;
}

/** The human-readable form of an explanation (`drydock explain`, default format). */
export function explanationText(x: Explanation): string {
  const lines: string[] = [];
  if (x.advisories.length === 0) {
    lines.push(`${x.id}: no advisory with this id or alias in the DB, so nothing can match it.`);
    return `${lines.join('\n')}\n`;
  }
  lines.push(`${x.id}: ${x.advisories.length} advisor${x.advisories.length === 1 ? 'y' : 'ies'} in the DB`);
  for (const a of x.advisories) {
    const aliases = a.aliases.length > 0 ? ` (aliases ${a.aliases.join(', ')})` : '';
    const withdrawn = a.withdrawn !== undefined ? `, WITHDRAWN ${a.withdrawn}` : '';
    lines.push(`  ${a.feed} ${a.id}${aliases}${withdrawn}`);
    lines.push(`    affects: ${a.packages.join(', ') || '(no package drydock can match)'}`);
  }
  lines.push('');
  if (x.packages.length === 0) lines.push('No package of the target has a name these advisories mention.');
  for (const p of x.packages) lines.push(...packageLines(p), '');
  lines.push(`${x.otherPackages} other package(s) of the target: not named by these advisories.`);
  return `${lines.join('\n')}\n`;
}
