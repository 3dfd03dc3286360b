/**
 * One line of an APKBUILD `secfixes` list as the secdb carries it. Real lines (all seen in the secdb):
 *   `CVE-2023-1234`                         one CVE
 *   `CVE-2017-12122 TALOS-2017-0488`        a CVE and the same issue's other id
 *   `CVE-2018-10103 (SMB - partially fixed)` a CVE with a comment
 *   `XSA-248`, `ALPINE-13661`               an issue without a CVE
 *   `CVE-????-?????  XSA-295`               a placeholder CVE: the other id is the issue
 *   `CVE_2019-2426`, `CVE 2018-16859`       typos of `CVE-`
 *   `CVE-2017-17434-1`, `CVE-2019-19451.patch`  a CVE with a suffix (patch names)
 * Every CVE on a line is fixed by the version (each is its own advisory); other ids on the line become
 * aliases of those CVEs, or the advisory id when the line has no CVE.
 */
export interface SecfixIssue {
  id: string;
  aliases: string[];
}

export interface SecfixLine {
  issues: SecfixIssue[];
  /** The line's comment, without parentheses. */
  note?: string;
}

const CVE_PREFIX = /^CVE-\d{4}-\d{4,}/;
/** `XSA-248`, `TALOS-2017-0488`, `ALPINE-13661`, `GHSA-xxxx-xxxx-xxxx`; no `?` placeholders. */
const OTHER_ID = /^[A-Z][A-Z0-9]*-[A-Za-z0-9][A-Za-z0-9._-]*$/;

export function parseSecfixLine(raw: string): SecfixLine | undefined {
  let text = raw.trim();
  const notes: string[] = [];
  text = text.replace(/\(([^()]*)\)/g, (_m, inner: string) => {
    if (inner.trim() !== '') notes.push(inner.trim());
    return ' ';
  });
  text = text.replace(/\bCVE[ _](?=\d{4}-\d{4,})/gi, 'CVE-');
  const cves: string[] = [];
  const others: string[] = [];
  for (const token of text.split(/\s+/)) {
    const upper = token.toUpperCase();
    const cve = CVE_PREFIX.exec(upper)?.[0];
    if (cve !== undefined) {
      if (!cves.includes(cve)) cves.push(cve);
    } else if (OTHER_ID.test(token) && !upper.startsWith('CVE-') && !others.includes(token)) {
      others.push(token);
    }
  }
  let issues: SecfixIssue[];
  if (cves.length > 0) issues = cves.map((id) => ({ id, aliases: [...others] }));
  else if (others[0] !== undefined) issues = [{ id: others[0], aliases: others.slice(1) }];
  else return undefined;
  return notes.length > 0 ? { issues, note: notes.join('; ') } : { issues };
}
