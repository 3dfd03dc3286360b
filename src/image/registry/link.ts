/**
 * The target of the `rel="next"` link in an RFC 8288 `Link` header, as registries use it to paginate
 * tag and catalog lists: `</v2/app/tags/list?last=b&n=2>; rel="next"`.
 */
export function nextLink(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const re = /<([^>]*)>\s*((?:;\s*[^;,<]*)*)/g;
  for (const m of value.matchAll(re)) {
    const params = m[2] ?? '';
    const rel = /;\s*rel\s*=\s*(?:"([^"]*)"|([^\s;,]+))/i.exec(params);
    const rels = (rel?.[1] ?? rel?.[2] ?? '').toLowerCase().split(/\s+/);
    if (rels.includes('next')) return m[1];
  }
  return undefined;
}
