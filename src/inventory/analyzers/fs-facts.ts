import * as z from 'zod/mini';
import type { AccountFacts, FsFacts } from '../../core/fs-facts.js';
import type { Unknown } from '../../core/inventory.js';
import type { Analyzer, CapturedFile, FileResult, MergeOutput, MergeView } from '../analyzer.js';
import { collectFsFacts } from '../fs-facts/collect.js';
import { ACCOUNT_FILES, parseAccountFile } from '../parsers/accounts.js';

/**
 * Final-filesystem facts for the image configuration checks (`Inventory.fsFacts`). Metadata comes
 * from the layer listings the walker records for every entry of every layer (mode, size, owner),
 * merged with whiteouts applied — no content is read for it, and no second pass over the layers.
 * Content is read only from the account databases (/etc/passwd, group, shadow, master.passwd), and
 * only names and ids are kept from them, never a password hash.
 */

const factsSchema = z.object({
  file: z.enum(['passwd', 'group', 'shadow', 'master.passwd']),
  emptyPassword: z.array(z.string()),
  duplicateIds: z.array(z.object({ id: z.string(), names: z.array(z.string()) })),
});

function analyzeFile(file: CapturedFile): FileResult {
  const kind = ACCOUNT_FILES.get(file.path);
  if (kind === undefined) return { path: file.path };
  return { path: file.path, facts: parseAccountFile(kind, file.content) };
}

function mergeAccounts(view: MergeView, unknowns: Unknown[]): AccountFacts {
  const accounts: AccountFacts = { emptyPassword: [], duplicateIds: [] };
  for (const path of ACCOUNT_FILES.keys()) {
    const v = view.at(path);
    if (!v) continue;
    const parsed = factsSchema.safeParse(v.result.facts);
    if (!parsed.success) {
      unknowns.push({ path: `/${path}`, layer: v.layer, source: 'fs-facts', reason: 'cached account facts have an unexpected shape — ignored' });
      continue;
    }
    const file = `/${path}`;
    for (const name of parsed.data.emptyPassword) accounts.emptyPassword.push({ file, name, layer: v.layer.index });
    const kind = parsed.data.file === 'group' ? 'gid' : 'uid';
    for (const d of parsed.data.duplicateIds) accounts.duplicateIds.push({ file, kind, id: d.id, names: d.names, layer: v.layer.index });
  }
  return accounts;
}

function mergeFsFacts(view: MergeView): MergeOutput {
  const unknowns: Unknown[] = [];
  const fsFacts: FsFacts = { ...collectFsFacts(view), accounts: mergeAccounts(view, unknowns) };
  return { fsFacts, unknowns };
}

export const fsFactsAnalyzer: Analyzer = {
  id: 'fs-facts',
  version: 1,
  maxFileSize: 4 << 20,
  required: (path) => path.startsWith('etc/') && ACCOUNT_FILES.has(path),
  analyzeLayer: (files) => files.map(analyzeFile),
  merge: mergeFsFacts,
};
