/**
 * The lexicon phrases of one word whose stem other words share in the tuning sets' texts: a
 * lexicon matches stems, so « spécifications » fires on « offres spécifiques », « cadrage » on « dans
 * le cadre de », « chiffrage » on « chiffre d'affaires » (docs/matching.md, « Fourth pass »). Lists,
 * per grid, each such phrase and the other written forms with their counts, to judge by reading
 * (a family of one trade, « monteur » / « montage », is fine; a common word is not).
 *   npx tsx scripts/lexicon-collisions.ts
 */
import { loadCatalogue, PACKAGE_ROOT } from '../src/grids/catalogue.js';
import { isHeldOut, readTraining } from '../src/grids/examples.js';
import { normalizeText, stem } from '../src/text/normalize.js';
import { readSet } from './eval-sets.js';
const sets = readTraining(PACKAGE_ROOT)!.sets.filter((s) => !isHeldOut(s));
const forms = new Map<string, Map<string, number>>();
for (const s of sets) for (const c of readSet(s)) for (const w of normalizeText(c.text)) { const st = stem(w); const m = forms.get(st) ?? new Map(); m.set(w, (m.get(w) ?? 0) + 1); forms.set(st, m); }
const cat = loadCatalogue();
for (const convention of cat.conventions) {
  const grid = convention.gridAt(readTraining(PACKAGE_ROOT)!.at);
  if (!grid) continue;
  const idcc = convention.idcc;
  for (const e of grid.lexicon.entries) for (const phrase of e.when) {
    const ws = normalizeText(phrase); if (ws.length !== 1) continue;
    const m = forms.get(stem(ws[0]!)); if (!m) continue;
    const others = [...m].filter(([w]) => w !== ws[0] && !w.startsWith(ws[0]!.slice(0, Math.max(3, ws[0]!.length - 1))) );
    if (others.length) console.log(idcc, phrase, '→', others.map(([w, n]) => `${w}:${n}`).join(' '));
  }
}
