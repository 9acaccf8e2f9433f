/**
 * Payroll shorthand written out ("RESP. MAG. N2" → "responsable magasin niveau 2") before a title
 * or a short line is read. The table is data (grids/abbreviations.yaml merged with the branch's
 * lexicon): the code only knows how to apply it.
 */
import type { Abbreviations } from '../model/schema.js';
import { foldAccents } from '../text/normalize.js';

interface Compiled {
  words: Map<string, string>;
  /** Keys ending in {n}: the letters before the number → the value with {n}. */
  numbered: Map<string, string>;
}

const compiled = new WeakMap<Abbreviations, Compiled>();

function compile(table: Abbreviations): Compiled {
  let c = compiled.get(table);
  if (!c) {
    c = { words: new Map(), numbered: new Map() };
    for (const [key, value] of Object.entries(table)) {
      if (key.endsWith('{n}')) c.numbered.set(key.slice(0, -3), value);
      else c.words.set(key, value);
    }
    compiled.set(table, c);
  }
  return c;
}

const RE_WORD = /[a-z0-9]+/g;
const RE_LETTERS_NUMBER = /^([a-z]+)0*([0-9]{1,2})$/;

/** `text` folded, each whole word the table knows replaced by what it stands for. */
export function expandAbbreviations(text: string, table: Abbreviations): string {
  const { words, numbered } = compile(table);
  return foldAccents(text).replace(RE_WORD, (w) => {
    const whole = words.get(w);
    if (whole !== undefined) return foldAccents(whole);
    const m = RE_LETTERS_NUMBER.exec(w);
    const value = m ? numbered.get(m[1]!) : undefined;
    return value !== undefined ? foldAccents(value.replace('{n}', m![2]!)) : w;
  });
}
