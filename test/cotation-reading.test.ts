/**
 * Description matching by cotation, for a grid with no emplois-repères: the criteria's degrees read in a job
 * description through the lexicon's cues, the sum's range of points and the positions it allows.
 * - the mechanism on a tiny synthetic grid (no convention): spans, `negative` cues, `unsaid`, the highest
 *   requirement read, refusals, the lexicon's load-time check;
 * - IDCC 3248: metallurgy job descriptions labelled by hand from the degree definitions of art. 60
 *   (test/fixtures/cotation-descriptions-3248.yaml, each label reasoned there): the answer's classes contain the
 *   label's, stay at most four classes wide, and the mean width is printed; empty or irrelevant text declines.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { classify } from '../src/classify/classify.js';
import { positionsBetween } from '../src/classify/cotation.js';
import { loadCatalogue } from '../src/grids/catalogue.js';
import { checkCotationCues } from '../src/grids/cotation-cues.js';
import { Grid } from '../src/grids/grid.js';
import { findConvention, gridAt } from '../src/grids/lookup.js';
import { readCotation, thirdPerson } from '../src/match/cotation-reading.js';
import { searchGrid } from '../src/match/grid-search.js';
import { InputError } from '../src/model/input-error.js';
import { grid as gridSchema, lexicon as lexiconSchema, type DegreeSpan } from '../src/model/schema.js';

const synthetic = parse(readFileSync(new URL('./fixtures/cotation.yaml', import.meta.url), 'utf8')) as { grid: unknown };
const gridFile = gridSchema.parse(synthetic.grid);
const lexicon = lexiconSchema.parse({
  cotation: {
    criteria: [
      {
        fact: 'savoir',
        cues: [
          { degrees: 1, patterns: ['\\bnotions\\b'] },
          { degrees: [2, 3], patterns: ['\\bmetier\\b'] },
          { degrees: 3, patterns: ['\\bexpert'] },
          { degrees: 1, negative: true, patterns: ['sans diplome'] },
        ],
      },
      { fact: 'initiative', unsaid: { degrees: [1, 2], comment: 'Rien sur l’initiative : 1 ou 2.' }, cues: [{ degrees: 3, patterns: ['\\bdecide\\b'] }] },
    ],
  },
});
// The general French of descriptions (grids/french.yaml) comes with every grid the catalogue loads.
const french = loadCatalogue({ only: ['3248'] }).conventions[0]!.grids[0]!.lexicon.french;
const tiny = new Grid(gridFile, '0000', null, { ...lexicon, french });

describe('cotation read in a description (synthetic grid)', () => {
  it('gives each criterion the span of its cues and the positions of the sum', () => {
    const r = readCotation(tiny, 'Vous connaissez le métier. Vous décidez des priorités.')!;
    expect(r.criteria.map((c) => [c.fact, c.read])).toEqual([
      ['savoir', { min: 2, max: 3 }],
      ['initiative', { min: 3, max: 3 }],
    ]);
    expect(r.points).toEqual({ min: 5, max: 6 });
    expect(r.positions).toEqual(['Y3']);
    expect(r.statuses).toEqual(['cadre']);
    // The evidence is the user's own line, as written (the second person read as the cues' third).
    expect(r.criteria[1]!.evidence).toEqual(['Vous décidez des priorités.']);
    expect(r.criteria[0]!.definitions.map((d) => d.text)).toEqual(['Savoir technique', 'Savoir expert']);
  });

  it('lets the highest requirement read set the span, widened only by the cues that overlap it', () => {
    const r = readCotation(tiny, 'Quelques notions suffisent au début ; il devient expert du métier.')!;
    expect(r.criteria[0]!.read).toEqual({ min: 2, max: 3 });
  });

  it('counts a criterion the text does not show at its `unsaid` span, saying why', () => {
    const r = readCotation(tiny, 'Il faut quelques notions de base.')!;
    expect(r.criteria[1]).toMatchObject({ read: null, counted: { min: 1, max: 2 }, assumed: 'Rien sur l’initiative : 1 ou 2.' });
    expect(r.points).toEqual({ min: 2, max: 3 });
    expect(r.positions).toEqual(['X1']);
  });

  it('counts a criterion not read near the degrees read on the others (`unreadNear`), and between that and `unsaid` when they disagree', () => {
    const cues = (unsaid: boolean) =>
      lexiconSchema.parse({
        cotation: {
          unreadNear: { degrees: 0, comment: 'Compté comme les autres.' },
          criteria: [
            { fact: 'savoir', cues: [{ degrees: 3, patterns: ['\\bexpert'] }] },
            { fact: 'initiative', ...(unsaid ? { unsaid: { degrees: [1, 2], comment: 'Rien sur l’initiative.' } } : {}), cues: [{ degrees: 3, patterns: ['\\bdecide\\b'] }] },
          ],
        },
      });
    const near = readCotation(new Grid(gridFile, '0000', null, { ...cues(false), french }), 'Un expert du domaine.')!;
    expect(near.criteria[1]).toMatchObject({ read: null, counted: { min: 3, max: 3 }, assumed: 'Compté comme les autres.' });
    expect(near.positions).toEqual(['Y3']);
    const between = readCotation(new Grid(gridFile, '0000', null, { ...cues(true), french }), 'Un expert du domaine.')!;
    expect(between.criteria[1]).toMatchObject({ counted: { min: 2, max: 3 }, assumed: 'Rien sur l’initiative. Compté comme les autres.' });
  });

  it('reads a fiche’s infinitive as the third person of the cues, except the words grids/french.yaml says are none (`notInfinitives`)', () => {
    const text = 'Mission : decider des priorités.';
    expect(readCotation(tiny, text)!.criteria[1]!.read).toEqual({ min: 3, max: 3 });
    const listed = new Grid(gridFile, '0000', null, { ...lexicon, french: { ...french!, notInfinitives: ['decider'] } });
    expect(readCotation(listed, text)!.criteria[1]!.read).toBeNull();
  });

  it('reads a denial only through a `negative` cue, and blanks it for the others', () => {
    expect(readCotation(tiny, 'Poste ouvert sans diplôme.')!.criteria[0]!.read).toEqual({ min: 1, max: 1 });
    expect(readCotation(tiny, 'Vous ne décidez pas des priorités.')!.criteria[1]!.read).toBeNull();
  });

  it('declines, in French and towards the questionnaire, only when no criterion is read', () => {
    const r = readCotation(tiny, 'Une phrase qui ne dit rien du poste.')!;
    expect(r.positions).toEqual([]);
    expect(r.classes).toEqual([]);
    expect(r.message).toMatch(/ne dit rien.*0 lu sur 2.*questionnaire/);
  });

  it('answers a wider range rather than declining when few criteria are read, and says how wide', () => {
    // One criterion read of two: the other counts its `unsaid` span.
    const r = readCotation(tiny, 'Il devient expert du domaine.')!;
    expect(r.criteria.map((c) => [c.fact, c.read, c.counted])).toEqual([
      ['savoir', { min: 3, max: 3 }, { min: 3, max: 3 }],
      ['initiative', null, { min: 1, max: 2 }],
    ]);
    expect(r.points).toEqual({ min: 4, max: 5 });
    expect(r.positions).toEqual(['X2', 'Y3']);
    // Each class of the answer comes with its row of the table of ranges, cited.
    expect(r.classes.map((c) => [c.position, c.min, c.max, c.source.quote])).toEqual([
      ['X2', 4, 4, '4 points'],
      ['Y3', 5, 6, '5 à 6'],
    ]);
    expect(r.message).toMatch(/2 classes sur 3/);
  });

  it('widens a criterion read far from the others (`readApart`) toward them, saying why', () => {
    const three = gridSchema.parse({
      ...(synthetic.grid as object),
      facts: [...gridFile.facts, { id: 'portee', type: 'enum', question: 'Quelle portée ?' }],
      cotation: {
        ...gridFile.cotation!,
        criteria: [...gridFile.cotation!.criteria, { ...gridFile.cotation!.criteria[1]!, fact: 'portee', title: 'Portée' }],
        ranges: [
          { min: 3, max: 5, position: 'X1', source: { doc: 'synthetic', quote: '3 à 5' } },
          { min: 6, max: 7, position: 'X2', source: { doc: 'synthetic', quote: '6 à 7' } },
          { min: 8, max: 9, position: 'Y3', source: { doc: 'synthetic', quote: '8 à 9' } },
        ],
      },
    });
    const cues = lexiconSchema.parse({
      cotation: {
        readApart: { degrees: 1, comment: 'Loin des autres critères lus.' },
        criteria: [
          { fact: 'savoir', cues: [{ degrees: 1, patterns: ['\\bnotions\\b'] }] },
          { fact: 'initiative', cues: [{ degrees: 3, patterns: ['\\bdecide\\b'] }] },
          { fact: 'portee', cues: [{ degrees: 3, patterns: ['\\bentreprise\\b'] }] },
        ],
      },
    });
    const r = readCotation(new Grid(three, '0000', null, { ...cues, french }), 'Quelques notions. Il décide des priorités pour toute l’entreprise.')!;
    // « notions » says 1, the two others 3: counted 1 to 2 (within one degree of them), not a narrow 1.
    expect(r.criteria[0]).toMatchObject({ read: { min: 1, max: 1 }, counted: { min: 1, max: 2 }, widened: 'Loin des autres critères lus.' });
    expect(r.criteria[1]!.widened).toBeUndefined();
    expect(r.points).toEqual({ min: 7, max: 8 });
    expect(r.positions).toEqual(['X2', 'Y3']);
  });

  it('applies a floor of the grid whose condition the text states, with the lines and the rule cited', () => {
    const withFloor = gridSchema.parse({
      ...(synthetic.grid as object),
      facts: [
        ...gridFile.facts,
        { id: 'titre', type: 'enum', question: 'Un titre est-il exigé ?', values: [{ id: 'aucun', label: 'Non' }, { id: 'oui', label: 'Oui', cues: ['\\btitre exige\\b'] }] },
      ],
      rules: [{ id: 'titre-y3', kind: 'diploma-floor', text: 'Le titre exigé place au moins en Y3.', params: { minPosition: 'Y3' }, when: { fact: 'titre', eq: 'oui' }, source: { doc: 'synthetic', quote: 'au moins en Y3' } }],
    });
    const g = new Grid(withFloor, '0000', null, { ...lexicon, french });
    const r = readCotation(g, 'Quelques notions suffisent. Titre exigé.')!;
    expect(r.points.max).toBeLessThan(5); // the cotation alone stays below Y3
    expect(r.floors).toEqual([{ rule: 'titre-y3', text: 'Le titre exigé place au moins en Y3.', position: 'Y3', evidence: ['Titre exigé.'], source: { doc: 'synthetic', quote: 'au moins en Y3' } }]);
    expect(r.positions).toEqual(['Y3']);
    expect(r.message).toMatch(/Y3/);
    // Unstated, the floor is not applied.
    expect(readCotation(g, 'Quelques notions suffisent.')!.floors).toEqual([]);
  });

  it('a floor binds the positions of its own ladder only: one on a parallel track leaves the cotation’s positions as they are', () => {
    const base = synthetic.grid as { tracks: object[]; positions: object[] };
    const parallel = gridSchema.parse({
      ...base,
      tracks: [...base.tracks, { id: 'autre', title: 'Échelle parallèle', source: { doc: 'synthetic', quote: 'échelle parallèle' } }],
      positions: [...base.positions, { code: 'Z2', status: 'non-cadre', track: 'autre', rank: 2, source: { doc: 'synthetic', quote: 'classe Z2' } }],
      facts: [
        ...gridFile.facts,
        { id: 'titre', type: 'enum', question: 'Un titre est-il exigé ?', values: [{ id: 'aucun', label: 'Non' }, { id: 'oui', label: 'Oui', cues: ['\\btitre exige\\b'] }] },
        { id: 'brevet', type: 'enum', question: 'Un brevet est-il exigé ?', values: [{ id: 'aucun', label: 'Non' }, { id: 'oui', label: 'Oui', cues: ['\\bbrevet exige\\b'] }] },
      ],
      rules: [
        { id: 'titre-z2', kind: 'diploma-floor', text: 'Le titre exigé place au moins en Z2.', params: { minPosition: 'Z2' }, when: { fact: 'titre', eq: 'oui' }, source: { doc: 'synthetic', quote: 'au moins en Z2' } },
        { id: 'brevet-x2', kind: 'diploma-floor', text: 'Le brevet exigé place au moins en X2.', params: { minPosition: 'X2' }, when: { fact: 'brevet', eq: 'oui' }, source: { doc: 'synthetic', quote: 'au moins en X2' } },
      ],
    });
    const g = new Grid(parallel, '0000', null, { ...lexicon, french });
    const alone = readCotation(g, 'Quelques notions suffisent.')!;
    const r = readCotation(g, 'Quelques notions suffisent. Titre exigé.')!;
    expect(r.floors.map((f) => f.position)).toEqual(['Z2']);
    // Z2's rank (2) is above X1's (1), but on another ladder: it does not raise the answer.
    expect(r.positions).toEqual(alone.positions);
    // A floor of the cotation's own ladder still does.
    expect(readCotation(g, 'Quelques notions suffisent. Brevet exigé.')!.positions).toEqual(['X2']);
  });

  it('refuses at load a cue naming an unknown criterion, a degree off the scale, or a bad pattern', () => {
    const bad = lexiconSchema.parse({
      cotation: {
        criteria: [
          { fact: 'savoir', cues: [{ degrees: [2, 4], patterns: ['(x'] }] },
          { fact: 'talent', cues: [{ degrees: 1, patterns: ['x+'] }] },
        ],
      },
    });
    const problems = checkCotationCues(bad.cotation!, gridFile, (path) => path.length);
    expect(problems.map((p) => p.path)).toEqual(['cotation.criteria.0.cues.0.degrees', 'cotation.criteria.0.cues.0.patterns.0', 'cotation.criteria.1.fact']);
    expect(problems[0]!.message).toContain('hors de l');
    expect(problems[2]!.message).toContain('talent');
  });
});

interface Labelled {
  id: string;
  text: string;
  label: Record<string, DegreeSpan>;
}
const fixture = parse(readFileSync(new URL('./fixtures/cotation-descriptions-3248.yaml', import.meta.url), 'utf8')) as { descriptions: Labelled[]; refusals: { id: string; text: string }[] };
const catalogue = loadCatalogue({ only: ['3248', '3168'] });
const conv = findConvention(catalogue, '3248');
const grid = gridAt(conv, '2025-01-01');
const bounds = (s: DegreeSpan) => (typeof s === 'number' ? { min: s, max: s } : { min: s[0], max: s[1] });

describe('IDCC 3248: metallurgy job descriptions labelled from the degree definitions', () => {
  it('has at least 15 labelled descriptions, each labelling every criterion of the grid', () => {
    expect(fixture.descriptions.length).toBeGreaterThanOrEqual(15);
    const facts = grid.cotation!.criteria.map((c) => c.fact).sort();
    for (const d of fixture.descriptions) expect(Object.keys(d.label).sort(), d.id).toEqual(facts);
  });

  const widths: number[] = [];
  let declined = 0;
  let read = 0;
  let readAgreeing = 0;
  for (const d of fixture.descriptions) {
    it(`${d.id}: answers classes containing the label's, saying when the range is wide`, () => {
      const r = readCotation(grid, d.text)!;
      const spans = Object.values(d.label).map(bounds);
      const label = positionsBetween(grid.cotation!, spans.reduce((n, s) => n + s.min, 0), spans.reduce((n, s) => n + s.max, 0));
      if (r.positions.length === 0) {
        declined++;
        expect(r.message).toMatch(/questionnaire/);
      } else {
        // A range wider than four classes is said to be wide, with its width.
        if (r.positions.length > 4) expect(r.message).toMatch(new RegExp(`fourchette est large \\(${r.positions.length} classes sur 18\\)`));
        expect(r.positions, r.message).toEqual(expect.arrayContaining(label));
        widths.push(r.positions.length);
      }
      for (const c of r.criteria) {
        if (!c.read) continue;
        read++;
        const l = bounds(d.label[c.fact]!);
        if (c.read.max >= l.min && c.read.min <= l.max) readAgreeing++;
        // Every line cited is the user's own.
        for (const line of c.evidence) expect(d.text.replace(/\s+/g, ' ')).toContain(line);
      }
    });
  }

  it('answers all of them, all containing the label, 3.7 classes wide at most on average; the degrees read agree with the labels (figures printed)', () => {
    const n = fixture.descriptions.length;
    const mean = widths.reduce((a, b) => a + b, 0) / widths.length;
    console.log(
      `cotation reading (IDCC 3248): ${n} descriptions, ${n - declined} answered (all containing the label), ${declined} declined; ` +
        `mean width ${mean.toFixed(2)} classes of 18; criteria read agreeing with the label ${readAgreeing}/${read}`,
    );
    expect(widths.length + declined).toBe(n);
    expect(declined).toBe(0);
    expect(mean).toBeLessThanOrEqual(3.7);
    expect(readAgreeing / read).toBeGreaterThanOrEqual(0.9);
  });

  for (const d of fixture.refusals) {
    it(`${d.id}: declines and sends the user to the questionnaire`, () => {
      const r = readCotation(grid, d.text)!;
      expect(r.positions).toEqual([]);
      expect(r.message).toMatch(/questionnaire/);
    });
  }

  it('quotes each degree definition counted as the grid states it', () => {
    const r = readCotation(grid, fixture.descriptions.find((d) => d.id === 'soudeur')!.text)!;
    for (const c of r.criteria) {
      const degrees = grid.cotation!.criteria.find((k) => k.fact === c.fact)!.degrees;
      expect(c.definitions.map((d) => d.degree)).toEqual(degrees.filter((d) => d.degree >= c.counted.min && d.degree <= c.counted.max).map((d) => d.degree));
      for (const d of c.definitions) expect(d.source.quote).toBe(degrees.find((k) => k.degree === d.degree)!.text);
    }
  });
});

/**
 * Worked cases from the text of IDCC 3248 (texts/sources/3248_CCN_2022_classification_et_SMH.txt): a description →
 * the degrees read with the user's lines → the range of points → the classes, each class with its row of the table of
 * art. 62.1, and the floors of art. 62.5 read as facts (« lorsque l'offre d'emploi mentionne l'exigence d'un diplôme
 * … de niveau 5 … relève au moins de la classe d'emplois C6 », « … de niveau 7 … au moins de la classe d'emplois
 * F11 »), never the mere holding of a diploma (« la détention d'un niveau de diplôme … ne crée pas de droit à un
 * classement minimal »). The descriptions are written here, not taken from an evaluation set.
 */
describe('IDCC 3248: worked cases from the text (art. 60, 61.2, 62.1, 62.5)', () => {
  const text = readFileSync(new URL('../texts/sources/3248_CCN_2022_classification_et_SMH.txt', import.meta.url), 'utf8');
  const offer = (diploma: string) =>
    `Contrôleur qualité réception H/F – ${diploma}. Vous contrôlez les pièces livrées selon les gammes de contrôle, enregistrez les mesures et signalez les écarts à votre responsable.`;

  it('reads each degree with its lines, sums them, and cites the row of art. 62.1 of every class it gives', () => {
    const r = readCotation(grid, offer('CAP exigé'))!;
    const byFact = Object.fromEntries(r.criteria.map((c) => [c.fact, c]));
    // « gammes de contrôle »: « mise en œuvre de modes opératoires répertoriés » (degré 3 de la complexité).
    expect(byFact.complexite!.read!.max).toBeGreaterThanOrEqual(3);
    expect(byFact.complexite!.evidence.join(' ')).toContain('gammes de contrôle');
    // « CAP exigé »: art. 61.2, à titre indicatif, niveau 3 (CAP, BEP) → degré 3; a level-3 requirement sets no floor.
    expect(byFact.connaissances!.read).toEqual({ min: 3, max: 3 });
    expect(r.points.min).toBe(r.criteria.reduce((n, c) => n + c.counted.min, 0));
    expect(r.positions).toEqual(positionsBetween(grid.cotation!, r.points.min, r.points.max));
    for (const c of r.classes) {
      expect(c.source.article).toBe('KALIARTI000046315193');
      expect(text).toContain(c.source.quote);
      expect(c.source.quote.startsWith(`${c.min} à ${c.max} | ${c.position.slice(1)} |`)).toBe(true);
    }
    expect(r.floors).toEqual([]);
  });

  it('an offer requiring a level-5 diploma (« BTS exigé ») is at least C6, cited, as the questionnaire answers it', () => {
    const r = readCotation(grid, offer('BTS exigé'))!;
    expect(r.points.max).toBeLessThan(22); // the cotation alone stays under C6 (22 à 24)
    expect(r.floors.map((f) => [f.rule, f.position, f.source.article, f.source.quote])).toEqual([['offre-niveau-5-c6', 'C6', 'KALIARTI000046315199', "relève au moins de la classe d'emplois C6"]]);
    expect(text).toContain(r.floors[0]!.text);
    expect(r.floors[0]!.evidence[0]).toContain('BTS exigé');
    expect(r.positions).toEqual(['C6']);
    expect(r.message).toMatch(/C6/);
    // The questionnaire applies the same rule to the same fact.
    const q = classify(grid, { complexite: '3', connaissances: '3', autonomie: '3', contribution: '2', encadrement: '2', communication: '2', offerRequiredLevel: 'niveau-5' }, { at: '2025-01-01' });
    expect(q.positions).toEqual(['C6']);
    expect(q.explanation.find((e) => e.code === 'floor')?.params.rule).toBe(r.floors[0]!.rule);
  });

  it('a level-7 requirement (« diplôme d’ingénieur exigé », « bac+5 obligatoire ») is at least F11', () => {
    for (const diploma of ["Diplôme d'ingénieur exigé", 'Bac+5 obligatoire']) {
      const r = readCotation(grid, offer(diploma))!;
      expect(r.floors.map((f) => f.position), diploma).toEqual(['F11']);
      expect(r.positions, diploma).toEqual(['F11']);
    }
  });

  it('a diploma preferred, or « ou équivalent », or merely held, gives no floor (art. 62.5: the offer must require it)', () => {
    for (const diploma of ['BTS apprécié', 'BTS ou expérience équivalente', 'BTS souhaité', 'Titulaire d’un BTS']) {
      const r = readCotation(grid, offer(diploma))!;
      expect(r.floors, diploma).toEqual([]);
      expect(r.positions[0], diploma).not.toBe('C6');
    }
  });

  it('reads a fiche written in infinitives (Mission / Activités) as the job’s own duties', () => {
    const r = readCotation(grid, 'Mission : garantir la disponibilité des équipements.\nActivités : encadrer 8 techniciens, conduire leurs entretiens annuels, définir le plan de maintenance préventive.')!;
    const byFact = Object.fromEntries(r.criteria.map((c) => [c.fact, c]));
    // « Encadrement hiérarchique d'une équipe de travail incluant l'appréciation individuelle » (degré 6).
    expect(byFact.encadrement!.read).toEqual({ min: 6, max: 6 });
    expect(byFact.encadrement!.evidence[0]).toContain('encadrer 8 techniciens');
    expect(byFact.complexite!.read!.max).toBeGreaterThanOrEqual(6);
  });

  it('does not read the company, its size or the question asked as the job', () => {
    const r = readCotation(grid, 'Bonjour, sous-traitant automobile (300 salariés), nous cherchons un agent de conditionnement : emballe les pièces selon la fiche d’emballage. Merci de me dire dans quelle classe le mettre.')!;
    const byFact = Object.fromEntries(r.criteria.map((c) => [c.fact, c]));
    expect(byFact.communication!.read).toBeNull();
    expect(byFact.contribution!.read).toBeNull();
    expect(byFact.complexite!.read!.min).toBe(1);
    expect(r.positions[0]).toBe('A1');
  });

  it('reads the job, not the qualities asked of the person (« vous êtes autonome et rigoureux », « esprit d’équipe »)', () => {
    const person = readCotation(grid, 'Vous réalisez l’emballage des pièces. Profil : vous êtes autonome et rigoureux, esprit d’équipe.')!;
    expect(person.criteria.find((c) => c.fact === 'autonomie')!.read).toBeNull();
    expect(person.criteria.find((c) => c.fact === 'encadrement')!.read).toBeNull();
    const job = readCotation(grid, 'Vous réalisez l’emballage des pièces. Vous intervenez en autonomie.')!;
    expect(job.criteria.find((c) => c.fact === 'autonomie')!.read).toEqual({ min: 4, max: 5 });
  });
});

describe('searchGrid on a grid without emplois-repères', () => {
  const text = fixture.descriptions.find((d) => d.id === 'technicien-maintenance')!.text;

  it('answers a description by the cotation, with no job', () => {
    const a = searchGrid(grid, text);
    expect(a.mode).toBe('description');
    expect(a.results).toEqual([]);
    expect(a.uncertain).toBe(true);
    expect(a.byCotation!.positions.length).toBeGreaterThan(0);
  });

  it('reads a bare title too, and declines it', () => {
    expect(searchGrid(grid, 'Soudeur').byCotation!.positions).toEqual([]);
  });

  it('leaves the cotation out of an explicit title search, and refuses an empty text', () => {
    expect(searchGrid(grid, 'Soudeur', { mode: 'title' }).byCotation).toBeUndefined();
    expect(() => searchGrid(grid, '  ')).toThrow(InputError);
  });

  it('leaves grids with emplois-repères as they were', () => {
    const other = gridAt(findConvention(catalogue, '3168'), '2025-01-01');
    expect(searchGrid(other, text).byCotation).toBeUndefined();
  });
});

describe('an infinitive read in the third person, as the cues are written', () => {
  it.each([
    ['definir', 'definit'],
    ['maintenir', 'maintient'],
    ['conduire', 'conduit'],
    ['encadrer', 'encadre'],
    ['resoudre', 'resout'],
    ['ouvrir', 'ouvre'],
    ['accueillir', 'accueille'],
    ['offrir', 'offre'],
    ['partir', 'part'],
    ['servir', 'sert'],
    ['desservir', 'dessert'],
    ['parcourir', 'parcourt'],
    ['consentir', 'consent'],
    // The second group's, whatever they look like: répartir (accents folded), assortir, sertir.
    ['repartir', 'repartit'],
    ['assortir', 'assortit'],
    ['sertir', 'sertit'],
  ])('%s → %s', (verb, third) => expect(thirdPerson(verb)).toBe(third));
});
