import type { SourceInfo } from '../core/inventory.js';
import type { LayerRef } from '../core/package.js';
import type { SecretFinding, SecretLocation } from '../core/secret-finding.js';

/**
 * The image memo's copy of the secrets found in layers: layer refs are kept as indexes only, because
 * a layer's created_by line may itself hold a secret (a build arg) and the cache holds no secret. On
 * the way back they are filled in from the image being scanned (same layers: the memo's key says so).
 */
export function secretsForMemo(secrets: readonly SecretFinding[]): SecretFinding[] {
  return secrets.map((s) => ({ ...s, location: mapLayers(s.location, (ref) => ({ index: ref.index })) }));
}

export function secretsFromMemo(secrets: readonly SecretFinding[], info: SourceInfo): SecretFinding[] {
  const refOf = (ref: LayerRef): LayerRef => {
    const l = info.layers[ref.index];
    const out: LayerRef = { index: ref.index };
    if (l?.diffId !== undefined) out.diffId = l.diffId;
    if (l?.createdBy !== undefined) out.createdBy = l.createdBy;
    return out;
  };
  return secrets.map((s) => ({ ...s, location: mapLayers(s.location, refOf) }));
}

function mapLayers(loc: SecretLocation, f: (ref: LayerRef) => LayerRef): SecretLocation {
  if (loc.kind === 'file') return { ...loc, layer: f(loc.layer), ...(loc.removedIn ? { removedIn: f(loc.removedIn) } : {}) };
  if (loc.kind === 'history' && loc.layer) return { ...loc, layer: f(loc.layer) };
  return loc;
}
