import * as z from 'zod/mini';
import { AppError } from '../core/errors.js';
import { parseJsonDocument } from '../core/json.js';
import { isDigest } from '../core/digest.js';
import type { HistoryStepSummary, ImageConfigSummary, LayerInfo } from '../core/inventory.js';
import { baseLayerCount } from './base-layers.js';
import { zodProblems } from './manifest.js';

const str = z.optional(z.string());

const historySchema = z.object({
  created: str,
  created_by: str,
  author: str,
  comment: str,
  empty_layer: z.optional(z.boolean()),
});

const runConfigSchema = z.looseObject({
  User: str,
  Env: z.nullish(z.array(z.string())),
  Entrypoint: z.nullish(z.array(z.string())),
  Cmd: z.nullish(z.array(z.string())),
  WorkingDir: str,
  ExposedPorts: z.nullish(z.record(z.string(), z.unknown())),
  Labels: z.nullish(z.record(z.string(), z.string())),
  Volumes: z.nullish(z.record(z.string(), z.unknown())),
  StopSignal: str,
  Healthcheck: z.nullish(z.record(z.string(), z.unknown())),
});

export const imageConfigSchema = z.looseObject({
  architecture: z.string(),
  os: z.string(),
  variant: str,
  created: str,
  author: str,
  config: z.nullish(runConfigSchema),
  rootfs: z.object({
    type: z.literal('layers'),
    diff_ids: z.array(z.string().check(z.refine(isDigest, { message: 'not a sha256/sha512 digest' }))),
  }),
  history: z.nullish(z.array(historySchema)),
});

export type ImageConfig = z.infer<typeof imageConfigSchema>;

export function parseImageConfig(body: Buffer, what: string): ImageConfig {
  const json = parseJsonDocument(body, `${what}: image config`);
  const r = imageConfigSchema.safeParse(json);
  if (!r.success) throw new AppError('INPUT', `${what}: invalid image config: ${zodProblems(r.error)}`);
  return r.data;
}

/**
 * The history line that created each layer: history entries without `empty_layer` map, in order,
 * onto rootfs.diff_ids. Returns one entry per layer (undefined where history is missing).
 */
export function layerCreatedBy(config: ImageConfig): Array<string | undefined> {
  const out: Array<string | undefined> = [];
  for (const h of config.history ?? []) {
    if (h.empty_layer) continue;
    out.push(h.created_by);
  }
  const n = config.rootfs.diff_ids.length;
  // Fewer history lines than layers happens (squashed or hand-made images): leave the rest unknown.
  return Array.from({ length: n }, (_, i) => out[i]);
}

export function summarizeConfig(config: ImageConfig): ImageConfigSummary {
  const c = config.config ?? {};
  const s: ImageConfigSummary = {};
  if (c.User !== undefined) s.user = c.User;
  if (c.Env) s.env = c.Env;
  if (c.Entrypoint) s.entrypoint = c.Entrypoint;
  if (c.Cmd) s.cmd = c.Cmd;
  if (c.WorkingDir) s.workingDir = c.WorkingDir;
  if (c.ExposedPorts) s.exposedPorts = Object.keys(c.ExposedPorts);
  if (c.Labels) s.labels = c.Labels;
  const base = baseLayerCount(config.history ?? undefined, config.rootfs.diff_ids.length);
  if (base !== undefined) s.baseLayers = base;
  if (c.Healthcheck) s.healthcheck = healthcheckOf(c.Healthcheck);
  if (c.Volumes) s.volumes = Object.keys(c.Volumes);
  if (config.history) s.history = config.history.map(historyStep);
  return s;
}

function healthcheckOf(h: Record<string, unknown>): { test?: string[] } {
  const test = h['Test'];
  return Array.isArray(test) && test.every((t) => typeof t === 'string') ? { test: test as string[] } : {};
}

function historyStep(h: { created_by?: string | undefined; empty_layer?: boolean | undefined }): HistoryStepSummary {
  const step: HistoryStepSummary = {};
  if (h.created_by !== undefined) step.createdBy = h.created_by;
  if (h.empty_layer === true) step.emptyLayer = true;
  return step;
}

/** Layer descriptions (diffID, history line, stored blob) in rootfs order. */
export function describeLayers(
  config: ImageConfig,
  blobs: Array<{ digest?: string; mediaType?: string; size?: number } | undefined>,
): LayerInfo[] {
  const createdBy = layerCreatedBy(config);
  return config.rootfs.diff_ids.map((diffId, index) => {
    const info: LayerInfo = { index, diffId };
    const b = blobs[index];
    if (b?.digest !== undefined) info.digest = b.digest;
    if (b?.mediaType !== undefined) info.mediaType = b.mediaType;
    if (b?.size !== undefined) info.size = b.size;
    const cb = createdBy[index];
    if (cb !== undefined) info.createdBy = cb;
    return info;
  });
}
