/**
 * Cues in French job texts that bags of words miss: what a sentence denies ("non opticien",
 * "n'encadre personne"), who else it names ("rattaché au directeur"), what of a job ad is
 * boilerplate (contract, pay, the company's size), how senior the job sounds (who controls the work, who the person
 * manages, how much experience is asked), and the numbers that decide between neighbouring
 * levels (people managed, shops run, years of practice, a stated status). Denials are masked the
 * same way in a user's description and in the grids' own texts, so that the two can be compared.
 *
 * Every pattern works on lower-case text without accents (`foldAccents`). The words are data: the
 * general French of grids/french.yaml with every branch's people (lexicon `people`), compiled once
 * per catalogue (`cuesOf`); what is left here is grammar (denials, prepositions, numbers).
 */
import type { CueWords, FrenchFile, Lexicon, PeopleWords } from '../model/schema.js';
import { dropInclusiveEndings, foldAccents } from '../text/normalize.js';

export interface LevelCues {
  /** -1 (beginner, under control) … 1 (manages, directs); 0 when nothing is said. */
  seniority: number;
  /** People managed, when a number is given. */
  managedStaff?: number;
  /** Years of experience asked or held, when given. */
  years?: number;
  /** Shops (magasins, boutiques, points de vente) the person runs, when several are named. */
  shops?: number;
  /**
   * The status the text gives the job ("statut cadre", "agent de maîtrise", "employé"); "non
   * cadre" says only that it is not cadre (employé or agent de maîtrise).
   */
  status?: 'ouvrier-employe' | 'agent-de-maitrise' | 'cadre' | 'non-cadre';
  /** The job asks a diploma of higher education (grids/french.yaml `higherEducation`). */
  higherEducation?: boolean;
  /** The phrases that gave the cues. */
  found: string[];
}

/**
 * A description as every reader here sees it: folded (lower case, no accents) and without the
 * endings of inclusive writing ("Référent·e examen de vue" is one sentence, "Directeur·rice
 * adjoint·e" a directeur adjoint).
 */
export function foldText(text: string): string {
  return presentTense(dropInclusiveEndings(foldAccents(text)));
}

/**
 * The future and conditional of the verbs of the first group ("elle dirigera les 4 magasins",
 * "animera l'équipe", "vous formerez les nouveaux", "contrôlerait") read as the present ("dirige",
 * "anime", "forme", "contrôle"): a post being created is described in the future, and every cue
 * and stem is written in the present. A few nouns end the same way ("caméra").
 */
const FUTURE = /\b([a-z]{2,}[bcdfghjklmnpqrstvwxz])er(?:a|ai|as|ais|ait|aient|ons|ez|ont)\b/g;
const NOT_FUTURE = new Set(['camera', 'cameras', 'opera', 'operas']);

export function presentTense(folded: string): string {
  return folded.replace(FUTURE, (all: string, root: string) => (NOT_FUTURE.has(all) ? all : `${root}e`));
}

// ---------------------------------------------------------------------------------------------
// Negation
// ---------------------------------------------------------------------------------------------

/** Words that end the scope of a negation: punctuation, or a clause of its own. */
const SCOPE_END = /[.,;:!?()[\]\n/•*+|–—-]| mais | et (?:il|elle|je|on|nous|vous|c'est)\b| (?:pour|sur|avec|dans|depuis|quand|car|donc)\b/;
/** "pas seulement", "non seulement", "pas que": not a negation but "not only". */
const NOT_ONLY = /^(?:seulement|uniquement|que|qu'|forcement|toujours)\b/;
/** Nouns made with "non-" ("les non-conformités", "non-respect des consignes"), not denials. */
const NON_NOUN = /^(?:conformite|qualite|respect|lieu|sens|valeur)/;
/** Function words inside a denied span, not counted in its length ("pas d'examens de vue ni de lentilles"). */
const FILLER = new Set(['de', 'd', 'du', 'des', 'le', 'la', 'les', 'l', 'un', 'une', 'ni', 'en', 'a', 'au', 'aux', 'son', 'sa', 'ses', 'qu', 'il', 'elle', 'soit', 'etre', 'est', 'tres', 'trop']);
/** A trigger, and how many content words after it it denies at most (fewer if the scope ends). */
const TRIGGERS: { re: RegExp; max: number }[] = [
  // non opticien, non-diplômé, non cadre
  { re: /\bnon[- ]/g, max: 2 },
  // pas de BTS, n'est pas opticienne, pas besoin qu'il soit opticien, jamais encadré
  { re: /\b(?:pas|jamais|aucune?|nullement)\b/g, max: 4 },
  // ne prépare plus de colis
  { re: /\b(?:ne [a-z]+|n'[a-z]+) plus\b/g, max: 3 },
  // sans diplôme, sans réglage, sans composition
  { re: /\bsans\b/g, max: 2 },
  // à l'exception des autres prises de vue; hors prises de vue, hors studio
  { re: /\ba l'exception\b/g, max: 4 },
  { re: /\bhors\b/g, max: 2 },
];
/**
 * "n'encadre personne", "ne fait pas", "n'a jamais": the verb itself is denied, with the words
 * between it and the negation ("il n'est référent de rien", "elle ne la voit plus").
 */
const DENIED_VERB = /\b(?:ne |n')([a-z]+(?:[ '][a-z]+){0,2}?)(?=[ '](?:pas|plus|jamais|personne|rien|aucune?)\b(?! seulement| uniquement| que\b))/g;

/**
 * The text with every denied span blanked out, so that "non opticien" or "il ne fait pas les
 * conversions CMJN" do not count as the words they deny. The triggers stay, so that cues which
 * are negative phrases themselves ("sans expérience") can still be read on the original text.
 */
export function maskNegations(folded: string): string {
  const chars = folded.split('');
  const blank = (from: number, to: number) => {
    for (let i = from; i < to; i++) if (chars[i] !== '\n') chars[i] = ' ';
  };
  for (const { re, max } of TRIGGERS) {
    for (const m of folded.matchAll(re)) {
      const start = m.index + m[0].length;
      const rest = folded.slice(start);
      if (NOT_ONLY.test(rest.trimStart()) || (m[0].startsWith('non') && NON_NOUN.test(rest))) continue;
      const end = SCOPE_END.exec(rest);
      const scope = end ? rest.slice(0, end.index) : rest;
      const words = [...scope.matchAll(/[a-z0-9]+/g)];
      let content = 0;
      let last: RegExpMatchArray | undefined;
      for (const w of words) {
        if (FILLER.has(w[0])) continue;
        if (++content > max) break;
        last = w;
      }
      if (last) blank(start, start + last.index! + last[0].length);
    }
  }
  for (const m of folded.matchAll(DENIED_VERB)) blank(m.index + m[0].length - m[1]!.length, m.index + m[0].length);
  return chars.join('');
}

// ---------------------------------------------------------------------------------------------
// Job-ad boilerplate
// ---------------------------------------------------------------------------------------------

/** What a job ad says of the contract, the pay, the company and the application, not of the job. */
const BOILERPLATE = new RegExp(
  [
    // the company: "grande enseigne (plus de 200 points de vente)", "groupe de 30 magasins", "leader de l'optique"
    "\\b(?:grande |notre |une |la |l'|un |le )?(?:enseigne|groupe|societe|entreprise|marque|franchise|cooperative|groupement|chaine)(?: [a-z'-]+){0,4}? \\(?(?:de |d'|avec |comptant |regroupant |forte de |fort de )?(?:plus de |pres de |environ )?\\d+ (?:magasins|points de vente|boutiques|centres|agences|salaries|collaborateurs|studios|laboratoires|sites|implantations)\\b(?: [a-z']+){0,3}?\\)?(?=[ ,.;:)\\n]|$)",
    "\\((?:plus de |pres de )?\\d+ (?:magasins|points de vente|boutiques|centres|salaries|collaborateurs)\\)",
    "\\b(?:leader|numero 1|n ?° ?1|acteur majeur|specialiste reconnu) (?:de |du |des |en |sur |de l')[^.,;\\n]*",
    // joining the team
    "\\b(?:rejoignez|rejoindre|rejoins|integrez|integrer)(?:-nous| nous)?(?: (?:notre|nos|une|un|l'|la|le) ?(?:equipe|enseigne|groupe|reseau|societe|entreprise|aventure|magasin|boutique|maison)s?)?(?: (?:jeune|dynamique|soudee|passionnee|bienveillante|motivee|sympa|conviviale|familiale))*",
    "\\bau sein (?:de notre|d'une|de l'|de la|du|de nos|d'un) (?:equipe|enseigne|groupe|reseau|societe|entreprise|structure|maison)s?(?: (?:jeune|dynamique|soudee|passionnee|bienveillante|motivee|sympa|conviviale|familiale))*",
    "\\bequipe (?:jeune|dynamique|soudee|passionnee|bienveillante|motivee|sympa|conviviale|familiale)(?: et (?:jeune|dynamique|soudee|passionnee|bienveillante|motivee|sympa|conviviale))?",
    // the contract, the hours, the pay
    "\\b(?:en )?(?:cdi|cdd|interim)\\b(?: (?:de )?\\d+ mois)?",
    "\\b(?:a |en )?temps (?:plein|partiel|complet)\\b",
    "\\b\\d+ ?h(?:eures)?\\b(?: ?(?:\\/|par) ?semaine| hebdo(?:madaires)?)?",
    "\\b(?:\\d+ )?(?:samedis?|dimanches?)(?: sur \\d+)? (?:travailles?|travaillees?|par mois|sur \\d+)",
    "\\b(?:salaire|remuneration|avantages?|package|rtt|mutuelle d'entreprise|tickets? (?:resto|restaurant)|cheques? (?:dejeuner|vacances|cadeaux)|13e mois|treizieme mois|interessement|participation aux benefices)\\b[^.\\n;]*",
    // an email's closing and its signature at the end of the text (« Merci, Claire (gérante) »,
    // « Cordialement, le service RH »): the sender, not the job
    "\\b(?:bien |tres )?(?:cordialement|bien a (?:vous|toi)|amicalement|a bientot|bonne journee|belle journee|merci(?: d'avance| par avance| beaucoup| bien)?)\\s*[,!.]\\s*[^.!?\\n]{0,60}\\s*$",
    // the application
    "\\b(?:poste a pourvoir|a pourvoir|des que possible|envoyez (?:votre |nous votre |nous )?(?:cv|candidature)|postulez|candidature|cv et lettre|lettre de motivation)\\b[^.\\n]*",
  ].join('|'),
  'g',
);

/** The text with a job ad's boilerplate blanked (contract, pay, company, application). */
export function maskBoilerplate(folded: string): string {
  return folded.replace(BOILERPLATE, (m) => ' '.repeat(m.length));
}

// ---------------------------------------------------------------------------------------------
// Other people
// ---------------------------------------------------------------------------------------------

/**
 * The text with the members of a team the person runs, listed in parentheses ("dirige l'équipe de
 * production (photographes, assistants, infographiste)"), blanked: they are the people managed,
 * not the job.
 */
export function maskTeamList(folded: string, cues: Cues): string {
  return folded.replace(cues.teamList, (all: string, list: string) => all.slice(0, all.length - list.length - 1) + ' '.repeat(list.length) + ')');
}

/** A preposition or verb after which a person is someone else than the employee described. */
const TO_OTHER = "par|avec|vers|devant|sous (?:l'oeil|le regard|le controle) d[eu]|sous (?:l'oeil|le regard|le controle) de la|sous (?:l'oeil|le regard|le controle) de l'|aupres d[eu]|aupres de la|aupres de l'|aux cotes d[eu]|aux cotes de la|aux cotes de l'|a cote d[eu]|a cote de la|a cote de l'|au|aux|du|a la|a l'|de la|de l'|(?<=(?:adjointe?|seconde?|assistante?|bras droit|binome|remplacante?)s? )de(?= (?:notre|nos|votre|vos|son|sa|ses|mon|ma|mes|leur|leurs) )|d'une?|pour|sous|envers|rattachee?s?|rattachement|reporte[rz]?|rend(?:s|ez|re)? compte|reporting|remplace[rz]?|remplacement|seconde[rz]?|epaule[rz]?|assiste[rz]?|aide[rz]?|accompagne[rz]?|appuie[rz]?|soutien[st]?|soutenir|binome avec|tandem avec";
const DETERMINER = "le|la|l'|les|un|une|des|son|sa|ses|notre|nos|votre|vos|leur|leurs|mon|ma|mes|directement|hierarchiquement|ce|cette|autres?";
/** A person named after `TO_OTHER`, with the words that may follow it: someone else than the employee. */
const otherPattern = (others: string, qualifiers: string) => {
  const person = `(?:${others})(?![a-z])(?:\\([a-z]+\\))?(?:\\s+(?:${qualifiers}))*(?:\\s+(?:de|du|des|d')\\s?(?:la |l')?(?:point de vente|[a-z]+))?`;
  // "assiste un directeur général ou une directrice générale", "rattaché au gérant ou à
  // l'opticien": the second person of a pair is someone else too.
  const pair = `(?:\\s*(?:,|ou|et)\\s+(?:a\\s+)?(?:(?:${DETERMINER})\\s+|l')?${person})?`;
  // « Rattachement : la directrice du magasin »: the determiner may come after the colon too.
  return new RegExp(`\\b(?:${TO_OTHER})(?:\\s+(?:${DETERMINER})\\b|\\s*l')*\\s*:?(?:\\s*(?:${DETERMINER})\\b|\\s*l')*\\s*(${person}${pair})(?:\\s*,?\\s*qui\\b(?! (?:verifie|controle|valide|relit|corrige|supervise|repasse))[^.;:\\n!?()]*)?`, 'g');
};

/**
 * The text with the people it names besides the employee replaced by "autrui": the superior
 * ("rattaché au directeur de magasin", "sous la responsabilité de l'opticienne", "en binôme avec
 * le gérant, qui reste responsable du point de vente"), the colleagues ("vérifié par
 * l'opticien"). What is said of them is not said of the employee: "adjoint au directeur" is an
 * adjoint, not a directeur.
 */
export function maskOthers(text: string, cues: Cues): string {
  const masked = text.replace(cues.others, (all: string, person: string) => {
    const at = all.indexOf(person);
    const rest = all.length - at;
    return all.slice(0, at) + 'autrui' + ' '.repeat(Math.max(0, rest - 6));
  });
  // Whoever the employee works under is someone else, whatever the noun (grids/french.yaml,
  // `underSomeone`): the trades' people are not all listed.
  return cues.underSomeone && masked.includes('sous ') ? masked.replace(cues.underSomeone, (all: string, person: string) => all.slice(0, all.length - person.length) + 'autrui' + ' '.repeat(Math.max(0, person.length - 6))) : masked;
}

// ---------------------------------------------------------------------------------------------
// Seniority
// ---------------------------------------------------------------------------------------------

/**
 * A cue votes for a seniority (-1 beginner … 1 directs) with a weight; the description's
 * seniority is the weighted mean of the votes, so that "encadre … sous la responsabilité du
 * directeur" reads as a manager, and several cues of one kind do not pile up.
 */
interface Cue {
  re: RegExp;
  vote: number;
  weight: number;
}

/** Years of experience vote too: a few months is a beginner, ten years a senior. */
function yearsVote(years: number): number {
  return years < 1 ? -0.8 : years < 2 ? -0.3 : years < 5 ? 0.2 : years < 10 ? 0.5 : 0.7;
}

const NUM_WORDS: Record<string, number> = {
  un: 1, une: 1, deux: 2, trois: 3, quatre: 4, cinq: 5, six: 6, sept: 7, huit: 8, neuf: 9, dix: 10, onze: 11, douze: 12, quinze: 15, vingt: 20,
  dizaine: 10, quinzaine: 15, vingtaine: 20, trentaine: 30, cinquantaine: 50, centaine: 100,
};
/** A number in figures or words; "une dizaine" is read as "dizaine". */
const NUM = '\\b(?:une )?(\\d+|un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|quinze|vingt|dizaine|quinzaine|vingtaine|trentaine|cinquantaine|centaine)\\b';
export const toNumber = (s: string): number => (/^\d+$/.test(s) ? Number(s) : (NUM_WORDS[s] ?? NaN));

/** A count next to a team word, then next to people ("encadre 6 préparateurs", "avec elle 2 vendeuses"), then a team's size given as such. */
const teamPatterns = (people: string, under: string) => [
  // "l'équipe de 4", "son équipe de 6" (a bare "équipe de 4" describes the shop, not the people managed)
  new RegExp(`(?:l'|une |son |sa |votre |ta |leur )(?:equipe|team) (?:de |d')${NUM}\\b`),
  new RegExp(`(?:encadre|manage|anime|dirige|gere|pilote|coordonne|supervise)[a-z]* (?:une equipe de |l'equipe de |les |ses |son equipe de )?${NUM} ${people}`),
  new RegExp(`(?:${under})[^.]{0,20}?${NUM} ${people}`),
  new RegExp(`equipe ?: ?${NUM}\\b`),
];
/** Years or months of experience, said as such ("5 ans d'expérience", "depuis 3 ans", "18 mois de pratique"); `practice` says what makes it practice. */
const yearsPatterns = (practice: string) => [
  new RegExp(`${NUM} ?(?:ans?|annees?) ${practice}`),
  new RegExp(`(?:depuis|ca fait|cela fait|voila|il y a|au moins|minimum|plus de|pres de) (?:plus de |pres de )?${NUM} ?(?:ans?|annees?)\\b`),
];
const monthsPattern = (practice: string) => new RegExp(`(?:${NUM} mois ${practice}|(?:depuis|ca fait|cela fait|il y a) ${NUM} mois\\b)`);
/** A diploma or a start dated by its year: "diplômée en 2019", "BTS en poche depuis 2021", "chez nous depuis 2015". */
const SINCE_YEAR = /(?:\bdepuis|\bdiplomee?s?|\bbts|\blicence|\bcqp|\bobtenue?|\bpromo(?:tion)?|\bsortie? (?:de l'ecole|d'ecole)|\ben poche)[^.;\n]{0,25}?\b((?:19|20)\d\d)\b/;
/** A bare "N ans" is a length of experience, unless it is an age ("Lucas, 20 ans", "âgée de 45 ans"). */
const YEARS_BARE = new RegExp(`(^|[^a-z0-9]{0,3}[a-z']*[^a-z0-9]{1,3})${NUM} ?(?:ans?|annees?)\\b`, 'g');
const AGE_BEFORE = /(?:,\s*|\ba |\bagee? de |\bage |\bage de )$/;

/**
 * Years of experience a text gives, if any. A dated start ("diplômée en 2019") is counted to
 * `year`, the year the text is read at (the current year unless the caller fixes it).
 */
export function yearsSaid(masked: string, cues: Cues, year = new Date().getFullYear()): { years: number; phrase: string } | undefined {
  for (const re of cues.years) {
    const m = re.exec(masked);
    const n = m ? toNumber(m[1]!) : NaN;
    if (m && Number.isFinite(n) && n < 50) return { years: n, phrase: m[0] };
  }
  const months = cues.months.exec(masked);
  const mo = months ? toNumber((months[1] ?? months[2])!) : NaN;
  if (months && Number.isFinite(mo)) return { years: Math.round((mo / 12) * 10) / 10, phrase: months[0] };
  const since = SINCE_YEAR.exec(masked);
  const from = since ? Number(since[1]) : NaN;
  if (since && from <= year && year - from < 50) return { years: year - from, phrase: since[0] };
  for (const m of masked.matchAll(YEARS_BARE)) {
    const n = toNumber(m[2]!);
    const before = masked.slice(Math.max(0, m.index + m[1]!.length - 12), m.index + m[1]!.length);
    if (!Number.isFinite(n) || n >= 50 || (n >= 15 && AGE_BEFORE.test(before))) continue;
    return { years: n, phrase: m[0].slice(m[1]!.length) };
  }
  return undefined;
}
/**
 * A team named as a list in a sentence about the person's team: "il a avec lui un apprenti et une
 * vendeuse"; not a comparison ("fait tout ce que fait un commercial", "comme un vendeur").
 */
const memberPattern = (members: string) => new RegExp(`(?<!(?:fait|comme|que|tel|telle) |qu')\\b${NUM} (?:seule?s? )?(?:${members})`, 'g');

/** People managed: a number next to a team word, else the members listed in a sentence about the team. */
function teamSize(masked: string, cues: Cues): number | undefined {
  for (const re of cues.team) {
    const m = re.exec(masked);
    const n = m ? toNumber(m[1]!) : NaN;
    if (Number.isFinite(n)) return n;
  }
  for (const sentence of masked.split(/[.;!?\n]/)) {
    if (!cues.teamContext.test(sentence)) continue;
    const n = [...sentence.matchAll(cues.members)].reduce((sum, m) => sum + toNumber(m[1]!), 0);
    if (n > 0) return n;
  }
  return undefined;
}

/** A text as the cues and the facts read it (`readingOf`). */
export interface TextReading {
  /** `foldText` of the text. */
  folded: string;
  /** The same with a job ad's boilerplate blanked. */
  unboiled: string;
  /** And with what it denies blanked and the other people it names masked. */
  masked: string;
}

let lastReading: { text: string; cues: Cues; reading: TextReading } | undefined;

/**
 * The text folded, without boilerplate, then without denials and other people. The seniority
 * cues, the facts and the words of one search all start from it: the last text's is kept, so
 * that one search folds and masks its description once, not three times.
 */
export function readingOf(text: string, cues: Cues): TextReading {
  if (lastReading?.text === text && lastReading.cues === cues) return lastReading.reading;
  const folded = foldText(text);
  const unboiled = maskBoilerplate(folded);
  // What is said of the superior is not said of the employee ("rendez compte au manager").
  const reading = { folded, unboiled, masked: maskOthers(maskNegations(unboiled), cues) };
  lastReading = { text, cues, reading };
  return reading;
}

/** A status stated as such; "cadre" alone also means a frame or a context ("dans le cadre de"). */
const STATUS: [NonNullable<LevelCues['status']>, RegExp][] = [
  ['non-cadre', /\bnon[- ]cadre/],
  // A definition that opens on the status (« Agent de liaison : employé chargé de… », « Chef de
  // service : cadre en charge de… », other branches' classifications) states it.
  ['ouvrier-employe', /statut :? ?(?:employe|ouvrier)|\((?:statut )?employee?\b|statut employe|^[^:\n]{2,80}: ?(?:un |une |l')?(?:employee?s?|ouvriere?s?)(?:\(e\))?\b/],
  ['agent-de-maitrise', /agent de maitrise|\bstatut :? ?(?:am|etam|tam|technicien)\b|technicien\/agent de maitrise/],
  ['cadre', /statut :? ?cadre\b|\((?:statut )?cadre\)|\bpass(?:e|er|era) cadre\b|\bposte (?:de )?cadre\b|\bcadre au forfait|\ben tant que cadre\b|\bcadre dirigeant|\bcadre superieur|^[^:\n]{2,80}: ?(?:un |une |le |la )?cadre\b(?! de (?:vie|travail)| d'|\))/],
];

/**
 * Seniority, staff, years, shops and status read in a text; `year` is the year the text is read at
 * (for "diplômée en 2019"; the current year by default).
 */
export function levelCues(text: string, cues: Cues, year?: number): LevelCues {
  const { folded, masked } = readingOf(text, cues);
  const found: string[] = [];
  let sum = 0;
  let weights = 0;
  const vote = (value: number, weight: number) => {
    sum += value * weight;
    weights += weight;
  };
  const scan = (cues: Cue[], t: string) => {
    for (const { re, vote: v, weight } of cues) {
      const m = re.exec(t);
      if (m) {
        found.push(m[0]);
        vote(v, weight);
      }
    }
  };
  scan(cues.beginner, folded);
  scan(cues.low, masked);
  scan(cues.high, masked);
  const read: LevelCues = { seniority: 0, found };
  const staff = teamSize(masked, cues);
  if (staff !== undefined) read.managedStaff = staff;
  const years = yearsSaid(masked, cues, year);
  if (years) {
    read.years = years.years;
    found.push(years.phrase);
    vote(yearsVote(years.years), 1);
  }
  read.seniority = weights === 0 ? 0 : Math.max(-1, Math.min(1, sum / weights));
  // Read with denials kept ("non cadre" is a status, not a denied word) but other people
  // replaced: "dossiers gérés par un agent de maîtrise" gives the status of someone else, and so
  // do the people listed as one's team or as the ones one assists ("(cadre dirigeant, directeur…)").
  const withoutOthers = maskOthers(maskTeamList(folded, cues), cues);
  const status = STATUS.find(([, re]) => re.test(withoutOthers));
  if (status) read.status = status[0];
  const shops = cues.shops.exec(masked);
  const n = shops ? toNumber(shops[1]!) : NaN;
  if (Number.isFinite(n) && n >= 2) read.shops = n;
  else if (cues.shopManagers.test(masked)) read.shops = Math.max(2, read.managedStaff ?? 2);
  if (cues.higherEducation?.test(masked)) read.higherEducation = true;
  return read;
}

// ---------------------------------------------------------------------------------------------
// The words, compiled
// ---------------------------------------------------------------------------------------------

/** The patterns of `CueWords` (grids/french.yaml and the branches' people), compiled. */
export interface Cues {
  others: RegExp;
  teamList: RegExp;
  beginner: Cue[];
  low: Cue[];
  high: Cue[];
  team: RegExp[];
  members: RegExp;
  teamContext: RegExp;
  years: RegExp[];
  months: RegExp;
  shops: RegExp;
  shopManagers: RegExp;
  multiShop: RegExp;
  higherEducation?: RegExp;
  underSomeone?: RegExp;
}

const compiled = new WeakMap<FrenchFile, Cues>();
/** By content too: a catalogue read from the build's snapshot holds one copy of the words per branch. */
const compiledByText = new Map<string, Cues>();

/** Fills the `{num}`, `{trade-others}`, `{trade-members}` of a pattern of grids/french.yaml. */
function fill(pattern: string, trades: PeopleWords): string {
  return pattern.replaceAll('{num}', NUM).replaceAll('{trade-others}', trades.others.join('|')).replaceAll('{trade-members}', trades.members.join('|'));
}

/**
 * The cues of a lexicon: grids/french.yaml, compiled once per catalogue, the people of every
 * trade after the general words.
 */
export function cuesOf(lexicon: Lexicon): Cues {
  const french = lexicon.french;
  if (!french) throw new Error('grids/french.yaml manque au catalogue : le matcher ne peut pas lire les descriptions');
  let cues = compiled.get(french);
  if (cues) return cues;
  const text = JSON.stringify(french);
  cues = compiledByText.get(text);
  if (!cues) {
    const trades = french.trades ?? { others: [], qualifiers: [], team: [], members: [] };
    const words = french.cues;
    const list = (key: keyof PeopleWords) => [...words[key], ...trades[key]].join('|');
    const cue = (c: CueWords['low'][number]): Cue => ({ re: new RegExp(fill(c.re, trades)), vote: c.vote, weight: c.weight });
    cues = {
      others: otherPattern(list('others'), list('qualifiers')),
      teamList: new RegExp(words.teamList, 'g'),
      beginner: words.beginner.map(cue),
      low: words.low.map(cue),
      high: words.high.map(cue),
      team: teamPatterns(`(?:${list('team')})`, words.teamUnder),
      members: memberPattern(list('members')),
      teamContext: new RegExp(words.teamContext),
      years: yearsPatterns(words.practice),
      months: monthsPattern(words.practice),
      shops: new RegExp(fill(words.shops, trades)),
      shopManagers: new RegExp(words.shopManagers),
      multiShop: new RegExp(words.multiShop),
      ...(words.higherEducation ? { higherEducation: new RegExp(words.higherEducation) } : {}),
      ...(words.underSomeone ? { underSomeone: new RegExp(words.underSomeone, 'g') } : {}),
    };
    if (compiledByText.size >= 8) compiledByText.clear();
    compiledByText.set(text, cues);
  }
  compiled.set(french, cues);
  return cues;
}
