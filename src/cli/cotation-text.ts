/**
 * The cotation read in a description (src/match/cotation-reading.ts), in French for the terminal:
 * the range and its classes, then each criterion with the lines it rests on and the definition
 * of every degree counted, cited.
 */
import type { CotationReading } from '../match/cotation-reading.js';
import { STATUS_LABELS } from '../model/labels.js';
import type { Source } from '../model/schema.js';

const degrees = (d: { min: number; max: number }) => (d.min === d.max ? `degré ${d.min}` : `degrés ${d.min} à ${d.max}`);

export function cotationText(reading: CotationReading, cite: (source: Source) => string): string {
  const out = [reading.message];
  if (reading.positions.length > 0) {
    out.push(`Classes possibles : ${reading.positions.join(', ')} (${reading.statuses.map((s) => STATUS_LABELS[s]).join(' ou ')}) — ${reading.points.min} à ${reading.points.max} points sur ${reading.scale.min} à ${reading.scale.max}.`);
  }
  for (const f of reading.floors) {
    out.push(`Plancher : au moins ${f.position} — ${cite(f.source)}`);
    for (const line of f.evidence.slice(0, 2)) out.push(`     lu : « ${line} »`);
  }
  for (const c of reading.classes) out.push(`  ${c.position} : ${c.min} à ${c.max} points — ${cite(c.source)}`);
  // A refusal shows what was read, not the degrees of a range it does not give.
  const declined = reading.positions.length === 0;
  for (const c of declined ? reading.criteria.filter((k) => k.read) : reading.criteria) {
    const head = c.read ? `${c.title} : ${degrees(c.read)}` : `${c.title} : non lu dans votre texte, ${degrees(c.counted)} comptés`;
    out.push(`  ${head}`);
    if (c.assumed) out.push(`     ${c.assumed}`);
    if (c.widened) out.push(`     ${degrees(c.counted)} comptés. ${c.widened}`);
    for (const line of c.evidence.slice(0, 3)) out.push(`     lu : « ${line} »`);
    // The whole scale of a criterion not read says nothing the questionnaire will not ask.
    if (!declined && (c.read || c.assumed)) for (const d of c.definitions) out.push(`     ${d.degree}. ${cite(d.source)}`);
  }
  return `${out.join('\n')}\n`;
}
