import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { baseLayerCount, type HistoryEntry } from '../../src/image/base-layers.js';
import { inventoryOf, tempCache } from '../helpers/drydock.js';
import { ensureFixtures, fixture } from '../helpers/fixtures.js';

const nop = (s: string): HistoryEntry => ({ created_by: `/bin/sh -c #(nop)  ${s}`, empty_layer: true });
const layer = (s: string): HistoryEntry => ({ created_by: s });

describe('baseLayerCount (history heuristic)', () => {
  it('the base ends at the last CMD/ENTRYPOINT followed by more layers (classic builder lines)', () => {
    const h = [layer('/bin/sh -c #(nop) ADD file:abc in / '), nop('CMD ["bash"]'), layer('/bin/sh -c apt-get install -y curl'), nop('CMD ["app"]')];
    expect(baseLayerCount(h, 2)).toBe(1);
  });
  it('BuildKit lines (no #(nop)) and a two-level chain of bases', () => {
    const h: HistoryEntry[] = [
      layer('ADD alpine-minirootfs.tar.gz / # buildkit'),
      { created_by: 'CMD ["/bin/sh"]', empty_layer: true },
      layer('RUN /bin/sh -c apk add python3 # buildkit'),
      { created_by: 'ENTRYPOINT ["python3"]', empty_layer: true },
      layer('COPY app /app # buildkit'),
      layer('RUN /bin/sh -c pip install -r req.txt # buildkit'),
      { created_by: 'CMD ["app.py"]', empty_layer: true },
    ];
    expect(baseLayerCount(h, 4)).toBe(2);
  });
  it('unknown when nothing marks a base, when the image is a base itself, or when history and layers disagree', () => {
    expect(baseLayerCount(undefined, 3)).toBeUndefined();
    expect(baseLayerCount([layer('ADD x /'), layer('RUN y')], 2)).toBeUndefined();
    expect(baseLayerCount([layer('ADD x /'), nop('CMD ["sh"]')], 1)).toBeUndefined();
    expect(baseLayerCount([layer('ADD x /'), nop('CMD ["sh"]'), layer('RUN y')], 5)).toBeUndefined();
    // a CMD before any layer marks no base
    expect(baseLayerCount([nop('CMD ["sh"]'), layer('ADD x /'), layer('RUN y')], 2)).toBeUndefined();
  });
  it('words that merely contain CMD are not metadata steps', () => {
    expect(baseLayerCount([layer('ADD x /'), nop('LABEL note=MYCMDX'), layer('RUN y')], 2)).toBeUndefined();
    expect(baseLayerCount([layer('ADD x /'), nop('LABEL step="then CMD [x]"'), layer('RUN y')], 2)).toBeUndefined();
  });
});

describe('real images built FROM a base (buildah fixtures)', () => {
  const cache = tempCache();
  beforeAll(async () => {
    await ensureFixtures(['alpine-layers', 'python-app']);
  }, 900_000);

  function historyOf(ociDir: string): HistoryEntry[] {
    const blob = (d: string): string => join(ociDir, 'blobs', 'sha256', d.slice('sha256:'.length));
    const index = JSON.parse(readFileSync(join(ociDir, 'index.json'), 'utf8')) as { manifests: Array<{ digest: string }> };
    const manifest = JSON.parse(readFileSync(blob(index.manifests[0]?.digest ?? ''), 'utf8')) as { config: { digest: string } };
    return (JSON.parse(readFileSync(blob(manifest.config.digest), 'utf8')) as { history: HistoryEntry[] }).history;
  }

  it('alpine-layers: its base (ADD rootfs + CMD) is the first layer, and the inventory says so', async () => {
    const h = historyOf(fixture('alpine-layers').ociDir);
    const firstCmd = h.findIndex((e) => e.empty_layer === true && /CMD/.test(e.created_by ?? ''));
    expect(firstCmd).toBeGreaterThan(0);
    const layersBefore = h.slice(0, firstCmd).filter((e) => e.empty_layer !== true).length;
    const inv = await inventoryOf(`oci:${fixture('alpine-layers').ociDir}`, { cacheDir: cache.dir });
    expect(inv.source.config?.baseLayers).toBe(layersBefore);
    expect(layersBefore).toBe(1);
  });

  it('python-app: no CMD/ENTRYPOINT in its history, so no base is claimed', async () => {
    expect(historyOf(fixture('python-app').ociDir).some((e) => /\b(CMD|ENTRYPOINT)\b/.test(e.created_by ?? ''))).toBe(false);
    const inv = await inventoryOf(`oci:${fixture('python-app').ociDir}`, { cacheDir: cache.dir });
    expect(inv.source.config?.baseLayers).toBeUndefined();
  });
});
