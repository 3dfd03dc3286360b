import type { ImportSink } from '../../importer.js';

/** At most this many per-record warnings reach the sink; the rest are counted in one closing line. */
export const DEFAULT_MAX_WARNINGS = 500;

/**
 * Per-record warnings for one import, capped: a hostile or broken feed with a million bad records
 * must not produce a million log lines, but the count must still be reported.
 */
export class CappedWarnings {
  private emitted = 0;
  private suppressed = 0;

  constructor(
    private readonly sink: ImportSink,
    private readonly max = DEFAULT_MAX_WARNINGS,
  ) {}

  warn(message: string): void {
    if (this.emitted < this.max) {
      this.emitted++;
      this.sink.warn(message);
    } else {
      this.suppressed++;
    }
  }

  /** Always delivered: summaries (counts of skipped records) are not subject to the cap. */
  summary(message: string): void {
    this.sink.warn(message);
  }

  finish(): void {
    if (this.suppressed > 0) this.sink.warn(`${this.suppressed} more warnings like the above were not shown`);
  }
}
