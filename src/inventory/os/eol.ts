import type { EolStatus, OsFamily, OsInfo } from '../../core/inventory.js';
import { familyForId } from './detect.js';

/**
 * End of free security support per release, as ISO dates. "End of life" here means the last day
 * the distribution itself (or its community LTS) publishes security updates without a paid
 * extended-support contract. Rolling distributions (Wolfi, Chainguard, openSUSE Tumbleweed) have
 * no entry. Data as published by the distributions and collected at https://endoflife.date
 * (product pages named per track below); update when new releases appear.
 */

/** A release line: the version prefix it covers ("12", "22.04", "3.20", "15.6"). */
interface Cycle {
  cycle: string;
  eol: string;
}

/** Tracks are OS families, except that CentOS Stream has its own dates. */
type Track = OsFamily | 'centos-stream';

const c = (cycle: string, eol: string): Cycle => ({ cycle, eol });

export const EOL_TABLE: Readonly<Partial<Record<Track, readonly Cycle[]>>> = {
  // Debian: end of Debian LTS (https://wiki.debian.org/LTS, endoflife.date/debian "LTS" column).
  debian: [
    c('7', '2018-05-31'), c('8', '2020-06-30'), c('9', '2022-06-30'), c('10', '2024-06-30'),
    c('11', '2026-08-31'), c('12', '2028-06-30'), c('13', '2030-06-30'),
  ],
  // Ubuntu: end of standard (free) security maintenance; ESM needs Ubuntu Pro. The dates are Ubuntu's
  // own distro-info data (/usr/share/distro-info/ubuntu.csv, column "eol"); a test checks them against it.
  ubuntu: [
    c('14.04', '2019-04-25'), c('16.04', '2021-04-30'), c('18.04', '2023-05-31'), c('20.04', '2025-05-29'),
    c('20.10', '2021-07-22'), c('21.04', '2022-01-20'), c('21.10', '2022-07-14'), c('22.04', '2027-06-01'),
    c('22.10', '2023-07-20'), c('23.04', '2024-01-25'), c('23.10', '2024-07-11'), c('24.04', '2029-05-31'),
    c('24.10', '2025-07-10'), c('25.04', '2026-01-15'), c('25.10', '2026-07-09'), c('26.04', '2031-05-29'),
  ],
  // Alpine: "End of support" per branch (https://alpinelinux.org/releases/, endoflife.date/alpine-linux).
  alpine: [
    c('3.5', '2018-11-01'), c('3.6', '2019-05-01'), c('3.7', '2019-11-01'), c('3.8', '2020-05-01'),
    c('3.9', '2020-11-01'), c('3.10', '2021-05-01'), c('3.11', '2021-11-01'), c('3.12', '2022-05-01'),
    c('3.13', '2022-11-01'), c('3.14', '2023-05-01'), c('3.15', '2023-11-01'), c('3.16', '2024-05-23'),
    c('3.17', '2024-11-22'), c('3.18', '2025-05-09'), c('3.19', '2025-11-01'), c('3.20', '2026-04-01'),
    c('3.21', '2026-11-01'), c('3.22', '2027-05-01'), c('3.23', '2027-11-01'),
  ],
  // RHEL and UBI: end of Maintenance Support, ELS excluded
  // (https://access.redhat.com/support/policy/updates/errata, endoflife.date/rhel).
  rhel: [c('6', '2020-11-30'), c('7', '2024-06-30'), c('8', '2029-05-31'), c('9', '2032-05-31'), c('10', '2035-05-31')],
  // Rocky Linux: "End of Life" (https://wiki.rockylinux.org/rocky/version/, endoflife.date/rocky-linux).
  rocky: [c('8', '2029-05-31'), c('9', '2032-05-31'), c('10', '2035-05-31')],
  // AlmaLinux: end of security support (https://wiki.almalinux.org/release-notes/, endoflife.date/almalinux).
  alma: [c('8', '2029-03-01'), c('9', '2032-05-31'), c('10', '2035-05-31')],
  // CentOS Linux (https://wiki.centos.org/About/Product, endoflife.date/centos).
  centos: [c('6', '2020-11-30'), c('7', '2024-06-30'), c('8', '2021-12-31')],
  // CentOS Stream: ends with the matching RHEL's full support (endoflife.date/centos-stream).
  'centos-stream': [c('8', '2024-05-31'), c('9', '2027-05-31'), c('10', '2030-01-01')],
  // Fedora: one month after release N+2 (https://docs.fedoraproject.org/en-US/releases/eol/,
  // endoflife.date/fedora).
  fedora: [
    c('35', '2022-12-13'), c('36', '2023-05-16'), c('37', '2023-12-05'), c('38', '2024-05-21'),
    c('39', '2024-11-26'), c('40', '2025-05-13'), c('41', '2025-12-15'), c('42', '2026-05-13'),
    c('43', '2026-12-09'),
  ],
  // Amazon Linux: AL1 (2018.03 and the older AMI releases), AL2 extended to 2026-06-30
  // (https://aws.amazon.com/amazon-linux-2/faqs/), AL2023 until 2029-06-30
  // (https://docs.aws.amazon.com/linux/al2023/ug/release-cadence.html).
  amazon: [
    c('2016.03', '2023-12-31'), c('2016.09', '2023-12-31'), c('2017.03', '2023-12-31'),
    c('2017.09', '2023-12-31'), c('2018.03', '2023-12-31'), c('2', '2026-06-30'), c('2023', '2029-06-30'),
  ],
  // Oracle Linux: end of Premier Support (https://www.oracle.com/a/ocom/docs/elsp-lifetime-069338.pdf,
  // endoflife.date/oracle-linux).
  oracle: [c('6', '2021-03-01'), c('7', '2024-12-01'), c('8', '2029-07-01'), c('9', '2032-06-30')],
  // SLES: end of General Support per service pack, LTSS excluded (https://www.suse.com/lifecycle,
  // endoflife.date/sles; 15 SP6 ends six months after SP7, SP7 with SLES 15 general support).
  sles: [
    c('12', '2016-06-30'), c('12.1', '2017-05-31'), c('12.2', '2018-03-31'), c('12.3', '2019-06-30'),
    c('12.4', '2020-06-30'), c('12.5', '2024-10-31'), c('15', '2019-12-31'), c('15.1', '2021-01-31'),
    c('15.2', '2021-12-31'), c('15.3', '2022-12-31'), c('15.4', '2023-12-31'), c('15.5', '2024-12-31'),
    c('15.6', '2025-12-31'), c('15.7', '2031-07-31'),
  ],
  // openSUSE Leap (https://en.opensuse.org/Lifetime, endoflife.date/opensuse).
  'opensuse-leap': [
    c('42.3', '2019-07-01'), c('15.0', '2019-12-03'), c('15.1', '2021-02-02'), c('15.2', '2022-01-04'),
    c('15.3', '2022-12-31'), c('15.4', '2023-12-07'), c('15.5', '2024-12-31'), c('15.6', '2026-04-30'),
    c('16.0', '2027-10-31'),
  ],
  // Photon OS: 1.0/2.0 from VMware's announcements (endoflife.date/photon); 3.0 and 4.0 as updated
  // by the Photon maintainers in endoflife.date pull request #9025 (aligned with vSphere 7/8 support).
  photon: [c('1.0', '2022-02-28'), c('2.0', '2022-12-01'), c('3.0', '2025-10-02'), c('4.0', '2027-10-11')],
  // CBL-Mariner / Azure Linux (https://learn.microsoft.com/azure/azure-linux/release-cadence-lifecycle,
  // endoflife.date/azure-linux).
  'cbl-mariner': [c('1.0', '2023-08-31'), c('2.0', '2025-07-31')],
  azurelinux: [c('2.0', '2025-07-31'), c('3.0', '2027-08-31')],
};

/** What EOL is looked up by: family, name and version, and the os-release ID when known. */
export type EolSubject = Pick<OsInfo, 'family' | 'name' | 'version'> & { id?: string };

/**
 * Variants of a family whose releases have their own lifecycle (and version numbers): SLES for
 * SAP Applications (longer per-service-pack support), SLE Micro / SL Micro and openSUSE Leap
 * Micro. No dates for them here, rather than their base's wrong ones.
 */
const OWN_LIFECYCLE_IDS: ReadonlySet<string> = new Set(['sles_sap', 'sle-micro', 'sl-micro', 'sle-micro-rancher', 'opensuse-leap-micro']);

function trackOf(os: EolSubject): Track | undefined {
  if (os.id !== undefined) {
    const id = os.id.toLowerCase();
    if (OWN_LIFECYCLE_IDS.has(id)) return undefined;
    // A family inferred from ID_LIKE (a derivative drydock does not know): its releases need not
    // follow the base's support dates.
    if (id !== '' && familyForId(id) === 'unknown') return undefined;
  }
  return os.family === 'centos' && /stream/i.test(os.name) ? 'centos-stream' : os.family;
}

/**
 * The end-of-support date of the release an OS belongs to: the entry for the version itself or
 * for its longest dot-separated prefix ("3.20.3" → "3.20", "9.4" → "9"). A prefix is not used when
 * the table splits that line into finer cycles: SLES "15" is 15 GA only, so "15.8" gets no date.
 */
export function eolDate(os: EolSubject): string | undefined {
  const track = trackOf(os);
  const cycles = track === undefined ? undefined : EOL_TABLE[track];
  if (!cycles || os.version === '') return undefined;
  const exact = cycles.find((entry) => entry.cycle === os.version);
  if (exact) return exact.eol;
  const parts = os.version.split('.');
  for (let n = parts.length - 1; n > 0; n--) {
    const prefix = parts.slice(0, n).join('.');
    if (cycles.some((entry) => entry.cycle.startsWith(`${prefix}.`))) return undefined;
    const hit = cycles.find((entry) => entry.cycle === prefix);
    if (hit) return hit.eol;
  }
  return undefined;
}

/** The EOL date and whether it is reached on `now` (date on or before the scan day, UTC). */
export function eolStatus(os: EolSubject, now: Date): EolStatus | undefined {
  const date = eolDate(os);
  if (date === undefined) return undefined;
  return { date, reached: date <= now.toISOString().slice(0, 10) };
}
