import { errorMessage } from '../../core/errors.js';
import { parseJsonDocument } from '../../core/json.js';
import type { PackageRecord } from '../../core/package.js';
import type { Analyzer, CapturedFile, FileResult } from '../analyzer.js';
import { channelName, packageFileType, parseCondaMeta } from '../parsers/conda/meta.js';
import { makePurl } from '../purl.js';

/**
 * Packages installed by conda (or mamba, micromamba) in any environment: `<prefix>/conda-meta/*.json`,
 * one record per package with its files. The purl carries the purl-spec conda qualifiers `build`,
 * `channel` (the channel's name for anaconda.com channels, e.g. `main`, `conda-forge`), `subdir`
 * and `type` (`conda` or `tar.bz2`) when the record gives them.
 */
export const condaMetaAnalyzer: Analyzer = {
  id: 'conda-meta',
  version: 1,
  maxFileSize: 64 * 1024 * 1024,
  required: (path) => {
    if (!path.endsWith('.json')) return false;
    const slash = path.lastIndexOf('/');
    const dir = slash < 0 ? '' : path.slice(0, slash);
    return dir === 'conda-meta' || dir.endsWith('/conda-meta');
  },
  analyzeLayer: (files) => files.map(analyzeFile),
};

function analyzeFile(file: CapturedFile): FileResult {
  let json: unknown;
  try {
    json = parseJsonDocument(file.content, 'conda-meta record');
  } catch (err) {
    return { path: file.path, unknowns: [errorMessage(err)] };
  }
  const { pkg, problems } = parseCondaMeta(json);
  if (!pkg) return { path: file.path, unknowns: problems.map((p) => `conda-meta: ${p}`) };
  const prefix = file.path.slice(0, file.path.lastIndexOf('conda-meta/')).replace(/\/$/, '');
  const qualifiers = {
    build: pkg.build,
    channel: pkg.channel === undefined ? undefined : channelName(pkg.channel, pkg.subdir),
    subdir: pkg.subdir,
    type: packageFileType(pkg.fn),
  };
  const record: PackageRecord = {
    type: 'conda',
    name: pkg.name,
    version: pkg.version,
    licenses: pkg.license === undefined ? [] : [pkg.license],
    purl: makePurl('conda', undefined, pkg.name, pkg.version, qualifiers),
    foundIn: 'installed',
    evidence: [`conda-meta/${file.path.slice(file.path.lastIndexOf('/') + 1)}`],
  };
  if (pkg.files.length > 0) record.files = pkg.files.map((f) => `${prefix === '' ? '' : `/${prefix}`}/${f.replace(/^\/+/, '')}`);
  if (pkg.depends.length > 0) record.dependsOn = pkg.depends;
  const metadata: Record<string, string> = {};
  if (pkg.build !== undefined) metadata['build'] = pkg.build;
  if (pkg.channel !== undefined) metadata['channel'] = pkg.channel;
  if (Object.keys(metadata).length > 0) record.metadata = metadata;
  return { path: file.path, packages: [record] };
}
