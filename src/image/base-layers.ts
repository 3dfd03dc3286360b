/**
 * How many of an image's layers come from its base image, guessed from the config history.
 *
 * A base image ends with its own metadata steps (`CMD`, `ENTRYPOINT`: empty layers); when a
 * Dockerfile builds `FROM` it, the child's steps follow those. So the base is every layer created
 * before the LAST `CMD`/`ENTRYPOINT` history entry that is followed by at least one more layer. An
 * image with no such entry (built FROM scratch, squashed, or the base image itself) has no known
 * base: undefined. It is a heuristic (Trivy uses the same signal); it cannot see a base that sets no
 * CMD/ENTRYPOINT.
 */
export interface HistoryEntry {
  created_by?: string | undefined;
  empty_layer?: boolean | undefined;
}

const METADATA_END = /^(?:\/bin\/sh -c #\(nop\)\s+)?(?:CMD|ENTRYPOINT)\b/;

export function baseLayerCount(history: readonly HistoryEntry[] | undefined, layerCount: number): number | undefined {
  if (!history || history.length === 0) return undefined;
  let layers = 0;
  let base: number | undefined;
  let pending: number | undefined;
  for (const h of history) {
    if (h.empty_layer) {
      if (METADATA_END.test((h.created_by ?? '').trim())) pending = layers;
      continue;
    }
    if (pending !== undefined) {
      base = pending;
      pending = undefined;
    }
    layers++;
  }
  // History that does not describe the layers it claims to cannot be trusted for this.
  if (layers !== layerCount || base === undefined || base === 0) return undefined;
  return base;
}
