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
import { positionsBetween } from '../src/classify/cotation.js';
import { loadCatalogue } from '../src/grids/catalogue.js';
import { checkCotationCues } from '../src/grids/cotation-cues.js';
import { Grid } from '../src/grids/grid.js';
import { findConvention, gridAt } from '../src/grids/lookup.js';
import { readCotation } from '../src/match/cotation-reading.js';
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

  it('reads a denial only through a `negative` cue, and blanks it for the others', () => {
    expect(readCotation(tiny, 'Poste ouvert sans diplôme.')!.criteria[0]!.read).toEqual({ min: 1, max: 1 });
    expect(readCotation(tiny, 'Vous ne décidez pas des priorités.')!.criteria[1]!.read).toBeNull();
  });

  it('declines, in French and towards the questionnaire, when too few criteria are read', () => {
    const r = readCotation(tiny, 'Une phrase qui ne dit rien du poste.')!;
    expect(r.positions).toEqual([]);
    expect(r.message).toMatch(/trop peu.*0 lu sur 2.*questionnaire/);
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
    it(`${d.id}: declines, or answers at most four classes containing the label's`, () => {
      const r = readCotation(grid, d.text)!;
      const spans = Object.values(d.label).map(bounds);
      const label = positionsBetween(grid.cotation!, spans.reduce((n, s) => n + s.min, 0), spans.reduce((n, s) => n + s.max, 0));
      if (r.positions.length === 0) {
        declined++;
        expect(r.message).toMatch(/questionnaire/);
      } else {
        expect(r.positions.length).toBeLessThanOrEqual(4);
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

  it('answers most of them, narrowly; the degrees read agree with the labels (figures printed)', () => {
    const n = fixture.descriptions.length;
    const mean = widths.reduce((a, b) => a + b, 0) / widths.length;
    console.log(
      `cotation reading (IDCC 3248): ${n} descriptions, ${n - declined} answered (all containing the label), ${declined} declined; ` +
        `mean width ${mean.toFixed(2)} classes of 18; criteria read agreeing with the label ${readAgreeing}/${read}`,
    );
    expect(widths.length + declined).toBe(n);
    expect(widths.length / n).toBeGreaterThanOrEqual(0.75);
    expect(mean).toBeLessThanOrEqual(3.5);
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
