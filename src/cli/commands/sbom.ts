import { Command, Option } from 'commander';
import { join } from 'node:path';
import type { Inventory } from '../../core/inventory.js';
import { PREDICATE_TYPES } from '../../signing/predicate-types.js';
import { addAttestOptions, attestInventoryImage, attestKeyFor, type AttestFlags } from '../attest-result.js';
import type { CliIo } from '../io.js';
import { writeResult } from '../io.js';
import { addTargetOptions, cacheDirFor, inventoryFor, type TargetFlags } from '../target-options.js';

/**
 * Output formats of `drydock sbom`: the two SBOM standards and drydock's own inventory JSON.
 * Writers are loaded on use, so a run pays only for the format it writes.
 */
const FORMATS: ReadonlyArray<{ id: string; aliases: string[]; predicateType: string; write: (inv: Inventory) => Promise<string> }> = [
  { id: 'cyclonedx-json', aliases: ['cyclonedx', 'cdx'], predicateType: PREDICATE_TYPES.cyclonedx, write: async (inv) => (await import('../../sbom/cyclonedx.js')).toCycloneDx(inv) },
  { id: 'spdx-json', aliases: ['spdx'], predicateType: PREDICATE_TYPES.spdxjson, write: async (inv) => (await import('../../sbom/spdx.js')).toSpdx(inv) },
  { id: 'json', aliases: [], predicateType: 'https://drydock.dev/inventory/v1', write: async (inv) => JSON.stringify(inv, null, 2) },
];

interface SbomFlags extends TargetFlags, AttestFlags {
  format: string;
  output?: string;
}

export function sbomCommand(io: CliIo, run: (work: () => Promise<number>) => Promise<number>): Command {
  const cmd = new Command('sbom')
    .summary('write a software bill of materials for an image, archive, directory or SBOM')
    .description(
      [
        'Inventory the OS packages of TARGET and write them as CycloneDX 1.6 JSON, SPDX 2.3 JSON or',
        "drydock's own inventory JSON. TARGET is any of:",
        '  alpine:3.20, localhost:5000/team/app@sha256:...   (registry; "registry:" forces it)',
        '  docker-archive:PATH[:NAME:TAG|:@N]               (docker save / buildah / podman tarball)',
        '  oci-archive:PATH[:NAME]                          (OCI layout in a tar)',
        '  oci:DIR[:NAME|@sha256:...]                       (OCI layout directory)',
        '  dir:PATH                                         (root filesystem)',
        '  sbom:PATH, or a CycloneDX/SPDX JSON file          (re-read an SBOM)',
        'A bare existing path is sniffed. With --attest --key K (registry images), the SBOM is also signed as an',
        'in-toto attestation of the image digest and pushed next to it (verify with "drydock verify-attestation").',
        'Exit codes: 0 ok, 2 usage or input error, 3 internal error.',
      ].join('\n'),
    )
    .argument('<target>', 'image reference, archive, directory or SBOM file')
    .addOption(
      new Option('-f, --format <format>', 'output format')
        .choices(FORMATS.flatMap((f) => [f.id, ...f.aliases]))
        .default('cyclonedx-json'),
    )
    .option('-o, --output <file>', 'write to FILE instead of stdout (written atomically)');
  addTargetOptions(cmd);
  addAttestOptions(cmd);
  cmd.action(async (target: string, flags: SbomFlags) => {
    await run(async () => {
      const format = FORMATS.find((f) => f.id === flags.format || f.aliases.includes(flags.format));
      if (!format) throw new Error(`unknown format ${flags.format}`);
      const attestKey = await attestKeyFor(io, target, flags);
      // No full secret in any output: config and history values that look like secrets are masked.
      const [{ redactInventory }, { FileRedactionCache }] = await Promise.all([import('../../report/redact.js'), import('../../report/redaction-cache.js')]);
      const cache = flags.cache ? new FileRedactionCache(join(cacheDirFor(flags, io.env), 'redaction')) : undefined;
      const inv = await redactInventory(await inventoryFor(target, flags, io), cache);
      const text = await format.write(inv);
      if (attestKey) await attestInventoryImage(io, inv, flags, attestKey, format.predicateType, JSON.parse(text) as unknown);
      await writeResult(io, flags.output, text);
      if (!flags.quiet && inv.unknowns.length) {
        io.stderr.write(`drydock: ${inv.unknowns.length} item(s) could not be fully analyzed; see "unknowns" in --format json output\n`);
      }
      return 0;
    });
  });
  return cmd;
}
