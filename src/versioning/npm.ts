import { InvalidVersionError, type VersionScheme } from './scheme.js';

// PLACEHOLDER — being implemented; every call throws.
function unimplemented(v: string): never {
  throw new InvalidVersionError('npm', v, 'scheme not implemented yet');
}

export const npmScheme: VersionScheme<string> = {
  id: 'npm',
  aliases: [],
  parse: unimplemented,
  compareParsed: (a) => unimplemented(a),
  compare: (a) => unimplemented(a),
};
