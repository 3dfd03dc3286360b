import { execFile } from 'node:child_process';
import * as z from 'zod';
import { AppError } from '../../../core/errors.js';
import type { RegistryCredentials } from './credentials.js';

const HELPER_NAME_RE = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

const helperOutputSchema = z.object({
  Username: z.string().optional(),
  Secret: z.string(),
});

interface HelperRun {
  code: number | string | null;
  stdout: string;
  stderr: string;
}

function run(program: string, input: string, env: Record<string, string | undefined> | undefined): Promise<HelperRun> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      program,
      ['get'],
      { env: env as NodeJS.ProcessEnv | undefined, timeout: 30_000, maxBuffer: 1024 * 1024, encoding: 'utf8' },
      (err, stdout, stderr) => {
        if (err && (err as NodeJS.ErrnoException).code === 'ENOENT') {
          reject(new AppError('AUTH', `credential helper ${program} was not found on PATH`));
          return;
        }
        resolve({ code: err ? ((err as { code?: number | string }).code ?? 1) : 0, stdout, stderr });
      },
    );
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(input);
  });
}

/**
 * Ask `docker-credential-<name> get` for the credentials of `serverUrl` (the docker-credential-helpers
 * protocol: server URL on stdin, `{"ServerURL","Username","Secret"}` on stdout). A Username of
 * `<token>` marks the secret as an identity token. Undefined when the helper has none.
 */
export async function credentialsFromHelper(
  name: string,
  serverUrl: string,
  env: Record<string, string | undefined> | undefined,
): Promise<RegistryCredentials | undefined> {
  if (!HELPER_NAME_RE.test(name)) {
    throw new AppError('INPUT', `credential helper name "${name}" is not valid`);
  }
  const program = `docker-credential-${name}`;
  const out = await run(program, serverUrl, env);
  if (out.code !== 0) {
    if (/credentials not found/i.test(out.stdout + out.stderr)) return undefined;
    const why = out.stderr.trim().split('\n')[0]?.slice(0, 200) ?? '';
    throw new AppError('AUTH', `credential helper ${program} failed for ${serverUrl} (exit ${String(out.code)})${why ? `: ${why}` : ''}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(out.stdout);
  } catch {
    throw new AppError('AUTH', `credential helper ${program} printed something that is not JSON for ${serverUrl}`);
  }
  const r = helperOutputSchema.safeParse(json);
  if (!r.success) {
    const fields = [...new Set(r.error.issues.map((i) => i.path.join('.') || '(root)'))].join(', ');
    throw new AppError('AUTH', `credential helper ${program} gave an unusable answer for ${serverUrl} (bad fields: ${fields})`);
  }
  const { Username, Secret } = r.data;
  if (Secret === '') return undefined;
  if (Username === '<token>') return { identityToken: Secret };
  return Username === undefined ? { password: Secret } : { username: Username, password: Secret };
}
