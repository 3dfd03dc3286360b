import type { Namespace } from '../../model.js';

/**
 * Debian codenames ↔ release numbers. The tracker speaks codenames (`bookworm`, `sid`); drydock's
 * namespaces use numbers (`debian:12`), because that is what `/etc/os-release` `VERSION_ID` says.
 * The feed's own maps win over the built-in table: vuln-list-debian's `distributions.json`
 * (`{codename: {"major-version": "12", "support": ...}}`) gives numbers, the tracker's
 * `data/config.json` (`{distributions: {codename: {...}}}`) only names the codenames it knows.
 */

/** Every Debian release so far (debian.org/releases), oldest first. */
const BUILTIN: ReadonlyArray<readonly [codename: string, version: string]> = [
  ['buzz', '1.1'],
  ['rex', '1.2'],
  ['bo', '1.3'],
  ['hamm', '2.0'],
  ['slink', '2.1'],
  ['potato', '2.2'],
  ['woody', '3.0'],
  ['sarge', '3.1'],
  ['etch', '4'],
  ['lenny', '5'],
  ['squeeze', '6'],
  ['wheezy', '7'],
  ['jessie', '8'],
  ['stretch', '9'],
  ['buster', '10'],
  ['bullseye', '11'],
  ['bookworm', '12'],
  ['trixie', '13'],
  ['forky', '14'],
  ['duke', '15'],
];

/** The codename of Debian unstable; its namespace is `debian:unstable` (sid has no number). */
export const UNSTABLE = 'sid';
export const UNSTABLE_NAMESPACE: Namespace = 'debian:unstable';

/**
 * Releases older than this get no statuses inferred from unstable (see `inferenceTargets`): the
 * tracker stopped annotating them long ago, so a guess there would only add noise.
 */
const OLDEST_INFERRED_MAJOR = 7;

type Warn = (message: string) => void;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export class DebianReleases {
  private readonly versions = new Map<string, string>();
  /** Codenames the feed itself declared (distributions.json / config.json); empty = use the built-in set. */
  private readonly declared = new Set<string>();

  constructor() {
    for (const [codename, version] of BUILTIN) this.versions.set(codename, version);
  }

  /** vuln-list-debian `distributions.json`. Problems are warnings; the built-in table stays. */
  addDistributionsJson(doc: unknown, source: string, warn: Warn): void {
    if (!isRecord(doc)) {
      warn(`${source}: expected an object of codenames, ignored`);
      return;
    }
    for (const [codename, info] of Object.entries(doc)) {
      if (!/^[a-z]+$/.test(codename) || !isRecord(info)) {
        warn(`${source}: entry ${JSON.stringify(codename)} is not a codename with an object, ignored`);
        continue;
      }
      this.declared.add(codename);
      const major = info['major-version'];
      if (major === '' || major === undefined) continue; // sid
      if (typeof major !== 'string' || !/^\d+(\.\d+)?$/.test(major)) {
        warn(`${source}: ${codename} has major-version ${JSON.stringify(major)}, not a release number; ignored`);
        continue;
      }
      const known = this.versions.get(codename);
      if (known !== undefined && known !== major) warn(`${source}: ${codename} is ${major} here, ${known} in the built-in table; using ${major}`);
      this.versions.set(codename, major);
    }
  }

  /** The security tracker's `data/config.json`: codenames only (numbers come from the built-in table). */
  addConfigJson(doc: unknown, source: string, warn: Warn): void {
    const dists = isRecord(doc) ? doc['distributions'] : undefined;
    if (!isRecord(dists)) {
      warn(`${source}: no "distributions" object, ignored`);
      return;
    }
    for (const codename of Object.keys(dists)) {
      if (!/^[a-z]+$/.test(codename)) {
        warn(`${source}: distribution ${JSON.stringify(codename)} is not a codename, ignored`);
        continue;
      }
      this.declared.add(codename);
      if (codename !== UNSTABLE && !this.versions.has(codename)) warn(`${source}: codename ${codename} has no known release number`);
    }
  }

  /** `bookworm` → `12`; undefined for sid and unknown codenames. */
  versionOf(codename: string): string | undefined {
    return this.versions.get(codename);
  }

  /** `12` → `bookworm`. */
  codenameOf(version: string): string | undefined {
    for (const [codename, v] of this.versions) if (v === version) return codename;
    return undefined;
  }

  /** `bookworm` → `debian:12`, `sid` → `debian:unstable`, unknown → undefined. */
  namespaceOf(codename: string): Namespace | undefined {
    if (codename === UNSTABLE) return UNSTABLE_NAMESPACE;
    const v = this.versions.get(codename);
    return v === undefined ? undefined : `debian:${v}`;
  }

  /**
   * Releases a `data/CVE/list` unstable line speaks for when the entry has no line of their own: the
   * numbered releases from wheezy on, limited to those the feed declares when it declares any.
   */
  inferenceTargets(): string[] {
    const out: Array<[string, number]> = [];
    for (const [codename, v] of this.versions) {
      if (this.declared.size > 0 && !this.declared.has(codename)) continue;
      const major = Number.parseInt(v, 10);
      if (major >= OLDEST_INFERRED_MAJOR) out.push([codename, major]);
    }
    return out.sort((a, b) => a[1] - b[1]).map(([c]) => c);
  }
}
