import { statSync } from 'node:fs';
import { AppError } from '../core/errors.js';
import { isDigest } from '../core/digest.js';
import { parseReference, type ImageReference } from './reference.js';

/** A scan target as the user wrote it, classified (skopeo/syft syntax). */
export type TargetSpec =
  | { kind: 'registry'; input: string; ref: ImageReference }
  | { kind: 'docker-archive'; input: string; path: string; selector?: string }
  | { kind: 'oci-archive'; input: string; path: string; selector?: string }
  | { kind: 'oci-layout'; input: string; path: string; selector?: string }
  /** An existing file whose format is sniffed when opened (docker/OCI archive, compressed or not, or an SBOM). */
  | { kind: 'file'; input: string; path: string }
  | { kind: 'dir'; input: string; path: string }
  | { kind: 'sbom'; input: string; path: string };

type PathTransport = 'docker-archive' | 'oci-archive' | 'oci';

/** Split `PATH[:selector]` (the path may not contain ':'; skopeo has the same rule) or `PATH@digest`. */
function splitPath(transport: PathTransport, rest: string, input: string): { path: string; selector?: string } {
  if (rest === '') throw new AppError('USAGE', `invalid target "${input}": ${transport}: needs a path`);
  if (transport === 'oci') {
    const at = rest.search(/@sha(256|512):/);
    if (at > 0) {
      const digest = rest.slice(at + 1);
      if (!isDigest(digest)) throw new AppError('USAGE', `invalid target "${input}": "${digest}" is not a valid digest`);
      return { path: rest.slice(0, at), selector: digest };
    }
  }
  const colon = rest.indexOf(':');
  if (colon < 0) return { path: rest };
  const selector = rest.slice(colon + 1);
  if (selector === '') throw new AppError('USAGE', `invalid target "${input}": empty image name after ":"`);
  return { path: rest.slice(0, colon), selector };
}

function kindOfPath(path: string): 'file' | 'dir' | 'oci-layout' | undefined {
  try {
    const st = statSync(path);
    if (st.isDirectory()) {
      try {
        statSync(`${path}/oci-layout`);
        return 'oci-layout';
      } catch {
        return 'dir';
      }
    }
    return st.isFile() ? 'file' : undefined;
  } catch {
    return undefined;
  }
}

const LOOKS_LIKE_PATH = /^(\.{0,2}\/|~\/)|\.(tar|tgz|tar\.gz|tar\.zst|json)$/;

/** Classify a target string. Throws USAGE/NOT_FOUND for targets that cannot mean anything. */
export function parseTarget(input: string): TargetSpec {
  const m = /^(docker-archive|oci-archive|oci|dir|registry|docker|sbom):(.*)$/s.exec(input);
  if (m) {
    const transport = m[1] as string;
    const rest = m[2] as string;
    switch (transport) {
      case 'registry':
      case 'docker':
        return { kind: 'registry', input, ref: parseReference(rest.replace(/^\/\//, '')) };
      case 'dir':
      case 'sbom':
        if (rest === '') throw new AppError('USAGE', `invalid target "${input}": ${transport}: needs a path`);
        return { kind: transport, input, path: rest };
      default: {
        const t = transport as PathTransport;
        const { path, selector } = splitPath(t, rest, input);
        const kind = t === 'oci' ? 'oci-layout' : t;
        return selector === undefined ? { kind, input, path } : { kind, input, path, selector };
      }
    }
  }
  const pathKind = kindOfPath(input);
  if (pathKind) return { kind: pathKind, input, path: input };
  if (LOOKS_LIKE_PATH.test(input)) throw new AppError('NOT_FOUND', `target "${input}": no such file or directory`);
  try {
    return { kind: 'registry', input, ref: parseReference(input) };
  } catch (err) {
    throw new AppError('USAGE', `target "${input}" is neither an existing path nor a valid image reference: ${(err as Error).message}`);
  }
}
