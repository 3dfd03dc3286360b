import { AppError } from '../../core/errors.js';
import { isDigest } from '../../core/digest.js';

const REPO_RE = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/;
const TAG_RE = /^[\w][\w.-]{0,127}$/;

/** Repository names go into URL paths: only the distribution grammar is let through. */
export function checkRepository(registry: string, repo: string): void {
  if (!REPO_RE.test(repo) || repo.length > 255) {
    throw new AppError('INPUT', `${registry}/${repo}: not a valid repository name`);
  }
}

/** A tag or a digest, as used after `/manifests/`. */
export function checkTagOrDigest(registry: string, repo: string, reference: string): void {
  if (!isDigest(reference) && !TAG_RE.test(reference)) {
    throw new AppError('INPUT', `${registry}/${repo}: "${reference}" is neither a valid tag nor a sha256/sha512 digest`);
  }
}

/** `registry/repo:tag` or `registry/repo@digest`, the way users write it; used to start messages. */
export function subjectOf(registry: string, repo: string, reference: string): string {
  return isDigest(reference) ? `${registry}/${repo}@${reference}` : `${registry}/${repo}:${reference}`;
}

export function pullScope(repo: string): string {
  return `repository:${repo}:pull`;
}

export function pushScope(repo: string): string {
  return `repository:${repo}:pull,push`;
}
