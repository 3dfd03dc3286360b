/**
 * DD012: the final image is a service — it EXPOSEs a port, its CMD/ENTRYPOINT starts a known server
 * (nginx, gunicorn, `java -jar`, `node server.js`, postgres …), or it keeps the default command of a
 * server base image (nginx, postgres, redis …) — and no HEALTHCHECK is set along its stage chain.
 * Without one, Docker, Compose and Swarm only know whether the process exists, not whether it answers.
 * `HEALTHCHECK NONE` is a deliberate choice and counts as set.
 */
import type { CmdInstruction, Span } from '../dockerfile/ast.js';
import { isCmd, isExpose, isHealthcheck } from '../dockerfile/guards.js';
import type { LintRule, RuleContext, Violation } from '../rule.js';
import { invocations } from '../shell/invocations.js';
import { serverImage, serverOf } from './drydock/services.js';
import { chainInstructions, finalStage, imageSpan, stageChain } from './drydock/stages.js';

const CODE = 'DD012';

/** The server a CMD/ENTRYPOINT starts (exec form: its argv; shell form: any command of it). */
function serverIn(ctx: RuleContext, instr: CmdInstruction): string | undefined {
  if (instr.command.kind === 'exec') return serverOf(instr.command.args.map((a) => a.value));
  for (const script of ctx.shellOf(instr)) {
    for (const inv of invocations(script)) {
      const found = serverOf([inv.name, ...inv.args.map((a) => a.value ?? '')]);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

const RUNS_ITS_ARGUMENTS = /(?:entrypoint|\.sh$|^(?:tini|tini-static|dumb-init|catatonit|gosu|su-exec|exec|env)$)/;

/**
 * Does the ENTRYPOINT run the CMD? An exec-form entrypoint script (`docker-entrypoint.sh`, `*.sh`) or
 * init wrapper usually execs its arguments; a shell-form ENTRYPOINT ignores CMD; any other program
 * merely receives CMD as arguments.
 */
function passesCmd(entrypoint: CmdInstruction): boolean {
  if (entrypoint.command.kind !== 'exec') return false;
  const program = entrypoint.command.args[0]?.value ?? '';
  return RUNS_ITS_ARGUMENTS.test(program.slice(program.lastIndexOf('/') + 1));
}

function evidence(ctx: RuleContext, chain: ReturnType<typeof stageChain>): { what: string; span: Span } | undefined {
  let entrypoint: CmdInstruction | undefined;
  let cmd: CmdInstruction | undefined;
  let expose: { what: string; span: Span } | undefined;
  for (const instr of chainInstructions(chain)) {
    if (isHealthcheck(instr)) return undefined;
    if (isCmd(instr)) {
      if (instr.keyword === 'ENTRYPOINT') entrypoint = instr;
      else cmd = instr;
    } else if (isExpose(instr) && expose === undefined && instr.ports[0] !== undefined) {
      expose = { what: `EXPOSE ${instr.ports.map((p) => p.value).join(' ')}`, span: instr.ports[0].span };
    }
  }
  for (const instr of entrypoint === undefined || passesCmd(entrypoint) ? [entrypoint, cmd] : [entrypoint]) {
    const server = instr === undefined ? undefined : serverIn(ctx, instr);
    if (server !== undefined && instr !== undefined) return { what: `${instr.keyword} runs ${server}`, span: instr.argsSpan };
  }
  if (expose !== undefined) return expose;
  const root = chain[0]?.from;
  if (root === undefined || entrypoint !== undefined || cmd !== undefined || root.image.unresolved) return undefined;
  const image = serverImage(root.image.registry, root.image.repository, root.image.tag);
  return image === undefined ? undefined : { what: `the ${image} base image runs a server`, span: imageSpan(root) };
}

export const DD012: LintRule = {
  code: CODE,
  level: 'info',
  message: 'Service image without HEALTHCHECK',
  description: 'The final image runs a service (EXPOSE, a known server command or server base image) but sets no HEALTHCHECK.',
  check(ctx: RuleContext): Violation[] {
    const last = finalStage(ctx.doc);
    if (last === undefined) return [];
    const found = evidence(ctx, stageChain(ctx.doc, last.index));
    if (found === undefined) return [];
    return [
      {
        code: CODE,
        span: found.span,
        message: `The final image is a service (${found.what}) but has no HEALTHCHECK: add one so Docker can tell when it stops answering (HEALTHCHECK NONE records a deliberate choice)`,
      },
    ];
  },
};
