/**
 * The license names a Maven POM declares for its project (`/project/licenses/license/name`), as
 * Maven embeds the POM next to pom.properties in every jar it builds. Only that path is read, with
 * a small tag scanner (no DTDs, no external entities, no namespaces beyond dropping a prefix):
 * comments, processing instructions and declarations are skipped, CDATA is text, and the five
 * predefined entities plus numeric character references are decoded. Licenses inherited from a
 * parent POM are not visible here (the parent is not in the jar).
 */
export function pomLicenseNames(xml: string): string[] {
  const names: string[] = [];
  const path: string[] = [];
  let text = '';
  let i = 0;
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    if (lt < 0) break;
    if (inLicenseName(path)) text += xml.slice(i, lt);
    const skip = skipSpecial(xml, lt);
    if (skip !== undefined) {
      if (skip.cdata !== undefined && inLicenseName(path)) text += skip.cdata;
      i = skip.next;
      continue;
    }
    const gt = xml.indexOf('>', lt);
    if (gt < 0) break;
    const tag = xml.slice(lt + 1, gt);
    i = gt + 1;
    if (tag.startsWith('/')) {
      if (inLicenseName(path)) {
        const name = decodeEntities(text).replace(/\s+/g, ' ').trim();
        if (name !== '') names.push(name);
        text = '';
      }
      path.pop();
    } else if (!tag.endsWith('/')) {
      path.push(localName(tag));
      if (path.length > 64) return names; // absurd nesting: stop
    }
  }
  return [...new Set(names)];
}

const LICENSE_NAME_PATH = ['project', 'licenses', 'license', 'name'];

function inLicenseName(path: readonly string[]): boolean {
  return path.length === LICENSE_NAME_PATH.length && path.every((p, k) => p === LICENSE_NAME_PATH[k]);
}

function localName(tag: string): string {
  const m = /^\s*([^\s/>]+)/.exec(tag);
  const qualified = m?.[1] ?? '';
  const colon = qualified.indexOf(':');
  return colon >= 0 ? qualified.slice(colon + 1) : qualified;
}

/** Comments, CDATA sections, `<?...?>` and `<!...>` declarations starting at `lt`. */
function skipSpecial(xml: string, lt: number): { next: number; cdata?: string } | undefined {
  const end = (marker: string, from: number): number => {
    const at = xml.indexOf(marker, from);
    return at < 0 ? xml.length : at + marker.length;
  };
  if (xml.startsWith('<!--', lt)) return { next: end('-->', lt + 4) };
  if (xml.startsWith('<![CDATA[', lt)) {
    const close = xml.indexOf(']]>', lt + 9);
    const stop = close < 0 ? xml.length : close;
    return { next: close < 0 ? xml.length : close + 3, cdata: xml.slice(lt + 9, stop) };
  }
  if (xml.startsWith('<?', lt)) return { next: end('?>', lt + 2) };
  if (xml.startsWith('<!', lt)) return { next: end('>', lt + 2) };
  return undefined;
}

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-z]{2,4});/g, (whole, ref: string) => {
    if (ref.startsWith('#')) {
      const code = ref[1] === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[ref] ?? whole;
  });
}
