/**
 * Ways people type a job title, derived mechanically from the official title: without accents,
 * in capitals, in the feminine, in the plural, with a typo. Used by the search tests and bench.
 */
const FEMININE: [RegExp, string][] = [
  [/eur\b/g, 'euse'],
  [/teur\b/g, 'trice'],
  [/ier\b/g, 'ière'],
  [/ien\b/g, 'ienne'],
  [/ant\b/g, 'ante'],
  [/é\b/g, 'ée'],
  [/if\b/g, 'ive'],
];

export function stripAccents(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').replace(/’/g, "'");
}

export function feminine(title: string): string {
  const [first, ...rest] = title.split(' ');
  let f = first!;
  for (const [re, to] of FEMININE) {
    const next = f.replace(re, to);
    if (next !== f) {
      f = next;
      break;
    }
  }
  return [f, ...rest].join(' ');
}

/** Doubles a letter in the longest word: one edit, the most common typo. */
export function typo(title: string): string {
  const words = title.split(' ');
  let longest = 0;
  words.forEach((w, i) => {
    if (w.length > words[longest]!.length) longest = i;
  });
  const w = words[longest]!;
  if (w.length < 6) return title;
  words[longest] = w.slice(0, 3) + w[3] + w.slice(3);
  return words.join(' ');
}

export function plural(title: string): string {
  const [first, ...rest] = title.split(' ');
  return [/[sx]$/.test(first!) ? first : `${first}s`, ...rest].join(' ');
}

export function titleVariants(title: string): string[] {
  return [...new Set([title, stripAccents(title).toLowerCase(), title.toUpperCase(), feminine(title), plural(title), typo(title)])];
}
