import type { ImportResult, ImportSink } from '../../importer.js';
import { isRealTime, toAdvisory, type ConvertContext, type SkipReason } from './convert.js';
import { parseDocument, type DocumentFormat } from './parse.js';
import { validateOsvRecord } from './validate.js';
import { CappedWarnings } from './warnings.js';

/**
 * One OSV import: every record document goes through `record()`; `finish()` reports what was skipped
 * (once per kind, with counts) and the snapshot time (the newest `modified`).
 */
export class OsvImportRun {
  readonly warnings: CappedWarnings;
  private readonly seen = new Set<string>();
  private readonly unknownEcosystems = new Map<string, number>();
  private readonly skips = new Map<SkipReason | 'withdrawn' | 'unmatchable' | 'invalid' | 'duplicate', number>();
  private newest: { ms: number; raw: string } | undefined;
  imported = 0;

  constructor(private readonly sink: ImportSink) {
    this.warnings = new CappedWarnings(sink);
  }

  private count(reason: SkipReason | 'withdrawn' | 'unmatchable' | 'invalid' | 'duplicate'): void {
    this.skips.set(reason, (this.skips.get(reason) ?? 0) + 1);
  }

  /** Parse, check and import one record document; problems become warnings naming `name`. */
  async record(name: string, data: Uint8Array, format: DocumentFormat): Promise<void> {
    let value: unknown;
    try {
      value = await parseDocument(data, format);
    } catch (err) {
      this.count('invalid');
      this.warnings.warn(`${name}: ${err instanceof Error ? err.message : String(err)}`);
      return;
    }
    const checked = validateOsvRecord(value);
    if (!checked.ok) {
      this.count('invalid');
      const shown = checked.problems.slice(0, 8).join('; ');
      const more = checked.problems.length > 8 ? ` (+${checked.problems.length - 8} more)` : '';
      this.warnings.warn(`${name}: not an OSV record: ${shown}${more}`);
      return;
    }
    const rec = checked.record;
    this.noteModified(rec.modified);
    if (rec.withdrawn !== undefined) return this.count('withdrawn');
    if (this.seen.has(rec.id)) {
      this.count('duplicate');
      this.warnings.warn(`${name}: ${rec.id} was already imported from another file; this copy is ignored`);
      return;
    }
    const ctx: ConvertContext = {
      warn: (m) => this.warnings.warn(`${name}: ${rec.id}: ${m}`),
      unknownEcosystem: (e) => this.unknownEcosystems.set(e, (this.unknownEcosystems.get(e) ?? 0) + 1),
      skipped: (r) => this.count(r),
    };
    const adv = toAdvisory(rec, ctx);
    if (!adv) return this.count('unmatchable');
    this.seen.add(rec.id);
    this.imported++;
    this.sink.advisory(adv);
  }

  private noteModified(raw: string): void {
    if (!isRealTime(raw)) return;
    const ms = Date.parse(raw);
    if (!this.newest || ms > this.newest.ms) this.newest = { ms, raw };
  }

  /** How many records/entries were skipped for `reason` so far. */
  skipped(reason: SkipReason | 'withdrawn' | 'unmatchable' | 'invalid' | 'duplicate'): number {
    return this.skips.get(reason) ?? 0;
  }

  finish(): ImportResult {
    this.warnings.finish();
    const n = (r: Parameters<OsvImportRun['skipped']>[0]): number => this.skipped(r);
    for (const [eco, count] of [...this.unknownEcosystems].sort(([a], [b]) => a.localeCompare(b))) {
      this.warnings.summary(`${count} affected entries in ecosystem "${eco}" skipped: drydock does not match that ecosystem`);
    }
    if (n('withdrawn') > 0) this.warnings.summary(`${n('withdrawn')} withdrawn records skipped`);
    if (n('no-package') > 0) this.warnings.summary(`${n('no-package')} affected entries without a package skipped`);
    if (n('not-evaluable') > 0) {
      this.warnings.summary(`${n('not-evaluable')} affected entries with only GIT ranges (or no ranges and no versions) skipped: they name no version`);
    }
    if (n('unmatchable') > 0) this.warnings.summary(`${n('unmatchable')} records skipped: no affected package drydock can match`);
    return this.newest ? { snapshot: this.newest.raw } : {};
  }
}
