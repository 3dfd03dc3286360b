// spdx-expression-parse ships no types; this declares the part drydock uses (it throws on invalid input).
declare module 'spdx-expression-parse' {
  interface LicenseNode {
    license: string;
    plus?: true;
    exception?: string;
  }
  interface ConjunctionNode {
    conjunction: 'and' | 'or';
    left: LicenseNode | ConjunctionNode;
    right: LicenseNode | ConjunctionNode;
  }
  function parse(expression: string): LicenseNode | ConjunctionNode;
  export default parse;
}
