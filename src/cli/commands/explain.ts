import { Command, Option } from 'commander';
import type { CliIo } from '../io.js';
import { writeResult } from '../io.js';
import { addTargetOptions, inventoryFor, type TargetFlags } from '../target-options.js';
import { addDbOptions, openDbChecked, type DbFlags } from './scan.js';

interface ExplainFlags extends TargetFlags, DbFlags {
  format: 'text' | 'json';
  output?: string;
}

export function explainCommand(io: CliIo, run: (work: () => Promise<number>) => Promise<number>): Command {
  const cmd = new Command('explain')
    .summary('show why an advisory matched a package of a target, or why it did not')
    .description(
      [
        'For advisory ID (a CVE, GHSA-…, DSA-…, GO-…, or any alias), list every package',
        'of TARGET whose name an entry of the advisory mentions: the namespace and name',
        'looked up (binary or source package), the entries found, each range step',
        '(installed version vs introduced/fixed/last_affected/limit) and the verdict:',
        'matched; not affected (fixed in X <= installed, or the feed says so); no record',
        'for this namespace; or unknown (a version that cannot be read). Verdicts come',
        'from a real match run, so they agree with "drydock scan".',
        'Exit codes: 0 ok, 2 usage or input error, 3 internal error.',
      ].join('\n'),
    )
    .argument('<id>', 'advisory id or alias')
    .argument('<target>', 'image reference, archive, directory or SBOM file')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('-o, --output <file>', 'write to FILE instead of stdout (written atomically)');
  addDbOptions(cmd);
  addTargetOptions(cmd);
  cmd.action(async (id: string, target: string, flags: ExplainFlags) => {
    await run(async () => {
      const { store } = await openDbChecked(flags, io, new Date());
      const [{ explain }, { explanationText }] = await Promise.all([import('../../matching/explain.js'), import('../../matching/explain-text.js')]);
      try {
        const inv = await inventoryFor(target, flags, io);
        const x = await explain(id.trim(), inv, store);
        await writeResult(io, flags.output, flags.format === 'json' ? JSON.stringify(x, null, 2) : explanationText(x));
      } finally {
        store.close();
      }
      return 0;
    });
  });
  return cmd;
}
