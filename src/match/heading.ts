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

/** The list a fiche métier gives of the job's other names (« Autres appellations de l'emploi : a, b, c. »). */
const OTHER_NAMES = /\bautres?\s+appellations?(?:\s+de\s+l['’]emploi|\s+du\s+metier)?\s*:\s*([^\n]+)/;
/** At most this many other names are read. */
const MAX_OTHER_NAMES = 6;

/**
 * The other names a fiche métier gives the job, in its order (« Autres appellations de l'emploi :
 * directeur de production, directeur des opérations. »): the matcher reads them when the heading
 * names no job of the grid (src/match/description-query.ts).
 */
export function otherNamesOf(text: string): string[] {
  const listed = OTHER_NAMES.exec(fold(text));
  if (!listed) return [];
  const list = listed[1]!;
  const end = /\.\s|\.$|\s(?:mission|missions|finalite|activites|definition)\b/.exec(list);
  return (end ? list.slice(0, end.index) : list)
    .split(/[,;]/)
    .map((n) => n.trim())
    .filter((n) => n !== '' && n.split(/\s+/).length <= MAX_WORDS)
    .slice(0, MAX_OTHER_NAMES);
}
