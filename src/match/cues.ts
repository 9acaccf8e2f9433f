/**
 * Cues in French job texts that bags of words miss: what a sentence denies ("non opticien",
 * "n'encadre personne"), how senior the job sounds (who controls the work, who the person
 * manages, how much experience is asked), and the numbers that decide between neighbouring
 * levels (people managed, shops run, years of practice, a stated status). Denials are masked the
 * same way in a user's description and in the grids' own texts, so that the two can be compared.
 *
 * Every pattern works on lower-case text without accents (`foldAccents`).
 */
import { foldAccents } from '../text/normalize.js';

export interface LevelCues {
  /** -1 (beginner, under control) … 1 (manages, directs); 0 when nothing is said. */
  seniority: number;
  /** People managed, when a number is given. */
  managedStaff?: number;
  /** Years of experience asked or held, when given. */
  years?: number;
  /** Shops (magasins, boutiques, points de vente) the person runs, when several are named. */
  shops?: number;
  /** The status the text gives the job ("statut cadre", "agent de maîtrise", "non cadre"). */
  status?: 'ouvrier-employe' | 'agent-de-maitrise' | 'cadre';
  /** The phrases that gave the cues. */
  found: string[];
}

// ---------------------------------------------------------------------------------------------
// Negation
// ---------------------------------------------------------------------------------------------

/** Words that end the scope of a negation: punctuation, or a clause of its own. */
const SCOPE_END = /[.,;:!?()[\]\n/•*+|–—-]| mais | et (?:il|elle|je|on|nous|vous|c'est)\b| (?:pour|sur|avec|dans|depuis|quand|car|donc)\b/;
/** "pas seulement", "non seulement", "pas que": not a negation but "not only". */
const NOT_ONLY = /^(?:seulement|uniquement|que|qu'|forcement|encore|toujours)\b/;
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
/** "n'encadre personne", "ne fait pas", "n'a jamais": the verb itself is denied. */
const DENIED_VERB = /\b(?:ne |n')([a-z]+)(?= (?:pas|plus|jamais|personne|rien|aucune?)\b(?! seulement| uniquement| que\b))/g;

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
      if (NOT_ONLY.test(rest.trimStart())) continue;
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

/** Read on the original text: these cues are negative phrases themselves. */
const BEGINNER: Cue[] = [
  { re: /\bdebutant|\bjunior\b|sans experience|pas d'experience|aucune experience|premiere experience|1ere experience|premier (?:emploi|poste|job)|sortie? d'(?:ecole|un bac|un cap|un bts)|jeune diplome|formation (?:assuree|en interne)|on (?:la|le|vous) forme|en apprentissage|en alternance|contrat d'apprentissage|\bstagiaire|vient de commencer/, vote: -1, weight: 2 },
];

/** Read on the text with denials masked. */
const LOW: Cue[] = [
  { re: /sous (?:le |son )?controle|sous la (?:responsabilite|supervision|direction|conduite|surveillance)|sous l'autorite|sous les (?:directives|ordres)|selon les (?:directives|consignes|instructions)|suivant les (?:consignes|fiches|instructions)|verifiee? par|controlee? par|supervisee? par|validee? par|encadree? par|\bvalide les seances|pendant que je surveille|fait ce qu'on lui demande/, vote: -0.5, weight: 1 },
  { re: /\bassiste\b|\baide[- ]|\baider\b|\bepaule|seconde? (?:le|la)\b/, vote: -0.4, weight: 1 },
  { re: /taches simples|operations simples|\belementaires?\b|\bbasiques?\b/, vote: -0.5, weight: 1 },
];

const HIGH: Cue[] = [
  { re: /\bencadre(?:r|ment)?\b(?! par)|\bmanage(?!e? par)|\bmanagement\b|anim(?:e|er) (?:une |l'|son |d'une |les )?equipe|responsable d'une equipe|chef d'equipe|\bdirige(?!e? par)|(?<!sous la )direction (?:de|du|des)|chapeaute|a la tete d|\bpilote (?:les|l'|des|une)/, vote: 0.9, weight: 2 },
  { re: /\bbudget|compte (?:de resultat|d'exploitation)|\bp&l\b|chiffre d'affaires|strategi|politique (?:commerciale|marketing|rh|financiere)|\brecrute/, vote: 0.9, weight: 1 },
  { re: /plusieurs (?:magasins|sites|boutiques|points de vente)|multi-?sites?|multi-?magasins?|\bcodir\b|comite de direction/, vote: 1, weight: 2 },
  { re: /\bautonom|en autonomie|de maniere autonome|\bseule?\b|tout seul|de a a z/, vote: 0.2, weight: 1 },
  { re: /\bconfirmee?s?\b|experimentee?s?\b/, vote: 0.2, weight: 1 },
  { re: /\bexpert|\bsenior\b|\breferente?s?\b|\bpilier\b/, vote: 0.6, weight: 1 },
  { re: /\bcoordonne|organise (?:le|les) travail|\bsupervise\b|planning de l'equipe|forme (?:les|des) (?:nouveaux|jeunes|operateurs|apprentis|interimaires)|\btutorat|\bparraine/, vote: 0.5, weight: 1 },
];

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

const PEOPLE = '(?:personnes|salaries|collaborateurs|collaboratrices|vendeurs|vendeuses|opticiens|conseillers|conseilleres|operateurs|preparateurs|photographes|assistants|retoucheurs|techniciens|commerciaux|comptables|magasiniers|employes|employees|agents|chefs|responsables|managers)';
const TEAM = [
  new RegExp(`(?:equipe|team) (?:de |d')${NUM}\\b`),
  new RegExp(`(?:encadre|manage|anime|dirige|gere|pilote|coordonne|supervise)[a-z]* (?:une equipe de |l'equipe de |les |ses |son equipe de )?${NUM} ${PEOPLE}`),
  new RegExp(`(?:avec lui|avec elle|sous (?:ses|sa) (?:ordres|responsabilite)|a sa charge)[^.]{0,20}?${NUM} ${PEOPLE}`),
  new RegExp(`equipe ?: ?${NUM}\\b`),
];
const YEARS = new RegExp(`${NUM} ?(?:ans|annees)(?: d'experience| d'exercice| de pratique| de metier| d'exp| minimum| de maison| d'anciennete)?`);
const SHOPS = new RegExp(`(?:dirige|gere|pilote|chapeaute|coordonne|supervise|anime|responsable d[eu]s?|main sur|tete d[eu]s?|mes|ses|sur les|pour mes|pour ses|perimetre ?:?) (?:les |ses |mes |)${NUM} (?:magasins|boutiques|points de vente|agences|centres)`);
/** Managing the managers of shops is running several shops. */
const SHOP_MANAGERS = /(?:manage|encadre|dirige|pilote|anime|coordonne|chapeaute)[a-z]* (?:les |ses |des )?(?:\d+ |[a-z]+ )?(?:responsables|directeurs|directrices|gerants|gerantes|chefs) (?:de |des |du )?(?:magasins?|boutiques?|points? de vente)/;

/** A team named as a list in a sentence about the person's team: "il a avec lui un apprenti et une vendeuse". */
const TEAM_CONTEXT = /\b(?:avec (?:lui|elle)|sous (?:ses|sa) (?:ordres|responsabilite)|(?:il|elle) encadre|(?:il|elle) (?:gere|manage|anime|dirige)|son equipe|a sa charge)\b/;
const MEMBER = new RegExp(`\\b${NUM} (?:apprenti|vendeu|opticien|monteu|technicien|assistant|photographe|retoucheu|operat|preparat|conseill|salarie|employe|personne|collaborat|stagiaire|magasinier|commercia|comptable|chef|responsable|manager)`, 'g');

/** People managed: a number next to a team word, else the members listed in a sentence about the team. */
function teamSize(masked: string): number | undefined {
  for (const re of TEAM) {
    const m = re.exec(masked);
    const n = m ? toNumber(m[1]!) : NaN;
    if (Number.isFinite(n)) return n;
  }
  for (const sentence of masked.split(/[.;!?\n]/)) {
    if (!TEAM_CONTEXT.test(sentence)) continue;
    const n = [...sentence.matchAll(MEMBER)].reduce((sum, m) => sum + toNumber(m[1]!), 0);
    if (n > 0) return n;
  }
  return undefined;
}

/** A status stated as such; "cadre" alone also means a frame or a context ("dans le cadre de"). */
const STATUS: [NonNullable<LevelCues['status']>, RegExp][] = [
  ['ouvrier-employe', /\bnon[- ]cadre|statut :? ?(?:employe|ouvrier)|\((?:statut )?employee?\b|statut employe/],
  ['agent-de-maitrise', /agent de maitrise|\bstatut :? ?(?:am|etam|tam)\b|technicien\/agent de maitrise/],
  ['cadre', /statut :? ?cadre\b|\((?:statut )?cadre\)|\bpass(?:e|er|era) cadre\b|\bposte (?:de )?cadre\b|\bcadre au forfait|\ben tant que cadre\b|\bcadre dirigeant|\bcadre superieur/],
];

/** Seniority, staff, years, shops and status read in a text. */
export function levelCues(text: string): LevelCues {
  const folded = foldAccents(text);
  const masked = maskNegations(folded);
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
  scan(BEGINNER, folded);
  scan(LOW, masked);
  scan(HIGH, masked);
  const cues: LevelCues = { seniority: 0, found };
  const staff = teamSize(masked);
  if (staff !== undefined) cues.managedStaff = staff;
  const years = YEARS.exec(masked);
  if (years) {
    const n = toNumber(years[1]!);
    if (Number.isFinite(n) && n < 50) {
      cues.years = n;
      found.push(years[0]);
      vote(yearsVote(n), 1);
    }
  }
  cues.seniority = weights === 0 ? 0 : Math.max(-1, Math.min(1, sum / weights));
  // Read on the original text: "non cadre" is a status, not a denied word.
  const status = STATUS.find(([, re]) => re.test(folded));
  if (status) cues.status = status[0];
  const shops = SHOPS.exec(masked);
  const n = shops ? toNumber(shops[1]!) : NaN;
  if (Number.isFinite(n) && n >= 2) cues.shops = n;
  else if (SHOP_MANAGERS.test(masked)) cues.shops = Math.max(2, cues.managedStaff ?? 2);
  return cues;
}
