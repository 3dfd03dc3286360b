import { InvalidVersionError, type VersionScheme } from './scheme.js';

// PLACEHOLDER — being implemented; every call throws.
function unimplemented(v: string): never {
  throw new InvalidVersionError('composer', v, 'scheme not implemented yet');
}

export const composerScheme: VersionScheme<string> = {
  id: 'composer',
  aliases: [],
  parse: unimplemented,
  compareParsed: (a) => unimplemented(a),
  compare: (a) => unimplemented(a),
};
