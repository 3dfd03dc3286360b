import type { RangeEvent, VersionRange } from '../vulndb/model.js';
import type { VersionScheme } from '../versioning/scheme.js';
import type { ParseCache } from './parse-cache.js';

/**
 * One OSV range, evaluated exactly as the OSV schema's "Evaluation" pseudo-code says:
 *
 *   BeforeLimits(v): no limit events, or v < some limit
 *   vulnerable = false; for evt in sorted(events):
 *     introduced && v >= introduced → true;  fixed && v >= fixed → false;  last_affected && v > it → false
 *
 * Events are sorted by the range's version order (the namespace's scheme for ECOSYSTEM, SemVer 2.0 for
 * SEMVER). `introduced: "0"` sorts before every version and a `limit` containing `*` after every version.
 * The sort is stable: events at equal versions keep the feed's order (the feed's own timeline), which
 * is the only information there is about what such a tie means. GIT ranges are never evaluated: a
 * version string is not a commit.
 */
export type RangeOutcome =
  /** `interval`: the events that bound the matching interval; `fixed`: the `fixed` event closing it. */
  | { kind: 'in'; interval: string; fixed?: string }
  | { kind: 'out'; why: string }
  | { kind: 'unknown'; cause: 'installed' | 'event'; why: string }
  | { kind: 'skipped'; why: string };

type EventKind = 'introduced' | 'fixed' | 'last_affected' | 'limit';

interface SortedEvent {
  kind: EventKind;
  text: string;
  /** -1: before every version (`introduced: 0`); 1: after every version (`limit: *`); 0: `parsed` holds it. */
  special: -1 | 0 | 1;
  parsed: unknown;
}

/** Sorted events of one events array in one scheme, memoised in the run's ParseCache (a range is evaluated for every package that shares its name). */
function sortEvents(events: readonly RangeEvent[], scheme: VersionScheme, cache: ParseCache): SortedEvent[] | string {
  return cache.memo(events, scheme, () => sortEventsOnce(events, scheme, cache));
}

/** Parse and sort a range's events; a string naming the first unparsable event otherwise. */
function sortEventsOnce(events: readonly RangeEvent[], scheme: VersionScheme, cache: ParseCache): SortedEvent[] | string {
  const out: SortedEvent[] = [];
  for (let i = 0; i < events.length; i++) {
    const e = events[i] as RangeEvent;
    const kind: EventKind = 'introduced' in e ? 'introduced' : 'fixed' in e ? 'fixed' : 'last_affected' in e ? 'last_affected' : 'limit';
    const text = (e as Record<EventKind, string>)[kind];
    if (kind === 'introduced' && text === '0') out.push({ kind, text, special: -1, parsed: undefined });
    else if (kind === 'limit' && text.includes('*')) out.push({ kind, text, special: 1, parsed: undefined });
    else {
      const p = cache.parse(scheme, text);
      if (!p.ok) return `${kind} "${text}" is not a valid ${scheme.id} version (${p.reason})`;
      out.push({ kind, text, special: 0, parsed: p.value });
    }
  }
  const order = (a: SortedEvent, b: SortedEvent): number => (a.special !== 0 || b.special !== 0 ? a.special - b.special : scheme.compareParsed(a.parsed, b.parsed));
  // Feeds nearly always list events in order already; a stable sort would leave them as they are.
  for (let i = 1; i < out.length; i++) if (order(out[i - 1] as SortedEvent, out[i] as SortedEvent) > 0) return out.sort(order);
  return out;
}

/** installed <=> event: -1, 0, 1. */
function versus(installed: unknown, e: SortedEvent, scheme: VersionScheme): number {
  if (e.special !== 0) return -e.special;
  return scheme.compareParsed(installed, e.parsed);
}

/** The interval that holds the installed version, from the `introduced` event at `open`: "introduced 1.0, fixed 1.2". */
function inInterval(events: readonly SortedEvent[], open: number): RangeOutcome {
  let interval = `introduced ${events[open]?.text ?? '?'}`;
  for (let i = open + 1; i < events.length; i++) {
    const e = events[i];
    if (!e || e.kind === 'introduced') continue;
    interval = `${interval}, ${e.kind} ${e.text}`;
    if (e.kind === 'limit') continue;
    return e.kind === 'fixed' ? { kind: 'in', interval, fixed: e.text } : { kind: 'in', interval };
  }
  return { kind: 'in', interval: `${interval}, no fix` };
}

/** A range that excludes the installed version, when nobody will read why (no trace). */
const OUT: RangeOutcome = { kind: 'out', why: '' };

/**
 * Evaluate one range for `installed` (a version string of the range's order). `trace`, when given,
 * receives one line per step (for `drydock explain`); without it an "out" carries no reason text.
 */
export function evaluateRange(range: VersionRange, installed: string, scheme: VersionScheme, cache: ParseCache, trace?: string[]): RangeOutcome {
  if (range.type === 'GIT') return { kind: 'skipped', why: 'GIT range (commit hashes) is not evaluated against versions' };
  const v = cache.parse(scheme, installed);
  if (!v.ok) return { kind: 'unknown', cause: 'installed', why: `installed version "${installed}" is not a valid ${scheme.id} version (${v.reason})` };
  const events = sortEvents(range.events, scheme, cache);
  if (typeof events === 'string') return { kind: 'unknown', cause: 'event', why: events };
  let limits = false;
  let belowALimit = false;
  for (let i = 0; i < events.length; i++) {
    const e = events[i] as SortedEvent;
    if (e.kind !== 'limit') continue;
    limits = true;
    if (versus(v.value, e, scheme) < 0) belowALimit = true;
  }
  if (limits && !belowALimit) {
    if (!trace) return OUT;
    const why = `installed ${installed} is not below any limit (${events
      .filter((e) => e.kind === 'limit')
      .map((e) => e.text)
      .join(', ')})`;
    trace.push(why);
    return { kind: 'out', why };
  }
  let vulnerable = false;
  let open = -1;
  let closedBy: SortedEvent | undefined;
  for (let i = 0; i < events.length; i++) {
    const e = events[i] as SortedEvent;
    const c = versus(v.value, e, scheme);
    if (e.kind === 'introduced' && c >= 0) {
      vulnerable = true;
      open = i;
      trace?.push(`${installed} >= introduced ${e.text}: affected`);
    } else if ((e.kind === 'fixed' && c >= 0) || (e.kind === 'last_affected' && c > 0)) {
      if (vulnerable) trace?.push(`${installed} ${e.kind === 'fixed' ? '>=' : '>'} ${e.kind} ${e.text}: not affected`);
      vulnerable = false;
      closedBy = e;
    } else if (trace && e.kind !== 'limit') {
      const rel = e.kind === 'last_affected' ? '<=' : '<';
      trace.push(`${installed} ${rel} ${e.kind} ${e.text}: ${vulnerable ? 'still affected' : 'not affected'}`);
    }
  }
  if (vulnerable) return inInterval(events, open);
  if (!trace) return OUT;
  if (open < 0) {
    const first = events.find((e) => e.kind === 'introduced');
    return { kind: 'out', why: first ? `installed ${installed} is below introduced ${first.text}` : 'range has no introduced event' };
  }
  if (!closedBy) return { kind: 'out', why: 'not affected' };
  const why = closedBy.kind === 'fixed' ? `fixed in ${closedBy.text} <= installed ${installed}` : `installed ${installed} > last_affected ${closedBy.text}`;
  return { kind: 'out', why };
}
