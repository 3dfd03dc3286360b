import { isExpose } from '../dockerfile/guards.js';
import type { LintRule, Violation } from '../rule.js';
import { withKeyword } from './instructions/by-keyword.js';

const NUMBER = /^[0-9]+$/;

/** Whether a port spec (`80`, `80/tcp`, `1000-2000/udp`, `${P}`, `8000-${P}`) names a number above 65535. */
export function portOutOfRange(spec: string): boolean {
  const slash = spec.indexOf('/');
  const ports = slash < 0 ? spec : spec.slice(0, slash);
  return ports.split('-').some((p) => NUMBER.test(p) && Number(p) > 65535);
}

/** DL3011: an EXPOSEd port (or either end of a range) outside 0–65535. Variables are not judged. */
export const DL3011: LintRule = {
  code: 'DL3011',
  level: 'error',
  message: 'Valid UNIX ports range from 0 to 65535',
  description: 'A port number above 65535 cannot be exposed.',
  check(ctx) {
    const out: Violation[] = [];
    for (const instr of withKeyword(ctx.doc, 'EXPOSE')) {
      if (!isExpose(instr)) continue;
      for (const port of instr.ports) if (portOutOfRange(port.value)) out.push({ code: 'DL3011', span: port.span });
    }
    return out;
  },
};
