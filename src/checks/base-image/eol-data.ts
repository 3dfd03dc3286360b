/**
 * End-of-life dates of language runtimes, and the paid extended support some distributions sell.
 * Operating-system releases (Debian, Ubuntu, Alpine, RHEL/UBI, Amazon Linux, CentOS, Fedora, ...)
 * are in src/inventory/os/eol.ts, the table the inventory already reports `os.eol` from; one table,
 * so a scan never states two dates for one release.
 *
 * Each date is the last day of free security fixes from the upstream project. A release line that
 * is not listed has no date: drydock says "unknown" rather than guess. Data as of 2026-11-27.
 */

export interface RuntimeCycle {
  /** The release line: `3.12`, `20`, `1.24`, `21`. */
  cycle: string;
  /** ISO date: last day of security support. */
  eol: string;
  /** A long-term-support line (Node.js even majors, Java LTS). */
  lts?: boolean;
}

export interface RuntimeProduct {
  label: string;
  source: string;
  cycles: readonly RuntimeCycle[];
}

const c = (cycle: string, eol: string, lts?: boolean): RuntimeCycle => (lts === undefined ? { cycle, eol } : { cycle, eol, lts });

export const RUNTIME_EOL = {
  // Python: end of security support per release PEP (PEP 596, 619, 664, 693, 719, 745: "October of
  // year N+5"), as dated in the devguide's release-cycle.json (3.9: 2025-10-31) and endoflife.date/python.
  python: {
    label: 'Python',
    source: 'PEPs 537-745 / devguide release-cycle.json / endoflife.date/python',
    cycles: [
      c('2.7', '2020-01-01'), c('3.6', '2021-12-23'), c('3.7', '2023-06-27'), c('3.8', '2024-10-07'),
      c('3.9', '2025-10-31'), c('3.10', '2026-10-31'), c('3.11', '2027-10-31'), c('3.12', '2028-10-31'),
      c('3.13', '2029-10-31'), c('3.14', '2030-10-31'),
    ],
  },
  // Node.js: "end" of each line in nodejs/Release schedule.json. Even majors are LTS (30 months);
  // odd majors end two months after the next even major's release.
  node: {
    label: 'Node.js',
    source: 'github.com/nodejs/Release schedule.json',
    cycles: [
      c('10', '2021-04-30', true), c('12', '2022-04-30', true), c('14', '2023-04-30', true), c('16', '2023-09-11', true),
      c('17', '2022-06-01'), c('18', '2025-04-30', true), c('19', '2023-06-01'), c('20', '2026-04-30', true),
      c('21', '2024-06-01'), c('22', '2027-04-30', true), c('23', '2025-06-01'), c('24', '2028-04-30', true),
      c('25', '2026-06-01'), c('26', '2029-04-30', true),
    ],
  },
  // Go: a major release is supported until the second newer major release ships
  // (go.dev/doc/devel/release#policy); the dates are those releases' days (endoflife.date/go).
  // 1.25 ends with 1.27's release, whose date this table does not have: unknown.
  go: {
    label: 'Go',
    source: 'go.dev/doc/devel/release#policy, endoflife.date/go',
    cycles: [
      c('1.16', '2022-03-15'), c('1.17', '2022-08-02'), c('1.18', '2023-02-01'), c('1.19', '2023-09-06'),
      c('1.20', '2024-02-06'), c('1.21', '2024-08-13'), c('1.22', '2025-02-11'), c('1.23', '2025-08-12'),
      c('1.24', '2026-02-11'),
    ],
  },
  // Eclipse Temurin (the official eclipse-temurin images): adoptium.net/support, LTS lines "at least
  // until" the month named (taken as its last day: 8 Dec 2030, 11 and 17 Oct 2027, 21 Dec 2029, 25
  // Sep 2031). Feature releases end when the next one is out (JDK 23 GA 2024-09-17, 24 2025-03-18,
  // 25 2025-09-16: openjdk.org/projects/jdk).
  'eclipse-temurin': {
    label: 'Eclipse Temurin (Java)',
    source: 'adoptium.net/support, openjdk.org/projects/jdk',
    cycles: [
      c('8', '2030-12-31', true), c('11', '2027-10-31', true), c('17', '2027-10-31', true), c('21', '2029-12-31', true),
      c('22', '2024-09-17'), c('23', '2025-03-18'), c('24', '2025-09-16'), c('25', '2031-09-30', true),
    ],
  },
  // Ruby: ruby-lang.org/en/downloads/branches (endoflife.date/ruby): EOL at the end of March,
  // 3.0 ended 2024-04-23.
  ruby: {
    label: 'Ruby',
    source: 'ruby-lang.org/en/downloads/branches, endoflife.date/ruby',
    cycles: [
      c('2.6', '2022-03-31'), c('2.7', '2023-03-31'), c('3.0', '2024-04-23'), c('3.1', '2025-03-31'),
      c('3.2', '2026-03-31'), c('3.3', '2027-03-31'), c('3.4', '2028-03-31'), c('4.0', '2029-03-31'),
    ],
  },
  // PHP: php.net/supported-versions. Since the 2024 release-cycle RFC security support ends on
  // 31 December of the release's fourth year (8.1 onwards); 7.4 and 8.0 ended on their own dates.
  php: {
    label: 'PHP',
    source: 'php.net/supported-versions.php, wiki.php.net/rfc/release_cycle_update',
    cycles: [
      c('7.4', '2022-11-28'), c('8.0', '2023-11-26'), c('8.1', '2025-12-31'), c('8.2', '2026-12-31'),
      c('8.3', '2027-12-31'), c('8.4', '2028-12-31'), c('8.5', '2029-12-31'),
    ],
  },
} as const satisfies Record<string, RuntimeProduct>;

export type RuntimeProductId = keyof typeof RUNTIME_EOL;

export interface ExtendedSupport {
  label: string;
  source: string;
  cycles: ReadonlyArray<{ cycle: string; eol: string }>;
}

/**
 * Paid security support after the free period ends, noted beside the EOL date (the verdict still
 * uses the free date: an image without the subscription gets no fixes).
 */
export const EXTENDED_SUPPORT: Readonly<Record<'ubuntu' | 'debian', ExtendedSupport>> = {
  // Ubuntu Pro Expanded Security Maintenance: "eol-esm" in distro-info-data's ubuntu.csv
  // (ubuntu.com/about/release-cycle).
  ubuntu: {
    label: 'Ubuntu Pro (ESM)',
    source: 'distro-info-data ubuntu.csv eol-esm, ubuntu.com/about/release-cycle',
    cycles: [
      { cycle: '14.04', eol: '2024-04-25' }, { cycle: '16.04', eol: '2026-04-23' }, { cycle: '18.04', eol: '2028-04-26' },
      { cycle: '20.04', eol: '2030-04-23' }, { cycle: '22.04', eol: '2032-04-21' }, { cycle: '24.04', eol: '2034-04-25' },
      { cycle: '26.04', eol: '2036-04-23' },
    ],
  },
  // Debian Extended LTS by Freexian: "eol-elts" in distro-info-data's debian.csv.
  debian: {
    label: 'Debian ELTS (Freexian)',
    source: 'distro-info-data debian.csv eol-elts, freexian.com/lts/extended',
    cycles: [
      { cycle: '9', eol: '2027-06-30' }, { cycle: '10', eol: '2029-06-30' }, { cycle: '11', eol: '2031-06-30' },
      { cycle: '12', eol: '2033-06-30' }, { cycle: '13', eol: '2035-06-30' },
    ],
  },
};
