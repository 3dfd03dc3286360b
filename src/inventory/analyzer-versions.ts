/**
 * The id and version of every analyzer, in `createAnalyzers` order, without loading any of them.
 * The image-merge memo is keyed by these, so a warm scan (every layer cached) can find its result
 * without loading the analyzers and parsers at all. test/meta.test.ts checks this list against
 * `createAnalyzers`: bumping an analyzer's version means bumping it here too.
 */
export interface AnalyzerVersion {
  readonly id: string;
  readonly version: number;
  /** Settings that change the analyzer's output (Analyzer.variant). */
  readonly variant?: string;
}

export const ANALYZER_VERSIONS: readonly AnalyzerVersion[] = [
  { id: 'os', version: 2 },
  { id: 'dpkg', version: 2 },
  { id: 'apk', version: 2 },
  { id: 'rpm', version: 2 },
  { id: 'javascript', version: 2 },
  { id: 'python-installed', version: 2 },
  { id: 'python-lock', version: 2 },
  { id: 'go-binary', version: 2 },
  { id: 'go-mod', version: 2 },
  { id: 'java-archive', version: 2 },
  { id: 'gradle-lock', version: 2 },
  { id: 'sbt-lock', version: 2 },
  { id: 'gemspec', version: 1 },
  { id: 'gemfile-lock', version: 2 },
  { id: 'composer', version: 2 },
  { id: 'cargo-lock', version: 2 },
  { id: 'rust-binary', version: 2 },
  { id: 'dotnet-deps', version: 1 },
  { id: 'nuget-lock', version: 1 },
  { id: 'conda-meta', version: 1 },
  { id: 'binary-fingerprint', version: 1 },
  { id: 'fs-facts', version: 1 },
];

/** The `secrets` analyzer, in the list only when secret scanning is on (`createAnalyzers({ secrets })`). */
export const SECRETS_ANALYZER_VERSION: AnalyzerVersion = { id: 'secrets', version: 1 };

/** What `createAnalyzers` lists, with secret scanning on (`secretsVariant`: the rule set's key) or off. */
export function analyzerVersions(secretsVariant?: string): readonly AnalyzerVersion[] {
  return secretsVariant === undefined ? ANALYZER_VERSIONS : [...ANALYZER_VERSIONS, { ...SECRETS_ANALYZER_VERSION, variant: secretsVariant }];
}
