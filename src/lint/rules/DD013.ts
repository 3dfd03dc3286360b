/**
 * DD013: `EXPOSE 22` (alone, as `22/tcp` or inside a range like `20-25`): an SSH server in a container
 * is one more daemon with credentials to manage and attack; `docker exec` / `kubectl exec` give a shell
 * without it. UDP port 22 is not SSH; ports written with variables are not resolved.
 */
import { isExpose, withOnbuild } from '../dockerfile/guards.js';
import type { LintRule, RuleContext, Violation } from '../rule.js';

const CODE = 'DD013';
const PORT_SPEC = /^(\d+)(?:-(\d+))?(?:\/(tcp|udp|sctp))?$/i;

/** Does a port spec (`22`, `22/tcp`, `20-25`) include TCP port 22? */
export function includesSsh(spec: string): boolean {
  const m = PORT_SPEC.exec(spec);
  if (m === null) return false;
  const from = Number(m[1]);
  const to = m[2] === undefined ? from : Number(m[2]);
  const proto = (m[3] ?? 'tcp').toLowerCase();
  return proto === 'tcp' && from <= 22 && 22 <= to;
}

export const DD013: LintRule = {
  code: CODE,
  level: 'warning',
  message: 'Do not run an SSH server in a container (EXPOSE 22)',
  description: 'EXPOSE 22: an SSH daemon in a container widens the attack surface; use docker exec / kubectl exec instead.',
  check(ctx: RuleContext): Violation[] {
    const out: Violation[] = [];
    for (const instr of withOnbuild(ctx.doc.instructions)) {
      if (!isExpose(instr)) continue;
      for (const port of instr.ports) {
        if (!includesSsh(port.value)) continue;
        out.push({
          code: CODE,
          span: port.span,
          message: `EXPOSE ${port.value}: an SSH server in a container is one more daemon and set of credentials to attack; use docker exec / kubectl exec for shell access`,
        });
      }
    }
    return out;
  },
};
