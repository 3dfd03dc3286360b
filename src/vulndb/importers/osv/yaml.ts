import { createRequire } from 'node:module';
import type * as Yaml from 'yaml';

let yaml: typeof Yaml | undefined;

/**
 * YAML feed documents (PyPA advisories, the legacy Alpine secdb) parsed so that every scalar keeps its
 * text: YAML 1.2 reads a plain `fixed: 1.10` as the number 1.1 and `0:` as 0, and a version that changed
 * on the way in is a wrong match. Numbers and booleans are therefore returned as their source text;
 * `null`/empty values stay null. The `yaml` package is loaded on first use (it is not on the scan path).
 */
export async function parseYamlDocument(text: string): Promise<unknown> {
  // Through require, not `import('yaml')`: bundled by esbuild, the dynamic import of yaml's CommonJS
  // build lost `visit` (every PyPA record failed with "i is not a function" in dist/ only).
  yaml ??= createRequire(import.meta.url)('yaml') as typeof Yaml;
  const { parseDocument, visit, isScalar } = yaml;
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: false });
  const first = doc.errors[0];
  if (first) throw new Error(`invalid YAML: ${first.message.split('\n')[0] ?? ''}`);
  visit(doc, {
    Scalar(_key, node) {
      if (!isScalar(node)) return;
      const v = node.value;
      if ((typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') && typeof node.source === 'string') node.value = node.source;
    },
  });
  try {
    return doc.toJS({ maxAliasCount: 100 }); // alias expansion capped (billion-laughs documents)
  } catch (err) {
    throw new Error(`invalid YAML: ${err instanceof Error ? err.message : String(err)}`);
  }
}
