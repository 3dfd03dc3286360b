import type { Inventory, Unknown } from '../core/inventory.js';
import type { EntryUnknown } from './evaluate.js';
import type { PlannedPackage } from './plan.js';

const SOURCE = 'matching';
const SHOWN_IDS = 5;

function ids(list: readonly string[]): string {
  const u = [...new Set(list)].sort();
  return u.length > SHOWN_IDS ? `${u.slice(0, SHOWN_IDS).join(', ')} and ${u.length - SHOWN_IDS} more` : u.join(', ');
}

/**
 * What matching could not decide, so that it reaches the user instead of reading as "no findings":
 *  - an end-of-life release (no more security fixes: advisories stop, "unfixed" stays unfixed);
 *  - packages that cannot be matched at all (distro release unknown, no feed for the ecosystem), one
 *    line per reason;
 *  - per package: an installed version its scheme cannot read, with the advisories left unevaluated;
 *  - per advisory: an event version or range that cannot be read, with the packages it concerns.
 */
export function matchUnknowns(inv: Inventory, planned: readonly PlannedPackage[], entries: readonly EntryUnknown[]): Unknown[] {
  const out: Unknown[] = [];
  const eol = inv.os?.eol;
  if (eol?.reached && inv.os) {
    const name = inv.os.prettyName ?? `${inv.os.name} ${inv.os.version}`;
    out.push({ source: SOURCE, reason: `${name} reached end of life on ${eol.date}: no more security fixes are published for it; findings are incomplete and unfixed ones will stay unfixed` });
  }
  const planReasons = new Map<string, number>();
  for (const p of planned) if ('unknown' in p.plan) planReasons.set(p.plan.unknown, (planReasons.get(p.plan.unknown) ?? 0) + 1);
  for (const [reason, n] of planReasons) out.push({ source: SOURCE, reason: `${reason} (${n} package${n === 1 ? '' : 's'})` });

  const byPackage = new Map<string, EntryUnknown[]>();
  const byAdvisory = new Map<string, EntryUnknown[]>();
  for (const u of entries) {
    const [map, key] = u.cause === 'installed' ? [byPackage, u.pkg.id] : [byAdvisory, `${u.feed}\u0000${u.advisoryId}\u0000${u.why}`];
    const list = map.get(key);
    if (list) list.push(u);
    else map.set(key, [u]);
  }
  for (const list of byPackage.values()) {
    const u = list[0] as EntryUnknown;
    const unknown: Unknown = {
      source: SOURCE,
      path: u.pkg.location,
      reason: `${u.pkg.name} ${u.pkg.version || '(no version)'}: ${u.why}; ${list.length} advisor${list.length === 1 ? 'y' : 'ies'} for ${u.candidate.namespace}/${u.candidate.name} could not be evaluated: ${ids(list.map((x) => x.advisoryId))}`,
    };
    if (u.pkg.layer) unknown.layer = u.pkg.layer;
    out.push(unknown);
  }
  for (const list of byAdvisory.values()) {
    const u = list[0] as EntryUnknown;
    const pkgs = ids(list.map((x) => `${x.pkg.name} ${x.pkg.version || '(no version)'}`));
    out.push({ source: SOURCE, reason: `advisory ${u.advisoryId} (${u.feed}, ${u.candidate.namespace}/${u.candidate.name}) cannot be evaluated: ${u.why}; affects the verdict for ${pkgs}` });
  }
  return out;
}
