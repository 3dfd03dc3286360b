/**
 * Image configuration checks (Dockle's CIS-DI / DKL checkpoints and drydock's DD-IMG ones): the
 * explicit list, and `runConfigChecks`, which parses the history once for all checks, runs them, and
 * masks every secret value in every finding.
 */
import type { LayerRef } from '../../core/package.js';
import { loadShellParser } from '../../lint/shell/parse.js';
import { cisDi0001 } from './cis-di-0001.js';
import { cisDi0006 } from './cis-di-0006.js';
import { cisDi0007 } from './cis-di-0007.js';
import { cisDi0008 } from './cis-di-0008.js';
import { cisDi0009 } from './cis-di-0009.js';
import { cisDi0010 } from './cis-di-0010.js';
import { ddImg0001 } from './dd-img-0001.js';
import { ddImg0002 } from './dd-img-0002.js';
import { ddImg0003 } from './dd-img-0003.js';
import { ddImg0004 } from './dd-img-0004.js';
import { ddImg0005 } from './dd-img-0005.js';
import { dklDi0001 } from './dkl-di-0001.js';
import { dklDi0002 } from './dkl-di-0002.js';
import { dklDi0003 } from './dkl-di-0003.js';
import { dklDi0004 } from './dkl-di-0004.js';
import { dklDi0005 } from './dkl-di-0005.js';
import { dklDi0006 } from './dkl-di-0006.js';
import { dklLi0001 } from './dkl-li-0001.js';
import { dklLi0002 } from './dkl-li-0002.js';
import { dklLi0003 } from './dkl-li-0003.js';
import { parseHistory } from './history.js';
import { maskText } from './mask.js';
import type { CheckFinding, ConfigCheck, ConfigCheckContext, ConfigCheckInput } from './model.js';
import { findSensitiveVars } from './sensitive-vars.js';

export type { CheckFinding, ConfigCheck, ConfigCheckInput } from './model.js';

/** Every configuration check, in report order. Adding one means adding its file and one line here. */
export const CONFIG_CHECKS: readonly ConfigCheck[] = [
  cisDi0001,
  cisDi0006,
  cisDi0007,
  cisDi0008,
  cisDi0009,
  cisDi0010,
  dklDi0001,
  dklDi0002,
  dklDi0003,
  dklDi0004,
  dklDi0005,
  dklDi0006,
  dklLi0001,
  dklLi0002,
  dklLi0003,
  ddImg0001,
  ddImg0002,
  ddImg0003,
  ddImg0004,
  ddImg0005,
];

/** The context the checks share (the shell parser must be loaded: `runConfigChecks` does it). */
export function checkContext(input: ConfigCheckInput): ConfigCheckContext {
  const layers = input.inventory.source.layers;
  const history = parseHistory(input.config, layers.length);
  return {
    ...input,
    history,
    secrets: findSensitiveVars(input.config, history),
    layerRef(index) {
      const l = layers[index];
      if (!l) return undefined;
      const ref: LayerRef = { index };
      if (l.diffId !== undefined) ref.diffId = l.diffId;
      if (l.createdBy !== undefined) ref.createdBy = l.createdBy;
      return ref;
    },
  };
}

/** Run `checks` (default: all) and mask every suspicious value wherever it appears in a finding. */
export async function runConfigChecks(input: ConfigCheckInput, checks: readonly ConfigCheck[] = CONFIG_CHECKS): Promise<CheckFinding[]> {
  await loadShellParser();
  const ctx = checkContext(input);
  const secrets = ctx.secrets.map((s) => s.value);
  return checks.flatMap((c) => c.run(ctx)).map((f) => masked(f, secrets));
}

function masked(f: CheckFinding, secrets: readonly string[]): CheckFinding {
  if (secrets.length === 0) return f;
  const out: CheckFinding = { ...f, details: f.details.map((d) => maskText(d, secrets)) };
  if (f.layer) {
    out.layer = { ...f.layer };
    if (f.layer.createdBy !== undefined) out.layer.createdBy = maskText(f.layer.createdBy, secrets);
  }
  return out;
}
