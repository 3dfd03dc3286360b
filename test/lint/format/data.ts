import type { LintFinding, LintReport } from '../../../src/lint/rule.js';

/**
 * A hand-written lint report for the format tests: three files (one clean), findings of every level
 * given out of order, a ShellCheck code the rule list does not describe, a fixable finding, and a DD
 * finding whose message carries everything an output must neutralise (markup, Markdown table and
 * link syntax, quotes, a terminal escape sequence, a control character, a line break, non-ASCII).
 * Messages of DL rules are Hadolint's.
 */
export const HOSTILE_MESSAGE =
  'Secret in ENV "API_KEY" <script>alert(1)</script> | a | b | [x](javascript:alert(1)) `rm` & \'q\' \u001b[31mred\u001b[0m \u0001bell\nline2 café ✓';

function finding(over: Partial<LintFinding> & Pick<LintFinding, 'file' | 'code' | 'level' | 'message' | 'line'>): LintFinding {
  return { column: 1, endLine: over.line, endColumn: 2, fixable: false, ...over };
}

export function sampleReport(): LintReport {
  return {
    files: ['Dockerfile', 'services/api/Dockerfile.prod', 'clean/Dockerfile'],
    findings: [
      finding({ file: 'Dockerfile', code: 'DL3002', level: 'warning', message: 'Last USER should not be root', line: 14, column: 1, endColumn: 10 }),
      finding({
        file: 'services/api/Dockerfile.prod',
        code: 'DD001',
        level: 'error',
        message: HOSTILE_MESSAGE,
        line: 3,
        column: 5,
        endColumn: 28,
      }),
      finding({
        file: 'Dockerfile',
        code: 'DL3008',
        level: 'warning',
        message: 'Pin versions in apt get install. Instead of `apt-get install <package>` use `apt-get install <package>=<version>`',
        line: 4,
        column: 5,
        endLine: 5,
        endColumn: 30,
      }),
      finding({
        file: 'Dockerfile',
        code: 'DL3015',
        level: 'info',
        message: 'Avoid additional packages by specifying `--no-install-recommends`',
        line: 4,
        column: 5,
        endLine: 5,
        endColumn: 30,
        fixable: true,
      }),
      finding({ file: 'Dockerfile', code: 'SC2086', level: 'info', message: 'Double quote to prevent globbing and word splitting.', line: 9, column: 14, endColumn: 21 }),
      finding({ file: 'Dockerfile', code: 'DL3059', level: 'info', message: 'Multiple consecutive `RUN` instructions. Consider consolidation.', line: 9, column: 1, endColumn: 4 }),
      finding({ file: 'services/api/Dockerfile.prod', code: 'DL3006', level: 'warning', message: 'Always tag the version of an image explicitly', line: 1, column: 6, endColumn: 12 }),
      finding({ file: 'Dockerfile', code: 'DL4000', level: 'error', message: 'MAINTAINER is deprecated', line: 2, column: 1, endColumn: 40 }),
      finding({ file: 'Dockerfile', code: 'DL3048', level: 'style', message: 'Invalid label key.', line: 11, column: 7, endColumn: 12 }),
    ],
    rules: [
      { code: 'DL3000', level: 'error', message: 'Use absolute WORKDIR' }, // not referenced: not in SARIF
      { code: 'DL3002', level: 'warning', message: 'Last USER should not be root' },
      { code: 'DL3006', level: 'warning', message: 'Always tag the version of an image explicitly' },
      {
        code: 'DL3008',
        level: 'warning',
        message: 'Pin versions in apt get install. Instead of `apt-get install <package>` use `apt-get install <package>=<version>`',
        description: 'Pin versions in `apt-get install`.',
      },
      { code: 'DL3015', level: 'info', message: 'Avoid additional packages by specifying `--no-install-recommends`' },
      { code: 'DL3048', level: 'style', message: 'Invalid label key.' },
      { code: 'DL3059', level: 'info', message: 'Multiple consecutive `RUN` instructions. Consider consolidation.' },
      { code: 'DL4000', level: 'error', message: 'MAINTAINER is deprecated' },
      {
        code: 'DD001',
        level: 'error',
        message: 'Secret in an ENV, ARG or LABEL value',
        description: 'A secret in ENV/ARG/LABEL lands in the image config and history; use `RUN --mount=type=secret`.',
      },
    ],
  };
}

/** The same report with its findings in another order. */
export function shuffled(report: LintReport): LintReport {
  const f = [...report.findings];
  return { ...report, findings: [...f.slice(4), ...f.slice(0, 4).reverse()] };
}
