/**
 * IDCC 2198 (commerce à distance): the grid data checked against the texts themselves.
 *
 * Each test re-reads the cited documents with its own small parser (job cards of the accord du
 * 30 juin 2021, the 11 cards of seed 002, the catégories A–H of the avenant du 24 juin 2011) and
 * compares what it finds with what grids/2198-commerce-a-distance says.
 */
import { describe, expect, it } from 'vitest';
import { rulesOfKind } from '../src/classify/rules.js';
import { loadCatalogue } from '../src/grids/catalogue.js';

const conv = loadCatalogue({ only: ['2198'] }).convention('2198')!;
const g2021 = conv.grid('2198-2021')!;
const g2011 = conv.grid('2198-2011')!;

const fold = (s: string) => s.replace(/\s+/g, ' ').trim();
/** Folding for comparing seed and KALI wording: also drops the soft hyphens (U+00AD) of the KALI extract. */
const loose = (s: string) => fold(s.replace(/\u00ad/g, ''));

// ---------------------------------------------------------------- the KALI job cards
interface KaliCard {
  title: string;
  heading: string;
  article: string;
  category: string;
  /** Other catégories the card gives ("… : classement en catégorie E"). */
  otherCategories: string[];
  mission: string;
}

/** Every job card of a KALI extract: a title line, then "Mission | … |", …, "Classification | Catégorie X |". */
function kaliCards(text: string): KaliCard[] {
  const lines = text.split('\n');
  const cards: KaliCard[] = [];
  let heading = '';
  let article = '';
  let body: string[] = [];
  let open: KaliCard | undefined;
  const close = () => {
    const card = open;
    open = undefined;
    if (!card) return;
    const joined = body.join('\n');
    const cat = /^(?:Classification|Niveau classification\/ coefficient) \| Catégorie ([A-H]) \|/m.exec(joined);
    const mission = /^Mission \| (.+?) \|\s*$/m.exec(joined);
    card.category = cat?.[1] ?? '?';
    card.mission = mission?.[1] ?? '?';
    card.otherCategories = [...joined.matchAll(/classement en catégorie ([A-H])/g)].map((m) => m[1]!);
    body = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const h = /^#{3,6} (.+?)\s+\{id=/.exec(line);
    const a = /^--- Article.*\[(KALIARTI\d{12})\]/.exec(line);
    if (h || a) {
      close();
      if (h) heading = h[1]!;
      if (a) article = a[1]!;
      continue;
    }
    if (!line.includes('|') && (lines[i + 1] ?? '').startsWith('Mission |')) {
      close();
      body = [];
      open = { title: line.trim(), heading, article, category: '', otherCategories: [], mission: '' };
      cards.push(open);
      continue;
    }
    body.push(line);
  }
  close();
  return cards;
}

/** Track of each heading of the annex, as the grid names it. */
const TRACK_OF_HEADING: Record<string, string> = {
  'Les emplois-repères transverses': 'transverses',
  'Filière développement commercial': 'developpement-commercial',
  "Construction de l'offre": 'construction-de-l-offre',
  "SI/ IT (Système d'information/ Technologies de l'information)": 'si-it',
  'Marketing et expérience client': 'marketing-et-experience-client',
  'Supply chain': 'supply-chain',
  'Fonctions supports': 'fonctions-supports',
};

const accordCards = kaliCards(conv.documentText('accord-2021'));

describe('IDCC 2198 — the 43 emplois-repères of the accord du 30 juin 2021', () => {
  it('the accord has 43 cards, and the consolidated avenant carries the same ones', () => {
    expect(accordCards).toHaveLength(43);
    const avenantCards = kaliCards(conv.documentText('avenant-2011'));
    const strip = (c: KaliCard) => [c.title, c.heading, c.category, c.otherCategories.join(), fold(c.mission)];
    expect(avenantCards.map(strip)).toEqual(accordCards.map(strip));
  });

  it('the 2021 grid holds exactly those jobs, with their catégorie, filière, mission and article', () => {
    expect(g2021.jobs.map((j) => j.title).sort()).toEqual(accordCards.map((c) => c.title).sort());
    for (const card of accordCards) {
      const job = g2021.jobs.find((j) => j.title === card.title)!;
      expect(job, card.title).toBeDefined();
      expect(job.positions[0], `${card.title}: catégorie`).toBe(card.category);
      expect([...job.positions].sort(), `${card.title}: catégories`).toEqual([card.category, ...card.otherCategories].sort());
      expect(job.track, `${card.title}: filière`).toBe(TRACK_OF_HEADING[card.heading]);
      expect(fold(job.mission ?? ''), `${card.title}: mission`).toBe(fold(card.mission));
      expect(job.source).toMatchObject({ doc: 'accord-2021', article: card.article });
      expect(g2021.jobDuties(job.id), `${card.title}: duties`).toEqual(job.activities);
      expect(job.activities!.length).toBeGreaterThan(0);
    }
  });

  it('counts jobs per filière as the annex does', () => {
    const count = (xs: string[]) => Object.fromEntries([...new Set(xs)].map((x) => [x, xs.filter((y) => y === x).length]));
    expect(count(g2021.jobs.map((j) => j.track))).toEqual(count(accordCards.map((c) => TRACK_OF_HEADING[c.heading]!)));
    for (const t of g2021.tracks) expect(Object.keys(TRACK_OF_HEADING)).toContain(t.title);
  });

  it('the modéliste may be D or E, and the rule says what decides', () => {
    const modeliste = g2021.job('modeliste')!;
    expect(modeliste.positions).toEqual(['D', 'E']);
    const rule = g2021.rules.find((r) => r.appliesTo.jobs?.includes('modeliste'))!;
    expect(rule.kind).toBe('position-condition');
    expect(rule.appliesTo.positions).toEqual(['E']);
    expect(rule.when).toEqual({ fact: 'modelisteCoordonneEquipe', eq: true });
    expect(fold(conv.documentText('accord-2021'))).toContain(fold(rule.text));
  });

  it('transverse jobs are eligible in the filières whose list names them (article 3)', () => {
    const art3 = conv.documentText('accord-2021').split('surtitre=Le classement des emplois-repères par filière')[1]!.split('--- Article')[0]!;
    const trackOfBullet: Record<string, string> = {
      "Construction de l'offre": 'construction-de-l-offre',
      'Marketing et expérience client': 'marketing-et-experience-client',
      "SI/ IT (Système d'information/ Technologies de l'information)": 'si-it',
      'Supply Chain': 'supply-chain',
      'Développement commercial': 'developpement-commercial',
      'Fonctions supports': 'fonctions-supports',
    };
    const listed = new Map<string, string[]>();
    let track = '';
    for (const line of art3.split('\n').map((l) => l.trim())) {
      if (line.startsWith('• ')) track = trackOfBullet[line.slice(2)]!;
      else if (track && line.startsWith('– ')) {
        const name = line.slice(2).replace(/ ?[;.]$/, '');
        listed.set(name, [...(listed.get(name) ?? []), track]);
      }
    }
    const transverses = g2021.jobs.filter((j) => j.track === 'transverses');
    expect(transverses).toHaveLength(4);
    for (const job of transverses) {
      const name = job.title.replace(' (e)', '').toLowerCase();
      const rule = g2021.rules.find((r) => r.kind === 'track-eligibility' && r.appliesTo.jobs?.includes(job.id))!;
      expect(rule, job.id).toBeDefined();
      expect(rule.appliesTo.tracks?.slice().sort(), job.id).toEqual(listed.get(name)?.slice().sort());
    }
  });
});

// ---------------------------------------------------------------- seed 002
interface SeedCard {
  title: string;
  category: string;
  mission: string;
  activities: string[];
}

/** The markdown cards of seed 002: a title line, then a table "| Mission | … |" … "| Classification | Catégorie X |". */
function seedCards(text: string): SeedCard[] {
  const cards: SeedCard[] = [];
  let field = '';
  for (const line of text.split('\n')) {
    if (line.startsWith('#') || line.trim() === '' || line.startsWith('| ---')) continue;
    if (!line.startsWith('|')) {
      cards.push({ title: line.trim(), category: '', mission: '', activities: [] });
      continue;
    }
    const card = cards[cards.length - 1]!;
    const cells = line.split('|').slice(1, -1).map((c) => c.trim());
    if (cells.length === 2) field = cells[0]!;
    const value = cells[cells.length - 1]!;
    if (field === 'Mission') card.mission = value;
    else if (field === 'Activités') card.activities.push(value);
    else if (/classification/i.test(field)) card.category = /^Catégorie ([A-H])$/.exec(value)?.[1] ?? '?';
  }
  return cards;
}

describe('IDCC 2198 — the 11 cards of seed 002', () => {
  const seed = seedCards(conv.documentText('accord-2021-fiches'));

  it('has 11 cards, each in the 2021 grid (marketing et expérience client) with the same catégorie and mission', () => {
    expect(seed).toHaveLength(11);
    for (const card of seed) {
      const job = g2021.jobs.find((j) => j.title === card.title);
      expect(job, card.title).toBeDefined();
      expect(job!.track).toBe('marketing-et-experience-client');
      expect(job!.positions, card.title).toEqual([card.category]);
      expect(fold(job!.mission!), card.title).toBe(fold(card.mission));
    }
  });

  it('agrees with the KALI activities, but for the soft hyphen of one KALI line', () => {
    for (const card of seed) {
      const job = g2021.jobs.find((j) => j.title === card.title)!;
      expect(job.activities!.map(loose), card.title).toEqual(card.activities.map(loose));
    }
    // The one difference, kept verbatim from the cited KALI text.
    const rmc = g2021.job('responsable-marketing-communication')!;
    expect(rmc.activities!.some((a) => a.includes('des \u00ad projets'))).toBe(true);
  });
});

// ---------------------------------------------------------------- catégories A–H of the avenant
const CRITERIA: Record<string, string> = {
  Autonomie: 'autonomie',
  Activité: 'activite',
  Responsabilité: 'responsabilite',
  'Connaissances requises': 'connaissances-requises',
};

/** The criteria rows of each catégorie, read from "Définition de la catégorie X" to the next numbered heading. */
function categoryCriteria(text: string): Map<string, Record<string, string[]>> {
  const out = new Map<string, Record<string, string[]>>();
  let current: Record<string, string[]> | undefined;
  let criterion = '';
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    const cat = /^[\d.]+ Définition de la catégorie ([A-H])$/.exec(line);
    if (cat) {
      out.set(cat[1]!, (current = {}));
      criterion = '';
      continue;
    }
    if (!current) continue;
    if (/^(---|#)|^\d+\.\d+(\.\d+)*\. |^Niveau /.test(line)) {
      if (!/Définition des critères classants$/.test(line)) current = undefined;
      continue;
    }
    if (CRITERIA[line]) {
      criterion = CRITERIA[line]!;
      current[criterion] = [];
    } else if (criterion && line) current[criterion]!.push(line);
  }
  return out;
}

describe('IDCC 2198 — catégories A to H, criteria and levels of the avenant du 24 juin 2011', () => {
  const avenant = conv.documentText('avenant-2011');
  const rows = categoryCriteria(avenant);

  it('both grids give each catégorie its four criteria rows verbatim', () => {
    expect([...rows.keys()]).toEqual(['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H']);
    for (const grid of [g2011, g2021]) {
      expect(grid.positions.map((p) => p.code)).toEqual([...rows.keys()]);
      for (const [code, criteria] of rows) {
        const p = grid.position(code)!;
        expect(Object.keys(p.criteria!).sort(), code).toEqual(Object.values(CRITERIA).sort());
        for (const [id, lines] of Object.entries(criteria)) expect(p.criteria![id]!.map(fold), `${grid.id} ${code} ${id}`).toEqual(lines.map(fold));
      }
      expect(grid.positions.map((p) => p.rank)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    }
  });

  it('gives each catégorie the status of article 1.1.1', () => {
    const statusOf: Record<string, string> = {
      'ouvriers et employés': 'ouvrier-employe',
      'techniciens et agents de maîtrise': 'agent-de-maitrise',
      cadres: 'cadre',
    };
    const seen: string[] = [];
    for (const m of avenant.matchAll(/les catégories ([A-H]) (?:à|et) ([A-H]) se rapportent aux (.+?) ?[;.]\n/g)) {
      for (let c = m[1]!.charCodeAt(0); c <= m[2]!.charCodeAt(0); c++) {
        const code = String.fromCharCode(c);
        seen.push(code);
        for (const grid of [g2011, g2021]) expect(grid.position(code)?.status, `${grid.id} ${code}`).toBe(statusOf[m[3]!]);
      }
    }
    expect(seen).toEqual(['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H']);
  });

  it('the four criteria carry the generic definitions of article 1.1.2', () => {
    const art = avenant.split('[KALIARTI000044509311]')[1]!.split('--- Article')[0]!;
    for (const grid of [g2011, g2021]) {
      expect(grid.criteria.map((c) => c.id)).toEqual(Object.values(CRITERIA));
      for (const c of grid.criteria) {
        expect(CRITERIA[c.title]).toBe(c.id);
        const after = fold(art.split(`\n${c.title}\n`)[1]!);
        expect(after.startsWith(fold(c.definition.join(' '))), c.id).toBe(true);
      }
    }
  });

  it('has the three levels, and catégorie H has no débutant level (synthesis table)', () => {
    for (const grid of [g2011, g2021]) {
      expect(grid.levels.map((l) => l.id)).toEqual(['debutant', 'maitrisant', 'referent-polyvalent']);
      expect(grid.rules.some((r) => r.kind === 'position-condition' && r.appliesTo.positions?.includes('H'))).toBe(true);
      expect(grid.position('H')!.levels).toEqual(['maitrisant', 'referent-polyvalent']);
    }
    expect(avenant).toMatch(/^H \| - \| H-M \| H-R \|\s*$/m);
    expect(avenant).toMatch(/^G \| G-D \| G-M \| G-R \|\s*$/m);
  });

  it('limits the débutant level to the duration the text gives for each catégorie', () => {
    // In each classification article, a duration met before any catégorie heading covers every
    // catégorie of the article (2.1.1, 2.2.1); one met after a heading covers that catégorie (2.3.x.2).
    const expected = new Map<string, string>();
    for (const art of avenant.split(/^--- Article /m)) {
      const cats = [...art.matchAll(/Définition de la catégorie ([A-H])/g)].map((m) => m[1]!);
      let latest: string | undefined;
      for (const line of art.split('\n')) {
        const cat = /Définition de la catégorie ([A-H])/.exec(line);
        if (cat) latest = cat[1];
        const d = /d'au maximum (\d+) mois/.exec(line);
        if (d) for (const c of latest ? [latest] : cats) expected.set(c, `P${d[1]}M`);
      }
    }
    expect(Object.fromEntries(expected)).toEqual({ A: 'P9M', B: 'P9M', C: 'P9M', D: 'P12M', E: 'P12M', F: 'P18M', G: 'P18M' });
    for (const grid of [g2011, g2021]) {
      for (const code of 'ABCDEFGH') {
        const rules = rulesOfKind(grid.rules, 'entry-period').filter((r) => r.appliesTo.positions?.includes(code));
        expect(rules.map((r) => r.params.max), `${grid.id} ${code}`).toEqual(expected.has(code) ? [expected.get(code)] : []);
        for (const r of rules) {
          expect(r.appliesTo.levels).toEqual(['debutant']);
          expect(r.params.nextLevel).toBe('maitrisant');
        }
      }
    }
  });

  it('keeps the CQP and emploi-repère floors of articles 1.2 and 1.3', () => {
    for (const grid of [g2011, g2021]) {
      const cqp = rulesOfKind(grid.rules, 'level-floor').find((r) => r.when && 'fact' in r.when && r.when.fact === 'cqp')!;
      expect(cqp.when).toEqual({ fact: 'cqp', eq: true });
      expect(cqp.params.minLevel).toBe('maitrisant');
      expect(fold(avenant)).toContain(fold(cqp.text));
      expect(cqp.text).toContain('a minima, le niveau “ maîtrisant ”');
      const floor = grid.rules.find((r) => r.kind === 'benchmark-floor')!;
      expect(floor.text).toContain('ne peut pas être classé à un niveau inférieur');
      // The floor is the benchmark job's own lowest position: the kind says it, no param needed.
      expect(floor.params).toEqual({});
    }
  });
});

// ---------------------------------------------------------------- versions and dates
describe('IDCC 2198 — grid versions', () => {
  it('applies the 2021 grid from the date of article 10, the 2011 grid before', () => {
    const art10 = /Les dispositions du présent accord sont applicables au (\d+)(?:er)? (\p{L}+) (\d{4})\./u.exec(conv.documentText('accord-2021'))!;
    const months = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];
    const date = `${art10[3]}-${String(months.indexOf(art10[2]!) + 1).padStart(2, '0')}-${art10[1]!.padStart(2, '0')}`;
    expect(date).toBe('2021-11-01');
    expect(g2021.effectiveFrom).toBe(date);
    expect(g2021.signed).toBe('2021-06-30');
    expect(g2021.supersedes).toBe('2198-2011');
    expect(conv.grids.map((g) => g.id)).toEqual(['2198-2011', '2198-2021']);
    expect(conv.gridAt('2021-10-31')?.id).toBe('2198-2011');
    expect(conv.gridAt(date)?.id).toBe('2198-2021');
    expect(g2011.signed).toBe('2011-06-24');
    expect(g2011.jobs).toEqual([]);
  });
});
