/**
 * IDCC 3248 (métallurgie): the grid data checked against the text itself. Each test re-reads the KALI extract
 * (texts/sources/3248_…) with its own small parser — the referential of article 60 (six criteria × ten degrees), the
 * table of article 62.1 (cotations → classes → groups), the glossary of annexe 2, the barème of annexe 6 — and compares
 * what it finds with what grids/3248-metallurgie says.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { classify } from '../src/classify/index.js';
import { loadCatalogue } from '../src/grids/catalogue.js';
import { verifyCitations } from '../src/grids/citations.js';
import { conventionalMinimum } from '../src/roster/minimum.js';

const conv = loadCatalogue({ only: ['3248'] }).convention('3248')!;
const grid = conv.grid('3248-2022')!;
const cotation = grid.cotation!;
const text = readFileSync(new URL('../texts/sources/3248_CCN_2022_classification_et_SMH.txt', import.meta.url), 'utf8');
const lines = text.split('\n').map((l) => l.replace(/\u2002/g, ' '));

/** The lines of one article of the extract, by its KALI id. */
function article(id: string): string[] {
  const start = lines.findIndex((l) => l.startsWith('--- Article') && l.includes(`[${id}]`));
  expect(start, id).toBeGreaterThanOrEqual(0);
  const end = lines.findIndex((l, i) => i > start && (l.startsWith('--- Article') || l.startsWith('#')));
  return lines.slice(start + 1, end < 0 ? undefined : end).filter((l) => l.trim() !== '');
}

const cells = (line: string) => line.split(' | ').map((c) => c.replace(/\|\s*$/, '').trim());

describe('IDCC 3248 — article 60: six criteria, ten degrees each', () => {
  const table = article('KALIARTI000046315184');
  const header = cells(table.find((l) => l.startsWith('Critères |'))!).slice(1);
  const degrees = new Map(table.filter((l) => /^Degré \d+ \|/.test(l)).map((l) => [Number(/^Degré (\d+)/.exec(l)![1]), cells(l).slice(1)]));

  it('the text has six criteria and ten degrees; the grid has the same, in the same order', () => {
    expect(header).toHaveLength(6);
    expect([...degrees.keys()].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(cotation.criteria.map((c) => c.title)).toEqual(header);
  });

  it('every degree definition of every criterion is the text’s, word for word', () => {
    cotation.criteria.forEach((c, k) => {
      expect(c.degrees.map((d) => d.degree)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      for (const d of c.degrees) expect(d.text, `${c.fact} ${d.degree}`).toBe(degrees.get(d.degree)![k]);
    });
  });

  it('each criterion is a question whose answers are its ten degrees', () => {
    for (const c of cotation.criteria) {
      const fact = grid.facts.find((f) => f.id === c.fact)!;
      expect(fact.values?.map((v) => v.id)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
      expect(fact.values![4]!.label).toBe(`Degré 5 : ${c.degrees[4]!.text}`);
    }
  });
});

describe('IDCC 3248 — article 61.1: a degree is worth its number, the cotation runs from 6 to 60', () => {
  const body = article('KALIARTI000046315186').join(' ');
  it('the text says so, and the grid sums the degrees over 6 criteria of 1 to 10', () => {
    expect(body).toContain("un nombre de points égal au numéro du degré correspondant, soit une valeur comprise entre 1 et 10");
    expect(body).toContain('comprises entre 6 et 60 points');
    const all = (n: string) => Object.fromEntries(cotation.criteria.map((c) => [c.fact, n]));
    expect(classify(grid, all('1'), { at: '2025-01-01' }).explanation.find((e) => e.code === 'cotation')?.params?.points).toBe(6);
    expect(classify(grid, all('10'), { at: '2025-01-01' }).explanation.find((e) => e.code === 'cotation')?.params?.points).toBe(60);
  });
});

describe('IDCC 3248 — article 62.1: 18 classes in 9 groups', () => {
  const table = article('KALIARTI000046315193').filter((l) => /^\d+ à \d+ \|/.test(l));
  // The group letter is written once per pair of classes (a merged cell), on the upper class.
  const rows = table.map((l) => {
    const [range, cls, group] = cells(l);
    const [min, max] = range!.split(' à ').map(Number) as [number, number];
    return { min, max, cls: Number(cls), group };
  });
  const letter = (cls: number) => rows.find((r) => r.group && (r.cls === cls || r.cls === cls + 1))!.group!;

  it('the text has 18 rows; every range of the grid is the text’s, with the position named by group letter and class number', () => {
    expect(rows).toHaveLength(18);
    const expected = rows.map((r) => ({ min: r.min, max: r.max, position: `${letter(r.cls)}${r.cls}` })).sort((a, b) => a.min - b.min);
    expect(cotation.ranges.map((r) => ({ min: r.min, max: r.max, position: r.position }))).toEqual(expected);
  });

  it('the positions are the 18 classes A1 … I18 in order', () => {
    expect(grid.positions.map((p) => p.code)).toEqual(['A1', 'A2', 'B3', 'B4', 'C5', 'C6', 'D7', 'D8', 'E9', 'E10', 'F11', 'F12', 'G13', 'G14', 'H15', 'H16', 'I17', 'I18']);
  });

  it('article 62.2: groups F to I are cadres, the others are not', () => {
    expect(article('KALIARTI000046315194').join(' ')).toContain('groupes d\'emplois F, G, H et I');
    for (const p of grid.positions) expect(p.status, p.code).toBe(/^[FGHI]/.test(p.code) ? 'cadre' : 'non-cadre');
  });
});

describe('IDCC 3248 — article 61.2: the diploma table is an indication, never a rule', () => {
  it('every row of the table is a note, and no rule reads a diploma held', () => {
    const table = article('KALIARTI000046315187').filter((l) => /^\d \| /.test(l));
    expect(table).toHaveLength(8);
    for (const row of table) expect(grid.notes.some((n) => n.text === row), row).toBe(true);
    expect(article('KALIARTI000046315187').join(' ')).toContain('à titre indicatif');
    // The only diploma rules are those of article 62.5, on the level the job offer required.
    expect(grid.rules.map((r) => r.source.article)).toEqual(['KALIARTI000046315199', 'KALIARTI000046315199']);
  });
});

describe('IDCC 3248 — annexe 2: the glossary of each criterion', () => {
  const body = article('KALIARTI000046314916');
  it('every term of the grid is followed in the text by its definition', () => {
    for (const c of cotation.criteria) {
      expect(c.glossary.length, c.fact).toBeGreaterThan(0);
      for (const g of c.glossary) {
        const i = body.findIndex((l, k) => l === g.term && body[k + 1] === g.definition);
        expect(i, `${c.fact}: ${g.term}`).toBeGreaterThanOrEqual(0);
      }
    }
  });
});

describe('IDCC 3248 — annexe 6: the single scale of annual minima from 2024', () => {
  const table = article('KALIARTI000046314922');
  const scale = conv.wageScales.find((s) => s.id === '3248-2024-01-01')!;

  it('every amount of the 18 classes is the text’s, on an annual basis', () => {
    let group = '';
    const amounts = table
      .map((l) => /^(?:([A-I]) \| )?(\d+) \| ([\d ]+) € \|$/.exec(l))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => {
        group = m[1] ?? group;
        return { position: `${group}${m[2]}`, amount: Number(m[3]!.replace(/ /g, '')) };
      });
    expect(amounts).toHaveLength(18);
    expect(scale.rows.filter((r) => !r.level || r.level === 'hors-debutant').map((r) => ({ position: r.position, amount: r.amount }))).toEqual(amounts);
    expect(scale.basis).toBe('annual');
    expect(article('KALIARTI000046314834').join(' ')).toContain('fixés pour une année civile complète de travail effectif');
  });

  it('the débutants of group F: the three amounts of classes 11 and 12 by seniority in the company', () => {
    const parsed = table
      .map((l) => /^\s*\|?\s*(1[12]) \| ([\d ]+) € \| ([\d ]+) € \| ([\d ]+) € \|$/.exec(l))
      .filter((m): m is RegExpExecArray => m !== null);
    expect(parsed).toHaveLength(2);
    for (const m of parsed) {
      const levels = scale.rows.filter((r) => r.position === `F${m[1]}` && r.level?.startsWith('debutant')).map((r) => r.amount);
      expect(levels).toEqual([m[2], m[3], m[4]].map((a) => Number(a!.replace(/ /g, ''))));
    }
  });

  it('an annual minimum is compared on a month as its twelfth; with the seniority unknown, the lowest débutant amount', () => {
    expect(conventionalMinimum(conv.wageScales, 'B4', undefined, '2025-03-01')?.amount).toBe(1766.67);
    expect(conventionalMinimum(conv.wageScales, 'F11', undefined, '2025-03-01')?.amount).toBe(2208.33);
    expect(conventionalMinimum(conv.wageScales, 'B4', undefined, '2023-12-31')).toBeUndefined();
  });
});

describe('IDCC 3248 — every quote of the folder stands in its text', () => {
  it('no citation is missing', () => {
    expect(verifyCitations(conv)).toEqual([]);
  });
});
