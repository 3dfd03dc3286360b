import type { PackageRecord } from '../../core/package.js';
import type { Analyzer, CapturedFile, FileResult } from '../analyzer.js';
import { parseGemspec } from '../parsers/ruby/gemspec.js';
import { makePurl } from '../purl.js';

/**
 * Installed Ruby gems: the specifications RubyGems keeps for every installed gem, wherever the gem
 * home is (`/usr/local/bundle`, `/var/lib/gems/<ruby>`, `vendor/bundle/ruby/<ruby>`, Ruby's own
 * bundled and default gems, Debian's /usr/share/rubygems-integration). Debian's ruby-* packages own
 * their gemspecs: those fold into the deb as an extra identity.
 */
export const gemspecAnalyzer: Analyzer = {
  id: 'gemspec',
  version: 1,
  maxFileSize: 1024 * 1024,
  osOwned: 'fold',
  required: isGemspecPath,
  analyzeLayer: (files) => files.map(analyzeFile),
};

/** `<...>/specifications/<name>-<version>.gemspec`, or in `specifications/default/` (default gems). */
export function isGemspecPath(path: string): boolean {
  if (!path.endsWith('.gemspec')) return false;
  const slash = path.lastIndexOf('/');
  const dir = slash < 0 ? '' : path.slice(0, slash);
  return dir === 'specifications' || dir.endsWith('/specifications') || dir.endsWith('/specifications/default');
}

function analyzeFile(file: CapturedFile): FileResult {
  const parsed = parseGemspec(file.content.toString('utf8'));
  const result: FileResult = { path: file.path };
  if (parsed.problems.length > 0) result.unknowns = parsed.problems.map((p) => `gemspec: ${p}`);
  const spec = parsed.spec;
  if (!spec) return result;
  const record: PackageRecord = {
    type: 'gem',
    name: spec.name,
    version: spec.version,
    licenses: spec.licenses,
    purl: makePurl('gem', undefined, spec.name, spec.version, { platform: spec.platform }),
    foundIn: 'installed',
    evidence: [`gemspec ${file.path.slice(file.path.lastIndexOf('/') + 1)}`],
  };
  if (spec.runtimeDependencies.length > 0) record.dependsOn = spec.runtimeDependencies;
  const metadata: Record<string, string> = {};
  if (spec.platform !== undefined) metadata['platform'] = spec.platform;
  if (file.path.includes('/specifications/default/')) metadata['defaultGem'] = 'true';
  if (Object.keys(metadata).length > 0) record.metadata = metadata;
  result.packages = [record];
  return result;
}
