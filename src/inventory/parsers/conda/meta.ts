import * as z from 'zod/mini';

/**
 * A conda package's installed record, `<prefix>/conda-meta/<name>-<version>-<build>.json`, written
 * by conda (and mamba/micromamba) when it links the package into the environment.
 */

export interface CondaPackage {
  name: string;
  version: string;
  build?: string;
  /** Channel URL or name as recorded (`https://repo.anaconda.com/pkgs/main/linux-64`, `conda-forge`). */
  channel?: string;
  subdir?: string;
  /** The package file name (`x-1.0-h1_0.conda`, `x-1.0-h1_0.tar.bz2`). */
  fn?: string;
  license?: string;
  /** Names of the packages it depends on (`depends` entries without their version constraints). */
  depends: string[];
  /** Paths relative to the environment prefix. */
  files: string[];
}

export interface CondaMetaResult {
  pkg?: CondaPackage;
  problems: string[];
}

const schema = z.object({
  name: z.string().check(z.minLength(1)),
  version: z.string().check(z.minLength(1)),
  build: z.optional(z.string()),
  channel: z.optional(z.nullable(z.string())),
  subdir: z.optional(z.nullable(z.string())),
  fn: z.optional(z.string()),
  license: z.optional(z.nullable(z.string())),
  depends: z.optional(z.array(z.string())),
  files: z.optional(z.array(z.string())),
});

export function parseCondaMeta(json: unknown): CondaMetaResult {
  const parsed = schema.safeParse(json);
  if (!parsed.success) return { problems: parsed.error.issues.map((i) => `${i.path.join('.') || '(document)'}: ${i.message}`) };
  const d = parsed.data;
  const pkg: CondaPackage = {
    name: d.name,
    version: d.version,
    depends: [...new Set((d.depends ?? []).map((dep) => dep.trim().split(/\s+/, 1)[0] ?? '').filter((n) => n !== ''))],
    files: d.files ?? [],
  };
  if (d.build !== undefined && d.build !== '') pkg.build = d.build;
  if (d.channel) pkg.channel = d.channel;
  if (d.subdir) pkg.subdir = d.subdir;
  if (d.fn !== undefined && d.fn !== '') pkg.fn = d.fn;
  if (d.license) pkg.license = d.license;
  return { pkg, problems: [] };
}

/**
 * The channel's name for the purl: the path segment before the subdir of an anaconda.com channel
 * URL (`https://repo.anaconda.com/pkgs/main/linux-64` → `main`, `https://conda.anaconda.org/conda-forge/noarch`
 * → `conda-forge`); other URLs are kept whole without the subdir; a bare name as it is.
 */
export function channelName(channel: string, subdir: string | undefined): string {
  let c = channel.replace(/\/+$/, '');
  if (subdir !== undefined && c.endsWith(`/${subdir}`)) c = c.slice(0, -subdir.length - 1);
  const m = /^https?:\/\/(?:repo\.anaconda\.com\/pkgs|conda\.anaconda\.org)\/([^/]+)$/.exec(c);
  return m?.[1] ?? c;
}

/** `x.conda` → `conda`, `x.tar.bz2` → `tar.bz2`. */
export function packageFileType(fn: string | undefined): string | undefined {
  if (fn === undefined) return undefined;
  if (fn.endsWith('.conda')) return 'conda';
  if (fn.endsWith('.tar.bz2')) return 'tar.bz2';
  return undefined;
}
