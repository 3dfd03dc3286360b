/** The vocabulary of version fingerprints: products, rules and what a rule found in one file. */

/** A piece of software a fingerprint identifies: its package name and its CPE vendor/product. */
export interface Product {
  /** The `pkg:generic/<name>` name. */
  name: string;
  cpeVendor: string;
  cpeProduct: string;
}

/**
 * A version string next to a literal anchor: the region around each occurrence of `anchor`
 * (`before` bytes before it, `after` bytes after it) is read as latin1 text and matched against
 * `pattern`, whose group 1 is the version and whose whole match is the evidence.
 */
export interface AnchoredSource {
  kind: 'anchored';
  anchor: string;
  before?: number;
  after: number;
  pattern: RegExp;
}

/** A version string with nothing literal next to it, found by a bounded, self-delimiting pattern. */
export interface ScannedSource {
  kind: 'scanned';
  /** Group 1 is the value; the whole match must be at most `maxLength` characters. */
  pattern: RegExp;
  maxLength: number;
}

export type Source = AnchoredSource | ScannedSource;

/** The distinct values each source found in one file, in the order first seen. */
export type Observations = ReadonlyArray<ReadonlyArray<{ value: string; evidence: string }>>;

export interface Decision {
  version: string;
  evidence: string;
  /** Something odd about the file worth an unknown (e.g. two different version strings). */
  problem?: string;
}

/** A real string a rule must read, and the binary it was taken from (tests run every example). */
export interface RuleExample {
  /** The bytes around the version string, as latin1 text (`\0` for NUL). */
  text: string;
  version: string;
  from: string;
  /** The file's base name, for rules whose sources depend on it (python3.11). */
  base?: string;
}

/** A rule for compiled programs and libraries (ELF files only). */
export interface BinaryRule {
  kind: 'binary';
  id: string;
  product: Product;
  /** The sources for a file with this base name, in order of preference. */
  sources(base: string): Source[];
  /** The version from what the sources found; by default the first source that found anything. */
  decide?(found: Observations, sources: readonly Source[]): Decision | undefined;
  examples: RuleExample[];
}

/** A small text file that states a version (a JDK's `release`, a GOROOT's `VERSION`). */
export interface TextRule {
  kind: 'text';
  id: string;
  /** Files larger than this are not read. */
  maxBytes: number;
  parse(text: string): TextFinding | undefined;
}

export interface TextFinding {
  product: Product;
  version: string;
  evidence: string;
  metadata?: Record<string, string>;
}

export type FingerprintRule = BinaryRule | TextRule;

/** What a rule made of one file (JSON-serialisable: it travels through the layer cache). */
export interface Fingerprint {
  rule: string;
  name: string;
  cpeVendor: string;
  cpeProduct: string;
  version: string;
  evidence: string;
  metadata?: Record<string, string> | undefined;
  problem?: string | undefined;
}
