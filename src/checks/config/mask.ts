/**
 * drydock never prints a secret: a value is shown as its first 4 characters and `****` — and not even
 * those when the value is shorter than 12 characters (4 of 8 would give half of it away).
 */

const REVEAL = 4;
const REVEAL_FROM = 12;

export function maskValue(value: string): string {
  return value.length >= REVEAL_FROM ? `${value.slice(0, REVEAL)}****` : '****';
}

/** `text` with every occurrence of every secret replaced by its mask (longest secrets first). */
export function maskText(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of [...secrets].sort((a, b) => b.length - a.length)) {
    if (s !== '' && out.includes(s)) out = out.split(s).join(maskValue(s));
  }
  return out;
}
