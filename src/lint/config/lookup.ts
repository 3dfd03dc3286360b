/**
 * Where the lint config files are: a pure function of the working directory, the environment and an
 * `exists(path)` probe, so the search order is testable without touching the disk.
 *
 * `.hadolint.yaml` — Hadolint's order (src/Hadolint/Config/Configfile.hs), first found wins, `.yml`
 * accepted beside every `.yaml`:
 *   $PWD/.hadolint.yaml
 *   $XDG_CONFIG_HOME/hadolint.yaml          (only when set to an absolute path)
 *   $HOME/.config/hadolint.yaml
 *   $HOME/.hadolint/hadolint.yaml, $HOME/.hadolint/config.yaml
 *   $HOME/.hadolint.yaml
 * (Hadolint on Windows reads %LOCALAPPDATA% instead of XDG; drydock does not.)
 * `--config FILE` replaces the search: the file is used whether it exists or not (reading it reports).
 *
 * `.drydock.yaml` — only $PWD/.drydock.yaml (or .yml); its `lint:` section extends the file above.
 */
import { isAbsolute, join, resolve } from 'node:path';
import type { Env } from './env.js';

export interface LookupInput {
  readonly cwd: string;
  readonly env: Env;
  readonly exists: (path: string) => boolean;
  /** `--config FILE`. */
  readonly explicit?: string | undefined;
}

function yamlAndYml(dir: string, base: string): string[] {
  return [join(dir, `${base}.yaml`), join(dir, `${base}.yml`)];
}

/** Every place searched for a Hadolint config, in order. */
export function hadolintConfigCandidates(cwd: string, env: Env): string[] {
  const home = env['HOME'];
  const xdg = env['XDG_CONFIG_HOME'];
  const out = yamlAndYml(cwd, '.hadolint');
  if (xdg !== undefined && xdg !== '' && isAbsolute(xdg)) out.push(...yamlAndYml(xdg, 'hadolint'));
  if (home !== undefined && home !== '') {
    out.push(...yamlAndYml(join(home, '.config'), 'hadolint'));
    out.push(...yamlAndYml(join(home, '.hadolint'), 'hadolint'), ...yamlAndYml(join(home, '.hadolint'), 'config'));
    out.push(...yamlAndYml(home, '.hadolint'));
  }
  return [...new Set(out)];
}

/** The Hadolint config file to read, or undefined when there is none. */
export function findHadolintConfig(input: LookupInput): string | undefined {
  if (input.explicit !== undefined) return resolve(input.cwd, input.explicit);
  return hadolintConfigCandidates(input.cwd, input.env).find((p) => input.exists(p));
}

/** drydock's own config file in the working directory, or undefined. */
export function findDrydockConfig(input: Pick<LookupInput, 'cwd' | 'exists'>): string | undefined {
  return yamlAndYml(input.cwd, '.drydock').find((p) => input.exists(p));
}
