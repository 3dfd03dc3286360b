/**
 * The image configuration check contract. A check reads the image config, the inventory (with its
 * final-filesystem facts) and the reference the user scanned, and returns findings. One check per
 * file, listed in CONFIG_CHECKS (index.ts); ids are Dockle's checkpoint codes where Dockle has the
 * check (CIS-DI-*, DKL-*), drydock's own `DD-IMG-*` otherwise.
 */
import type { ImageConfigSummary, Inventory } from '../../core/inventory.js';
import type { LayerRef } from '../../core/package.js';
import type { Severity } from '../../core/severity.js';
import { describeStep, type HistoryStep } from './history.js';
import type { SensitiveVar } from './sensitive-vars.js';

/** Dockle's default level of the checkpoint a check implements. */
export type DockleLevel = 'FATAL' | 'WARN' | 'INFO';

export interface ConfigCheckInput {
  config: ImageConfigSummary;
  inventory: Inventory;
  /** The image reference as scanned (`alpine:3.20`, `registry/app`): for the tag checks. */
  reference?: string;
}

export interface CheckFinding {
  id: string;
  title: string;
  severity: Severity;
  /** What was found, one item per line; secrets masked (never a full secret value). */
  details: string[];
  /** The layer the finding comes from, when one does. */
  layer?: LayerRef;
}

/** What every check sees: the input plus the history, parsed once for all checks. */
export interface ConfigCheckContext extends ConfigCheckInput {
  readonly history: readonly HistoryStep[];
  /** Suspicious variables with a value (ENV, LABEL, ARG, history lines), found once for all checks. */
  readonly secrets: readonly SensitiveVar[];
  /** The inventory's description of a layer (diffID, history line), by index. */
  layerRef(index: number): LayerRef | undefined;
}

export interface ConfigCheck {
  readonly id: string;
  readonly title: string;
  readonly severity: Severity;
  readonly dockleLevel?: DockleLevel;
  run(ctx: ConfigCheckContext): CheckFinding[];
}

/** A finding of `check` with its id, title and severity. */
export function findingOf(check: Pick<ConfigCheck, 'id' | 'title' | 'severity'>, details: string[], layer?: LayerRef, severity?: Severity): CheckFinding {
  const f: CheckFinding = { id: check.id, title: check.title, severity: severity ?? check.severity, details };
  if (layer !== undefined) f.layer = layer;
  return f;
}

/** Permission bits as `ls -l`-style octal: `4755`. */
export function octal(mode: number): string {
  return (mode & 0o7777).toString(8).padStart(4, '0');
}

/** A finding about one history step: the step's line, and its layer when it made one. */
export function stepFinding(check: Pick<ConfigCheck, 'id' | 'title' | 'severity'>, ctx: ConfigCheckContext, step: HistoryStep, extra: string[] = []): CheckFinding {
  return findingOf(check, [describeStep(step), ...extra], step.layer === undefined ? undefined : ctx.layerRef(step.layer));
}

/** Items grouped by the layer that wrote them, layers ascending. */
export function byLayer<T extends { layer: number }>(items: readonly T[]): Array<[number, T[]]> {
  const groups = new Map<number, T[]>();
  for (const item of items) {
    const list = groups.get(item.layer);
    if (list) list.push(item);
    else groups.set(item.layer, [item]);
  }
  return [...groups].sort((a, b) => a[0] - b[0]);
}
