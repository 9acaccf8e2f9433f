/**
 * Minimum wages (grids/<idcc>-<slug>/wages.yaml, law/smic.yaml) checked against the texts themselves.
 *
 * The test re-reads the KALI salary extracts with its own small parsers (the `coefficient | montant |`
 * lines of 3168 and 1431, the `Catégorie X | … |` / `Mensuel | … |` pairs of 2198) and compares every
 * scale with what it finds in the article the scale cites; it also checks the quotes, the dates, the
 * positions against the grids, and the SMIC table against its formula and FACTS.md.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadCatalogue, PACKAGE_ROOT } from '../src/grids/catalogue.js';
import { smicFile, wagesFile, type WageScale } from '../src/model/wages.js';

const catalogue = loadCatalogue({ only: ['3168', '1431', '2198'] });

const FOLDERS = {
  '3168': 'grids/3168-photographie',
  '1431': 'grids/1431-optique-lunetterie',
  '2198': 'grids/2198-commerce-a-distance',
} as const;
type Idcc = keyof typeof FOLDERS;
const IDCCS = Object.keys(FOLDERS) as Idcc[];

/**
 * Documents cited by the wage files that convention.yaml may not declare yet: the 2198 salary text
 * (to be declared as `salaires-2198`). Declared documents always win over this list.
 */
const PENDING_DOCS: Record<string, string> = {
  'salaires-2198': 'texts/sources/2198_salaires_2019_a_sept_2023.txt',
};

const read = (rel: string) => readFileSync(join(PACKAGE_ROOT, rel), 'utf8');
const fold = (s: string) => s.normalize('NFC').replace(/\u00ad/g, '').replace(/\s+/g, ' ').trim();

/** The scales of a wages.yaml; none when the file does not validate (the schema test then says why). */
function wagesOf(idcc: Idcc): WageScale[] {
  return wagesFile.safeParse(parse(read(`${FOLDERS[idcc]}/wages.yaml`))).data?.scales ?? [];
}

function docFile(idcc: Idcc, doc: string): string {
  const declared = catalogue.convention(idcc)!.documents.find((d) => d.id === doc);
  const file = declared?.file ?? PENDING_DOCS[doc];
  if (!file) throw new Error(`IDCC ${idcc} : document inconnu ${doc}`);
  return file;
}

/** A KALI extract cut into its articles (lines after `--- Article … [KALIARTI…]`) and their accords (`## …`). */
interface Extract {
  whole: string;
  articles: Map<string, string[]>;
  /** The whole `## …` section (one accord or avenant) that holds each article. */
  accords: Map<string, string>;
}

const extracts = new Map<string, Extract>();
function extract(file: string): Extract {
  let ex = extracts.get(file);
  if (ex) return ex;
  const whole = read(file);
  const articles = new Map<string, string[]>();
  const accords = new Map<string, string>();
  for (const section of whole.split(/^(?=## )/m)) {
    let current: string[] | null = null;
    for (const line of section.split('\n')) {
      const m = /^--- Article.*\[(KALIARTI\d{12})\]/.exec(line);
      if (m) {
        current = [];
        articles.set(m[1]!, current);
        accords.set(m[1]!, section);
      } else if (line.startsWith('### ')) {
        current = null;
      } else if (current) {
        current.push(line);
      }
    }
  }
  ex = { whole, articles, accords };
  extracts.set(file, ex);
  return ex;
}

function articleLines(idcc: Idcc, doc: string, article: string): string[] {
  const lines = extract(docFile(idcc, doc)).articles.get(article);
  if (!lines) throw new Error(`${doc} : article ${article} introuvable`);
  return lines;
}

/** "1 622" → 1622, "1 540,00 €" → 1540, "1 521,22" → 1521.22. */
const euros = (s: string) => Number(s.replace(/[\s€]/g, '').replace(',', '.'));
/** 1622 → "1 622", 1521.22 → "1 521,22": the amount as the tables write it. */
function written(amount: number): string {
  const [int, dec] = amount.toFixed(2).split('.') as [string, string];
  const grouped = int.replace(/\B(?=(\d{3})+$)/g, ' ');
  return dec === '00' ? grouped : `${grouped},${dec}`;
}

interface Row {
  position: string;
  level?: string;
  amount: number;
}
const key = (r: Row) => `${r.position}/${r.level ?? ''}`;
const sorted = (rows: Row[]) =>
  rows.map((r) => (r.level ? { position: r.position, level: r.level, amount: r.amount } : { position: r.position, amount: r.amount })).sort((a, b) => key(a).localeCompare(key(b)));

/** 3168 and 1431: a cell holding a coefficient, then one or more amount cells; the last amount is the minimum (3168, 2018: "Salaire | Proposition"). */
function coefficientRows(lines: string[]): Row[] {
  const rows: Row[] = [];
  for (const line of lines) {
    const cells = fold(line).split('|').map((c) => c.trim()).filter((c) => c !== '');
    const at = cells.findIndex((c) => /^\d{3}$/.test(c));
    if (at < 0) continue;
    const amounts: string[] = [];
    for (const c of cells.slice(at + 1)) {
      if (!/^\d \d{3}(?:,\d{2})?(?: €)?$/.test(c)) break;
      amounts.push(c);
    }
    if (amounts.length > 0) rows.push({ position: cells[at]!, amount: euros(amounts.at(-1)!) });
  }
  return rows;
}

/** 1431, accord de 2015: "les salariés classés au coefficient 150 bénéficient du salaire minimum applicable au coefficient 160". */
function coefficientRedirects(lines: string[]): [from: string, to: string][] {
  return [...fold(lines.join(' ')).matchAll(/salariés classés au coefficient (\d{3}) bénéficient du salaire minimum applicable au coefficient (\d{3})/g)].map(
    (m) => [m[1]!, m[2]!],
  );
}

/** 2198: "Catégorie A | Débutant | Maîtrisant | Référent/Polyvalent |" then "Mensuel | 1 748 | 1 783 | 1 853 |"; header names give the level. */
function categoryRows(lines: string[]): Row[] {
  const rows: Row[] = [];
  lines.forEach((line, i) => {
    const head = /^Catégorie ([A-H]) \|(.*)$/.exec(line.trim());
    const next = lines[i + 1]?.trim() ?? '';
    if (!head || !next.startsWith('Mensuel |')) return;
    const names = head[2]!.split('|').map((c) => c.trim());
    const values = next.slice('Mensuel |'.length).split('|').map((c) => c.trim());
    names.forEach((name, k) => {
      const value = values[k];
      if (!name || !value) return;
      const level = /^D[ée]butant/i.test(name) ? 'debutant' : /^Ma[îi]trisant/i.test(name) ? 'maitrisant' : /^R[ée]f[ée]rent/i.test(name) ? 'referent-polyvalent' : undefined;
      if (!level) throw new Error(`niveau inconnu : ${name}`);
      rows.push({ position: head[1]!, level, amount: euros(value) });
    });
  });
  return rows;
}

/** What the cited article's table says, read from the text. */
function tableOf(idcc: Idcc, scale: WageScale): Row[] {
  const lines = articleLines(idcc, scale.source.doc, scale.source.article!);
  if (idcc === '2198') return categoryRows(lines);
  const rows = coefficientRows(lines);
  if (idcc === '1431') {
    // Rows that the same accord's other articles attach to another coefficient's minimum (2015).
    const accord = extract(docFile(idcc, scale.source.doc)).accords.get(scale.source.article!)!;
    for (const [from, to] of coefficientRedirects(accord.split('\n'))) {
      const target = rows.find((r) => r.position === to);
      if (target && !rows.some((r) => r.position === from)) rows.push({ position: from, amount: target.amount });
    }
  }
  return rows;
}

/** Positions a scale may leave out, with the reason. */
const ABSENT: Partial<Record<Idcc, string[]>> = {
  // Removed by the accord du 13 janvier 2011 (holders requalified at 110 and 130): no later scale lists them.
  '1431': ['100', '120'],
};

/** The grid each scale must name (see the brief and FACTS.md). */
function expectedGrid(idcc: Idcc, from: string): string {
  if (idcc === '3168') return from < '2024-03-11' ? '3168-2009' : '3168-2024';
  if (idcc === '1431') return '1431-1986';
  return from < '2021-11-01' ? '2198-2011' : '2198-2021';
}

describe('wage scales: files and schema', () => {
  for (const idcc of IDCCS) {
    it(`IDCC ${idcc}: wages.yaml validates against wagesFile`, () => {
      const result = wagesFile.safeParse(parse(read(`${FOLDERS[idcc]}/wages.yaml`)));
      expect(result.error?.issues ?? []).toEqual([]);
    });

    it(`IDCC ${idcc}: ids and effective dates are distinct, scales listed oldest first`, () => {
      const scales = wagesOf(idcc);
      expect(scales.length).toBeGreaterThan(0);
      const dates = scales.map((s) => s.effectiveFrom);
      expect(new Set(dates).size).toBe(dates.length);
      expect(new Set(scales.map((s) => s.id)).size).toBe(scales.length);
      expect(dates).toEqual([...dates].sort());
      for (const s of scales) expect(s.id.startsWith(`${idcc}-`)).toBe(true);
    });
  }
});

describe('wage scales: amounts are the texts’ tables', () => {
  for (const idcc of IDCCS) {
    for (const scale of wagesOf(idcc)) {
      it(`${scale.id}: every row equals the table of ${scale.source.article}`, () => {
        const table = tableOf(idcc, scale);
        expect(table.length).toBeGreaterThan(0);
        expect(sorted(scale.rows)).toEqual(sorted(table));
      });

      it(`${scale.id}: amounts are monthly for 151,67 hours`, () => {
        const accord = fold(extract(docFile(idcc, scale.source.doc)).accords.get(scale.source.article!) ?? '');
        expect(accord).toMatch(/151, ?67 heures|151 h 67/);
        expect(accord).toMatch(/minima mensuels|travail mensuel|mensuelles brutes minimales/);
      });
    }
  }
});

describe('wage scales: the figures of FACTS.md', () => {
  const at = (idcc: Idcc, from: string) => {
    const scale = wagesOf(idcc).find((s) => s.effectiveFrom === from);
    expect(scale, `${idcc} : pas de barème au ${from}`).toBeDefined();
    return scale!;
  };
  const amount = (scale: WageScale, position: string, level?: string) =>
    scale.rows.find((r) => r.position === position && r.level === level)?.amount;

  it('3168: avenant du 31 janvier 2022, from 1 February 2022, 150 → 1 622 € … 450 → 4 024 €, latest scale', () => {
    const s = at('3168', '2022-02-01');
    expect(amount(s, '150')).toBe(1622);
    expect(amount(s, '450')).toBe(4024);
    expect(wagesOf('3168').at(-1)!.effectiveFrom).toBe('2022-02-01');
    expect(s.title).toContain('31 janvier 2022');
  });

  it('1431: accord du 17 mars 2022, from 1 August 2022, 110 → 1 615 € … 380 → 3 290 €, latest scale', () => {
    const s = at('1431', '2022-08-01');
    expect(amount(s, '110')).toBe(1615);
    expect(amount(s, '380')).toBe(3290);
    expect(wagesOf('1431').at(-1)!.effectiveFrom).toBe('2022-08-01');
    expect(s.title).toContain('17 mars 2022');
  });

  it('2198: accord du 29 juin 2023, from 1 September 2023, A débutant 1 748 € … H référent 4 584 €, latest scale', () => {
    const s = at('2198', '2023-09-01');
    expect(amount(s, 'A', 'debutant')).toBe(1748);
    expect(amount(s, 'H', 'referent-polyvalent')).toBe(4584);
    expect(wagesOf('2198').at(-1)!.effectiveFrom).toBe('2023-09-01');
    expect(s.title).toContain('29 juin 2023');
  });

  it('the scale in force on 1 January 2019 is there for 3168 and 1431 (2198 starts on 1 July 2019)', () => {
    for (const idcc of ['3168', '1431'] as const) {
      expect(wagesOf(idcc).some((s) => s.effectiveFrom <= '2019-01-01'), idcc).toBe(true);
    }
    expect(wagesOf('2198')[0]!.effectiveFrom).toBe('2019-07-01');
  });
});

describe('wage scales: every quote stands in its article', () => {
  for (const idcc of IDCCS) {
    for (const scale of wagesOf(idcc)) {
      it(`${scale.id}: scale, row and level-factor quotes`, () => {
        const missing: string[] = [];
        const check = (what: string, src: { doc: string; article?: string | undefined; quote: string }) => {
          const haystack = src.article ? articleLines(idcc, src.doc, src.article).join('\n') : extract(docFile(idcc, src.doc)).whole;
          if (!fold(haystack).includes(fold(src.quote))) missing.push(`${what}: ${src.quote}`);
        };
        check('scale', scale.source);
        scale.levelFactors.forEach((f) => check(`levelFactors.${f.level}`, f.source));
        for (const row of scale.rows) {
          expect(row.source, `${key(row)} sans source`).toBeDefined();
          check(`rows.${key(row)}`, row.source!);
        }
        expect(missing).toEqual([]);
      });

      it(`${scale.id}: each table-line quote names the row's position and amount`, () => {
        for (const row of scale.rows) {
          const quote = fold(row.source!.quote);
          if (!quote.includes('|')) {
            // A sentence, not a table line (1431, 2015: a coefficient attached to another's minimum).
            expect(quote).toContain(`coefficient ${row.position} `);
            continue;
          }
          expect(quote, key(row)).toContain(idcc === '2198' ? `Catégorie ${row.position} |` : `${row.position} |`);
          expect(quote, key(row)).toContain(written(row.amount));
        }
      });
    }
  }
});

describe('wage scales: positions exist in the named grid', () => {
  for (const idcc of IDCCS) {
    const conv = catalogue.convention(idcc)!;
    for (const scale of wagesOf(idcc)) {
      it(`${scale.id}: grid ${scale.grid}, every position and level, and nothing missing`, () => {
        expect(scale.grid).toBe(expectedGrid(idcc, scale.effectiveFrom));
        const grid = conv.grid(scale.grid);
        expect(grid, scale.grid).toBeDefined();
        expect(scale.effectiveFrom >= grid!.effectiveFrom).toBe(true);
        const levels = grid!.levels.map((l) => l.id);
        for (const row of scale.rows) {
          const position = grid!.position(row.position);
          expect(position, `${scale.grid} : ${row.position}`).toBeDefined();
          if (row.level) {
            expect(levels).toContain(row.level);
            expect(position!.levels ?? levels, `${row.position} ${row.level}`).toContain(row.level);
          } else {
            expect(levels, `${scale.id} : ${row.position} sans niveau`).toEqual([]);
          }
        }
        // Every position of the grid (and each of its levels) has its minimum.
        const expected = grid!.positions
          .filter((p) => !(ABSENT[idcc] ?? []).includes(p.code))
          .flatMap((p) => (levels.length === 0 ? [`${p.code}/`] : (p.levels ?? levels).map((l) => `${p.code}/${l}`)))
          .sort();
        expect(scale.rows.map(key).sort()).toEqual(expected);
      });
    }
  }
});

describe('wage scales: 2198 level factors', () => {
  it('article 4 of the avenant du 24 juin 2011 states 102 and 106', () => {
    const text = fold(extract(docFile('2198', 'avenant-2011')).articles.get('KALIARTI000044509448')!.join(' '));
    expect(text).toContain('de débutant à maîtrisant : 102');
    expect(text).toContain('de débutant à référent/ polyvalent : 106');
  });

  for (const scale of wagesOf('2198')) {
    it(`${scale.id}: maîtrisant = débutant × 1,02, référent = × 1,06, and the annex's rounded amounts stay within 1 €`, () => {
      const factors = Object.fromEntries(scale.levelFactors.map((f) => [f.level, f]));
      expect(factors['maitrisant']).toMatchObject({ base: 'debutant', factor: 1.02 });
      expect(factors['referent-polyvalent']).toMatchObject({ base: 'debutant', factor: 1.06 });
      for (const row of scale.rows.filter((r) => r.level !== 'debutant')) {
        const base = scale.rows.find((r) => r.position === row.position && r.level === 'debutant');
        if (!base) continue; // catégorie H: no débutant level
        const f = factors[row.level!]!;
        expect(Math.abs(Math.round(base.amount * f.factor) - row.amount), key(row)).toBeLessThanOrEqual(1);
      }
    });
  }
});

describe('SMIC (law/smic.yaml)', () => {
  const smic = () => smicFile.parse(parse(read('law/smic.yaml')));
  /** FACTS.md: from, €/hour, €/month (35 h). */
  const FACTS: [string, number, number][] = [
    ['2010-01-01', 8.86, 1343.77],
    ['2011-01-01', 9, 1365],
    ['2011-12-01', 9.19, 1393.82],
    ['2012-01-01', 9.22, 1398.37],
    ['2012-07-01', 9.4, 1425.67],
    ['2013-01-01', 9.43, 1430.22],
    ['2014-01-01', 9.53, 1445.38],
    ['2015-01-01', 9.61, 1457.52],
    ['2016-01-01', 9.67, 1466.62],
    ['2017-01-01', 9.76, 1480.27],
    ['2018-01-01', 9.88, 1498.47],
    ['2019-01-01', 10.03, 1521.22],
    ['2020-01-01', 10.15, 1539.42],
    ['2021-01-01', 10.25, 1554.58],
    ['2021-10-01', 10.48, 1589.47],
    ['2022-01-01', 10.57, 1603.12],
    ['2022-05-01', 10.85, 1645.58],
    ['2022-08-01', 11.07, 1678.95],
    ['2023-01-01', 11.27, 1709.28],
    ['2023-05-01', 11.52, 1747.2],
    ['2024-01-01', 11.65, 1766.92],
    ['2024-11-01', 11.88, 1801.8],
    ['2026-01-01', 12.02, 1823.03],
  ];

  it('validates against smicFile', () => {
    const result = smicFile.safeParse(parse(read('law/smic.yaml')));
    expect(result.error?.issues ?? []).toEqual([]);
  });

  it('each monthly amount = round(hourly × 35 × 52 / 12, 2)', () => {
    for (const r of smic().rates) {
      expect(r.monthly, r.from).toBe(Math.round((r.hourly * 100 * 35 * 52) / 12) / 100);
    }
  });

  it('is the table of FACTS.md, oldest first', () => {
    expect(smic().rates.map((r) => [r.from, r.hourly, r.monthly])).toEqual(FACTS);
  });

  it('each rate cites its act; an act not verified says so', () => {
    const rates = smic().rates;
    expect(rates.at(-1)!.act).toBe('Décret n° 2025-1228 du 17 décembre 2025');
    for (const r of rates) {
      expect(r.act, r.from).toMatch(/^(?:Décret n° \d{4}-\d+ du \d{1,2}(?:er)? \p{L}+ \d{4}|Arrêté du \d{1,2}(?:er)? \p{L}+ \d{4}|Revalorisation du SMIC au .+ \(acte à citer\))/u);
      if (r.act.includes('à citer')) expect(r.comment, r.from).toBeTruthy();
      // The act is older than the rate it sets.
      const year = /\b(\d{4})(?: |$)/.exec(r.act.replace(/n° \d{4}-\d+/, ''))?.[1];
      if (year) expect(Number(year) <= Number(r.from.slice(0, 4)), r.from).toBe(true);
    }
  });
});
