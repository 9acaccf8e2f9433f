/**
 * The heading of a job description, when it has one: what an "Intitulé :" or "Libellé :" line
 * names, or the words before the first colon, dash or full stop of the first line ("Chef de rayon :
 * …", "Réceptionnaire 1er échelon : …", "Contrôleur de gestion Fonction …"). The title search
 * reads it as a job title (src/match/describe.ts, signal `heading`).
 */

/** Up to this many words, a heading is a title; longer, it is a sentence. */
const MAX_WORDS = 8;

/** Labels that introduce the title in a fiche de poste (« Emploi-repère : » in a branch's classification). */
const LABELLED = /^\s*(?:intitule(?:\s+(?:du\s+poste|de\s+l['’]emploi|du\s+metier))?|libelle|poste|emploi(?:[-\s]reperes?)?|titre(?:\s+du\s+poste)?|fonction)\s*:\s*([^\n]+)/im;
/** Where a heading stops: a colon, a dash between spaces, a full stop, a line end, or the start of a section word. */
const END = /\s*(?::|\s[-–—]\s|\.\s|\n|\s(?:fonction|mission|missions|finalite|activites|definition|autres?\s+appellations?|appellations?)\b)/;

function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

export function headingOf(text: string): string | undefined {
  const folded = fold(text);
  const labelled = LABELLED.exec(folded);
  const line = (labelled ? labelled[1]! : folded.trimStart()).replace(/^\s*(?:fiche de poste\s*)?(?:\d+(?:\.\d+)*\.?\s+)?/, '');
  const end = END.exec(line);
  const heading = (end ? line.slice(0, end.index) : line)
    .replace(/\([^)]{6,}\)/g, ' ')
    .trim();
  const words = heading.split(/\s+/).filter(Boolean);
  return words.length > 0 && words.length <= MAX_WORDS ? heading : undefined;
}
