/**
 * IDCC 1431 (optique-lunetterie de détail): the grid data checked against the texts themselves.
 *
 * The test reads the avenant n° 8 du 7 avril 2022 on its own: the flattened seed (avenant-8-2022), where
 * each correspondence row and each "<échelon> <emploi-repère>" entry runs on with its neighbours,
 * and the KALI extract (annexe-i-2022), where table cells are kept apart by "|". It compares what
 * it finds with the grids, so that a row dropped, a level moved, a job given another range or
 * another job's criteria, or a status changed fails here.
 */
import { describe, expect, it } from 'vitest';
import { loadCatalogue, type Grid } from '../src/grids/catalogue.js';
import { rulesOfKind } from '../src/classify/rules.js';
import type { Condition } from '../src/model/condition.js';
import type { Job, Status, Transposition } from '../src/model/schema.js';

const cat = loadCatalogue({ only: ['1431'] });
const conv = cat.convention('1431');
if (!conv) throw new Error('IDCC 1431 absent du catalogue');
const convention = conv;

function gridById(id: string): Grid {
  const g = convention.grids.find((x) => x.id === id);
  if (!g) throw new Error(`grille ${id} absente`);
  return g;
}
const g1986 = gridById('1431-1986');
const g2022 = gridById('1431-2022');

const fold = (s: string): string => s.normalize('NFC').replace(/\s+/g, ' ').trim();
/** For comparing names across the texts: spaces around "/", case, apostrophes. */
const loose = (s: string): string =>
  fold(s)
    .replace(/\s*\/\s*/g, '/')
    .replace(/[’']/g, "'")
    .toLowerCase();
const inDoc = (docId: string, text: string): boolean => fold(convention.documentText(docId)).includes(fold(text));

const seed = convention.documentText('avenant-8-2022').normalize('NFC');
const kali = convention.documentText('annexe-i-2022').normalize('NFC');

/** A literal as a pattern whose spaces match any run of white space (the texts use U+2002 too). */
const spaced = (s: string): RegExp => new RegExp(s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&').replace(/ /g, '\\s+'), 'g');

/** The part of `text` from `start` (included) to `end` (excluded, or the end of the text). */
function between(text: string, start: string, end?: string): string {
  const s = spaced(start);
  const m = s.exec(text);
  if (!m) throw new Error(`introuvable : ${start}`);
  if (end === undefined) return text.slice(m.index);
  const e = spaced(end);
  e.lastIndex = m.index + m[0].length;
  const n = e.exec(text);
  if (!n) throw new Error(`introuvable : ${end}`);
  return text.slice(m.index, n.index);
}

/** "1.1 à 1.2" → 1.1, 1.2; "1.3 à 1.5" → 1.3, 1.4, 1.5; "2.4 et 3.1" → 2.4, 3.1; "3.4" → 3.4. */
function expandRange(from: string, op: string | undefined, to: string | undefined): string[] {
  if (!op || !to) return [from];
  if (op === 'et') return [from, to];
  const [major, a] = from.split('.').map(Number);
  const [major2, b] = to.split('.').map(Number);
  if (major !== major2 || a === undefined || b === undefined) throw new Error(`plage inattendue ${from} à ${to}`);
  return Array.from({ length: b - a + 1 }, (_, k) => `${major}.${a + k}`);
}

/** Status of a collaborateurs level by its prefix: 1.x employé, 2.x AM, 3.1–3.5 cadre, 3.6 cadre supérieur. */
function statusByPrefix(code: string): Status {
  if (code.startsWith('1.')) return 'ouvrier-employe';
  if (code.startsWith('2.')) return 'agent-de-maitrise';
  return code === '3.6' ? 'cadre-superieur' : 'cadre';
}

const STATUS_WORDS: Record<string, Status> = {
  'Ouvrier/Employé': 'ouvrier-employe',
  Employé: 'ouvrier-employe',
  'Technicien/Agent de maîtrise': 'agent-de-maitrise',
  'Agent de maîtrise': 'agent-de-maitrise',
  'Agent de Maîtrise': 'agent-de-maitrise',
  Cadre: 'cadre',
  'Cadre supérieur': 'cadre-superieur',
  'Cadres supérieur': 'cadre-superieur',
};

/** Jobs of a grid named `name` (title or alias) within a track and its sub-tracks. */
function jobsNamed(grid: Grid, name: string, track: string): Job[] {
  return grid.jobs.filter(
    (j) => grid.trackPath(j.track).some((t) => t.id === track) && [j.title, ...j.aliases].some((n) => loose(n) === loose(name)),
  );
}

function transposition(id: string): Transposition {
  const t = g2022.transpositions.find((x) => x.id === id);
  if (!t) throw new Error(`tableau ${id} absent`);
  return t;
}

// ---------------------------------------------------------------------------------------------
// An independent reading of the seed
// ---------------------------------------------------------------------------------------------

interface CollabRow {
  from: string[];
  to: string;
  status: Status;
  jobs: string[];
}

/** The collaborateurs correspondence table: "100/110 1.1 Monteur 1\nVendeur 1\n…", one row per level. */
function readCollaborateursTable(): CollabRow[] {
  const table = between(seed, 'Filière collaborateurs de la branche optique lunetterie\nStatuts');
  const ROW = /(Pas de correspondance|\d{3}(?:\/\d{3})*) ([123]\.\d) /g;
  const matches = [...table.matchAll(ROW)];
  const STATUS_AT_END = /(Ouvrier\/Employé|Technicien\/Agent de maîtrise|Cadre supérieur|Cadre)\s*$/;
  const rows: CollabRow[] = [];
  let status: Status | undefined;
  matches.forEach((m, i) => {
    const gapStart = i === 0 ? 0 : matches[i - 1]!.index! + matches[i - 1]![0].length;
    const before = table.slice(gapStart, m.index);
    const s = STATUS_AT_END.exec(before);
    if (s) status = STATUS_WORDS[s[1]!];
    // Jobs: from the end of the row head to the next row, without the next row's status heading.
    const end = i + 1 < matches.length ? matches[i + 1]!.index! : table.length;
    const body = table
      .slice(m.index! + m[0].length, end)
      .replace(STATUS_AT_END, '')
      .replace(/\s*Versions\s*$/, '');
    const jobs = body
      .split('\n')
      .map(fold)
      .filter((l) => l !== '' && !l.startsWith('Rend possible'));
    rows.push({ from: m[1] === 'Pas de correspondance' ? [] : m[1]!.split('/'), to: m[2]!, status: status!, jobs });
  });
  return rows;
}

interface SanteRow {
  level: string;
  /** Old coefficients opening the "Coefficients actuels" cell. */
  from: string[];
  /** The "Coefficients actuels" cell (a cell spanning C/D/E is repeated on each of its lines). */
  cell: string;
  status: Status;
  /** Text of the row after its level letter (the emplois-repères). */
  body: string;
}

/** The santé correspondence table: one flattened line; each row is "<coefficients|condition> <A–K> <jobs>". */
function readSanteTable(): SanteRow[] {
  const table = fold(between(seed, 'Filière professionnels de santé\nStatuts', 'Filière collaborateurs de la branche optique lunetterie\nStatuts'));
  const LEVEL = /\b([A-K]) (?=Opticien |Cadre supérieur ou cadre dirigeant)/g;
  const matches = [...table.matchAll(LEVEL)];
  const STATUS = /(Employé|Agent de Maîtrise|Cadres supérieur|Cadre) (?=\d{3}|Opticiens|$)/g;
  // The cell of the old positions ends the gap before the level letter: coefficients, or a condition.
  const CELL = /(?:\d{3}(?:\/\d{3})*(?: et .*)?|Opticiens relevant .*)$/;
  let status: Status | undefined;
  let cell = '';
  return matches.map((m, i) => {
    const gapStart = i === 0 ? table.indexOf('emploi-repère') + 'emploi-repère'.length : matches[i - 1]!.index! + matches[i - 1]![0].length;
    const gap = fold(table.slice(gapStart, m.index));
    for (const s of gap.matchAll(STATUS)) status = STATUS_WORDS[s[1]!];
    const own = CELL.exec(gap);
    if (own) cell = own[0]; // otherwise the line is under the cell of the line above (merged cell)
    const end = i + 1 < matches.length ? matches[i + 1]!.index! : table.length;
    const from = /^\d{3}(?:\/\d{3})*/.exec(cell)?.[0].split('/') ?? [];
    return { level: m[1]!, from, cell, status: status!, body: table.slice(m.index! + m[0].length, end) };
  });
}

interface RangeEntry {
  positions: string[];
  title: string;
}

/** "<range> <Title>" entries of the emplois-repères tables (6.2 B): "1.1 à 1.2 Monteur 1 Application …". */
function readJobRanges(): RangeEntry[] {
  const section = between(seed, 'Employés Échelon Emploi-repère', 'Emplois-repères des fonctions support niveau employé');
  // A title: a capitalised word, then lower-case words or a single digit, up to the next capital.
  const ENTRY = /(\d\.\d)(?: (à|et) (\d\.\d))? (\p{Lu}\p{Ll}+(?:-\s?\p{Ll}+)?(?: (?:\p{Ll}+|\d)(?=[\s.]))*)/gu;
  return [...section.matchAll(ENTRY)].map((m) => ({ positions: expandRange(m[1]!, m[2], m[3]), title: m[4]! }));
}

// ---------------------------------------------------------------------------------------------
// An independent reading of the KALI tables (cells split by "|")
// ---------------------------------------------------------------------------------------------

/** Rows of the tables of a KALI passage that start with an échelon or level: cells, folded. */
function kaliRows(passage: string, head: RegExp): string[][] {
  const rows: string[][] = [];
  let current: string[] | undefined;
  for (const line of passage.split('\n')) {
    if (head.test(line)) {
      current = [line];
      rows.push(current);
    } else if (current && line.startsWith(' ')) current.push(line);
    else current = undefined;
  }
  return rows.map((r) => r.join('\n').split('|').map(fold));
}

const kaliGrid = between(kali, '6.2. Description des emplois-repères', '### 7.');
const jobTables = between(kaliGrid, 'Employés |', 'Emplois-repères des fonctions support niveau employé');
const supportTables = between(kaliGrid, 'Emplois-repères des fonctions support niveau employé');
const santeTable = between(kaliGrid, 'Statut | Coefficient | Initiative', 'Parcours de compétence des opticiens');

const CRITERIA = ['initiative', 'expertise', 'responsabilite'] as const;
const joined = (texts: readonly string[] | undefined): string => fold((texts ?? []).join(' '));

// ---------------------------------------------------------------------------------------------

describe('IDCC 1431 — versions and dates', () => {
  it('has the 1986 coefficients, then the avenant n° 8 from the publication of its extension order', () => {
    expect(convention.grids.map((g) => g.id)).toEqual(['1431-1986', '1431-2022']);
    expect(g2022.signed).toBe('2022-04-07');
    expect(g2022.effectiveFrom).toBe('2023-06-10');
    expect(g2022.supersedes).toBe('1431-1986');
    expect(g2022.extension).toMatchObject({ order: 'arrêté du 30 mai 2023', published: '2023-06-10' });
    expect(convention.gridAt('2023-06-09')?.id).toBe('1431-1986');
    expect(convention.gridAt('2023-06-10')?.id).toBe('1431-2022');
    expect(convention.gridAt('2020-01-01')?.id).toBe('1431-1986');
  });

  it('gives companies one year from the publication to apply the new grid', () => {
    const r = rulesOfKind(g2022.rules, 'transition').find((x) => x.params.deadline !== undefined);
    expect(r?.params).toEqual({ deadline: '2024-06-10', within: 'P1Y' });
    expect(r?.source.quote).toContain('les entreprises de la branche auront 1 an pour mettre en œuvre la nouvelle classification');
    expect(inDoc(r!.source.doc, r!.text)).toBe(true);
  });
});

describe('IDCC 1431 — correspondence table, filière collaborateurs', () => {
  const rows = readCollaborateursTable();
  const t = transposition('collaborateurs');

  it('reads the 16 levels of the table', () => {
    expect(rows.map((r) => r.to)).toEqual(['1.1', '1.2', '1.3', '1.4', '1.5', '1.6', '2.1', '2.2', '2.3', '2.4', '3.1', '3.2', '3.3', '3.4', '3.5', '3.6']);
    expect(t.fromGrid).toBe('1431-1986');
    expect(t.track).toBe('collaborateurs');
    expect(t.rows).toHaveLength(rows.length);
  });

  it.each(rows.map((r) => [`${r.from.join('/') || 'Pas de correspondance'} → ${r.to}`, r] as const))('%s', (_, row) => {
    const data = t.rows.filter((x) => x.to.length === 1 && x.to[0] === row.to);
    expect(data).toHaveLength(1);
    const d = data[0]!;
    expect(d.from).toEqual(row.from);
    expect(d.status).toBe(row.status);
    expect(d.status).toBe(statusByPrefix(row.to));
    expect(d.jobs.map(fold)).toEqual(row.jobs);
    // Every job the row names is an emploi-repère that may take that level.
    for (const name of d.jobs) {
      const jobs = jobsNamed(g2022, name, 'collaborateurs');
      expect(jobs, name).toHaveLength(1);
      expect(jobs[0]!.positions, name).toContain(row.to);
    }
    expect(inDoc(d.source.doc, d.source.quote)).toBe(true);
    expect(fold(d.source.quote)).toContain(`${row.from.join('/') || 'Pas de correspondance'} ${row.to}`);
  });
});

describe('IDCC 1431 — correspondence table, filière professionnels de santé', () => {
  const rows = readSanteTable();
  const t = transposition('sante');

  it('reads the 11 levels A–K of the table, for diploma holders only', () => {
    expect(rows.map((r) => r.level)).toEqual(['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J', 'K']);
    expect(t.fromGrid).toBe('1431-1986');
    expect(t.track).toBe('professionnels-de-sante');
    expect(t.condition).toContain("diplôme reconnu par le code de la santé publique");
    expect(inDoc(t.source.doc, t.condition!)).toBe(true);
  });

  it.each(rows.map((r) => [`${r.cell || '—'} → ${r.level}`, r] as const))('%s', (_, row) => {
    const data = t.rows.filter((x) => x.to.length === 1 && x.to[0] === row.level);
    expect(data.length).toBeGreaterThan(0);
    // The old coefficients of the row, when it names some.
    if (row.from.length > 0) expect(data.some((d) => d.from.join('/') === row.from.join('/') && d.condition === undefined)).toBe(true);
    // A condition beyond the coefficients ("et tout opticien …", "Opticiens relevant du statut employé …")
    // is a row of its own, from no coefficient, with the condition verbatim.
    const rest = fold(row.cell.replace(/^\d{3}(?:\/\d{3})*(?: et)?/, ''));
    if (rest !== '') {
      const conditional = data.filter((d) => d.from.length === 0);
      expect(conditional).toHaveLength(1);
      expect(rest).toContain(conditional[0]!.condition!);
      expect(inDoc(conditional[0]!.source.doc, conditional[0]!.condition!)).toBe(true);
    } else expect(data.every((d) => d.from.length > 0)).toBe(true);
    for (const d of data) {
      expect(d.status).toBe(row.status);
      expect(g2022.position(row.level)?.status).toBe(row.status);
      expect(inDoc(d.source.doc, d.source.quote)).toBe(true);
      for (const name of d.jobs) {
        expect(fold(row.body), name).toContain(fold(name));
        const jobs = jobsNamed(g2022, name, 'professionnels-de-sante');
        expect(jobs, name).toHaveLength(1);
        expect(jobs[0]!.positions, name).toContain(row.level);
      }
    }
  });

  it('has no row the table does not have', () => {
    const levels = new Set(rows.map((r) => r.level));
    for (const d of t.rows) expect(d.to.every((c) => levels.has(c))).toBe(true);
    // One row per line, plus the conditional population of line A.
    expect(t.rows).toHaveLength(rows.length + 1);
  });
});

describe('IDCC 1431 — old coefficients (1986)', () => {
  const collab = readCollaborateursTable();
  const sante = readSanteTable();

  it('has every coefficient named by the correspondence tables, with the status of its row', () => {
    for (const row of collab) {
      for (const c of row.from) {
        expect(g1986.position(c)?.status, c).toBe(row.status);
      }
    }
    for (const row of sante) for (const c of row.from) expect(g1986.position(c), c).toBeDefined();
  });

  it('has every coefficient of the last salary scale (accord du 17 mars 2022)', () => {
    const salaires = convention.documentText('salaires-1431');
    const scale = between(salaires, 'Coefficients | Montants en euros |', 'Article 3');
    const coefs = [...scale.matchAll(/^(\d{3}) \|/gm)].map((m) => m[1]!);
    expect(coefs).toHaveLength(21);
    for (const c of coefs) expect(g1986.position(c), c).toBeDefined();
  });

  it('keeps the coefficients in order, and 100 and 120 with their suppression in 2011', () => {
    const codes = g1986.sortPositions(g1986.positions.map((p) => p.code));
    expect(codes.map(Number)).toEqual([...codes.map(Number)].sort((a, b) => a - b));
    expect(g1986.position('100')?.notes.some((n) => n.text.includes('requalification au coefficient 110'))).toBe(true);
    expect(g1986.position('120')?.notes.some((n) => n.text.includes('requalification au coefficient 130'))).toBe(true);
  });
});

describe('IDCC 1431 — emplois-repères of the filière collaborateurs', () => {
  const entries = readJobRanges();

  it('reads the 12 entries "<échelon> <emploi-repère>" of the tables', () => {
    expect(entries.map((e) => e.title)).toEqual([
      'Monteur 1',
      'Monteur 2',
      'Vendeur 1',
      'Vendeur 2',
      'Monteur-vendeur débutant',
      'Monteur-vendeur 1',
      'Monteur-vendeur 2',
      'Directeur adjoint',
      'Directeur de magasin 1',
      'Directeur de magasin 2',
      'Directeur',
      'Cadre supérieur ou cadre dirigeant',
    ]);
  });

  it.each(entries.map((e) => [`${e.positions.join(', ')} ${e.title}`, e] as const))('%s', (_, entry) => {
    const jobs = jobsNamed(g2022, entry.title, 'collaborateurs');
    expect(jobs).toHaveLength(1);
    expect(jobs[0]!.positions).toEqual(entry.positions);
  });

  it('gives each emploi-repère the Initiative / Expertise / Responsabilité cells of its row', () => {
    const rows = kaliRows(jobTables, /^\d\.\d(?: (?:à|et) \d\.\d)? \|/);
    expect(rows).toHaveLength(12);
    for (const [range, title, ...cells] of rows) {
      const jobs = jobsNamed(g2022, title!, 'collaborateurs');
      expect(jobs, title).toHaveLength(1);
      const job = jobs[0]!;
      const m = /^(\d\.\d)(?: (à|et) (\d\.\d))?$/.exec(range!);
      expect(job.positions, title).toEqual(expandRange(m![1]!, m![2], m![3]));
      CRITERIA.forEach((c, k) => expect(joined(job.criteria?.[c]), `${title} ${c}`).toBe(cells[k] ?? ''));
    }
  });

  it('places the support-function jobs on every level of their tables', () => {
    const support = (title: string) => jobsNamed(g2022, title, 'collaborateurs/fonctions-support')[0]?.positions;
    expect(support('Employé des fonctions support')).toEqual(['1.1', '1.2', '1.3', '1.4', '1.5', '1.6']);
    expect(support('Technicien/Agent de maîtrise des fonctions support')).toEqual(['2.1', '2.2', '2.3', '2.4']);
    expect(support('Cadre des fonctions support')).toEqual(['3.1', '3.2', '3.3', '3.4', '3.5']);
  });
});

describe('IDCC 1431 — levels of the filière collaborateurs', () => {
  const levels = ['1.1', '1.2', '1.3', '1.4', '1.5', '1.6', '2.1', '2.2', '2.3', '2.4', '3.1', '3.2', '3.3', '3.4', '3.5', '3.6'];

  it('has the 16 levels in order, each with its status by prefix', () => {
    const own = g2022.positions.filter((p) => p.track === 'collaborateurs');
    expect(g2022.sortPositions(own.map((p) => p.code))).toEqual(levels);
    for (const code of levels) expect(g2022.position(code)?.status, code).toBe(statusByPrefix(code));
  });

  it('gives each level the cells of the support-function tables ("1.3 à 1.5" on each level)', () => {
    const rows = kaliRows(supportTables, /^\d\.\d(?: à \d\.\d)? \|/);
    expect(rows.map((r) => r[0])).toEqual(['1.1', '1.2', '1.3 à 1.5', '1.6', '2.1 à 2.3', '2.4', '3.1 à 3.4', '3.5', '3.6']);
    for (const [range, ...cells] of rows) {
      const m = /^(\d\.\d)(?: (à) (\d\.\d))?$/.exec(range!);
      const isTitle = range === '3.6'; // "3.6 | Cadre supérieur ou cadre dirigeant |": no criteria
      for (const code of expandRange(m![1]!, m![2], m![3])) {
        const p = g2022.position(code);
        CRITERIA.forEach((c, k) => expect(joined(p?.criteria?.[c]), `${code} ${c}`).toBe(isTitle ? '' : (cells[k] ?? '')));
      }
    }
  });
});

describe('IDCC 1431 — levels A–K of the filière professionnels de santé', () => {
  const table = fold(between(seed, 'Statut Coefficient Initiative Expertise Responsabilité', 'Parcours de compétence des opticiens'));

  it('has the labels O1-A … O5-J and K of the table, in order, with the statuses of the table', () => {
    const labels = [...table.matchAll(/\bO(\d)-([A-J])\b/g)].map((m) => m[0]);
    expect(labels).toEqual(['O1-A', 'O1-B', 'O2-C', 'O2-D', 'O3-E', 'O3-F', 'O4-G', 'O4-H', 'O5-I', 'O5-J']);
    let status: Status | undefined;
    for (const m of table.matchAll(/(Cadre supérieur|Employé|Agent de maîtrise|Cadre)? ?\b(?:O\d-([A-J])|(K))\b/g)) {
      if (m[1]) status = STATUS_WORDS[m[1]];
      const code = m[2] ?? m[3]!;
      const p = g2022.position(code);
      expect(p?.track, code).toBe('professionnels-de-sante');
      expect(p?.label, code).toBe(code === 'K' ? undefined : `${/O\d-/.exec(m[0])![0]}${code}`);
      expect(p?.status, code).toBe(status);
    }
    const own = g2022.positions.filter((p) => p.track === 'professionnels-de-sante').map((p) => p.code);
    expect(g2022.sortPositions(own)).toEqual(['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J', 'K']);
  });

  it('gives each level the cells of the table as criteria and conditions', () => {
    const rows = kaliRows(santeTable, /^(?:[^|]*\| )?(?:O\d-[A-J]|K) \|/);
    expect(rows).toHaveLength(11);
    for (const cells of rows) {
      const at = cells.findIndex((c) => /^(?:O\d-[A-J]|K)$/.test(c));
      const code = cells[at]!.replace(/^O\d-/, '');
      const p = g2022.position(code);
      CRITERIA.forEach((c, k) => {
        const cell = cells[at + 1 + k] ?? '';
        expect(joined(p?.criteria?.[c]), `${code} ${c}`).toBe(cell);
        if (c !== 'initiative' && cell !== '') expect(p?.conditions, `${code} ${c}`).toContain(cell);
      });
    }
  });

  it('turns the référent / pratiques avancées cells into conditions a program can evaluate', () => {
    const WORDS: Record<string, number> = { une: 1, deux: 2 };
    /** The tests a condition makes, whatever combines them. */
    const leaves = (c: Condition): Condition[] => ('all' in c ? c.all.flatMap(leaves) : 'any' in c ? c.any.flatMap(leaves) : 'not' in c ? leaves(c.not) : [c]);
    for (const code of ['C', 'D', 'E', 'F', 'G']) {
      const cell = g2022.position(code)!.criteria!.responsabilite![0]!;
      const rule = g2022.rules.find((r) => r.kind === 'position-condition' && r.appliesTo.positions?.includes(code));
      expect(rule, code).toBeDefined();
      expect(inDoc(rule!.source.doc, rule!.text)).toBe(true);
      const tests = leaves(rule!.when!);
      const domains = /Référent sur (deux|tous) (?:des |les )?domaines/.exec(cell)![1]!;
      if (domains === 'tous') expect(tests, code).toContainEqual({ fact: 'referentDomains', coversFact: 'practicedDomains' });
      else expect(tests, code).toContainEqual({ fact: 'referentDomains', countGte: WORDS[domains] });
      const practices = /(une|deux) pratiques? avancées?/.exec(cell);
      if (practices) expect(tests, code).toContainEqual({ fact: 'advancedPractices', countGte: WORDS[practices[1]!] });
      else if (/et pratiques avancées présents sur le site/.test(cell)) expect(tests, code).toContainEqual({ fact: 'advancedPractices', coversFact: 'practicedAdvancedPractices' });
      else expect(tests.some((t) => 'fact' in t && t.fact === 'advancedPractices'), code).toBe(false);
    }
    const a = g2022.rules.find((r) => r.appliesTo.positions?.includes('A') && r.kind === 'position-condition')!;
    expect(a.when).toEqual({ fact: 'diploma', in: ['bts', 'licence', 'cqp'] });
    const b = g2022.rules.find((r) => r.appliesTo.positions?.includes('B') && r.kind === 'position-condition')!;
    expect(b.when).toEqual({ any: [{ fact: 'diploma', in: ['licence', 'cqp'] }, { fact: 'yearsOfPractice', gte: 2 }] });
  });

  it('places the santé emplois-repères of the grid 6.1 on the level where the text writes them', () => {
    const grid = fold(between(seed, 'Filière santé – Domaine santé', 'Filière collaborateurs optique lunetterie'));
    const letters = [...grid.matchAll(/(?:(?<=\s)|(?<=ans))([A-K])(?= )/g)];
    expect(letters.map((m) => m[1])).toEqual(['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J', 'K']);
    const TITLE = /Opticien diplômé \d ?\/ ?Professionnel de santé \d|Opticien directeur adjoint de magasin|Opticien directeur de magasin \d|Directeur|Cadre supérieur ou cadre dirigeant/g;
    let found = 0;
    letters.forEach((m, i) => {
      const chunk = grid.slice(m.index! + 1, letters[i + 1]?.index ?? grid.length);
      for (const t of chunk.matchAll(TITLE)) {
        const jobs = jobsNamed(g2022, t[0], 'professionnels-de-sante');
        expect(jobs, t[0]).toHaveLength(1);
        expect(jobs[0]!.positions, t[0]).toContain(m[1]);
        found++;
      }
    });
    expect(found).toBe(11);
  });
});

describe('IDCC 1431 — criteria, competences and rules', () => {
  it('defines Initiative, Expertise and Responsabilité as 5.1 does', () => {
    expect(g2022.criteria.map((c) => c.id)).toEqual(['initiative', 'expertise', 'responsabilite']);
    const section = between(kali, '5.1. Définition des critères', '5.2. Définition');
    const initiative = between(section, 'Initiative\n', 'Expertise\n').replace(/^Initiative\n/, '');
    expect(joined(g2022.criteria[0]!.definition)).toBe(fold(initiative));
  });

  it('lists the domaines de référence and pratiques avancées of the parcours', () => {
    const group = (g: string) => g2022.competences.filter((c) => c.group === g).map((c) => c.id);
    expect(group('domaine-reference')).toEqual(['atelier', 'examen-de-vue', 'contactologie']);
    expect(group('pratique-avancee')).toEqual(['refraction-complexe', 'contactologie-avancee', 'basse-vision', 'publics-particuliers', 'personne-agee', 'enfant']);
    for (const c of g2022.competences) expect(c.definition.length, c.id).toBeGreaterThan(0);
  });

  it('keeps the santé track for diploma holders and the status floors of the text', () => {
    const eligibility = g2022.rules.find((r) => r.kind === 'track-eligibility' && r.params.otherwiseTrack === 'collaborateurs');
    expect(eligibility?.appliesTo.tracks).toEqual(['professionnels-de-sante']);
    expect(eligibility?.text).toContain('La filière « professionnels de santé » est conditionnée à la détention à minima d');
    const floors = rulesOfKind(g2022.rules, 'status-floor');
    expect(floors.some((r) => r.text === "L'encadrement d'une petite équipe implique la position en agent de maîtrise." && r.params.minStatus === 'agent-de-maitrise')).toBe(true);
    // The engine applies a floor without condition to everyone: every floor says when it holds.
    for (const r of floors) expect(r.when, r.id).toBeDefined();
    expect(floors.find((r) => r.when && 'fact' in r.when && r.when.fact === 'yearsOfPractice')).toMatchObject({ when: { fact: 'yearsOfPractice', gte: 2 }, params: { minStatus: 'agent-de-maitrise' } });
    // The determinants of 5.3 are appreciations, not facts: kept as what decides within a range.
    const cadre = g2022.rules.find((r) => r.id === 'passage-cadre');
    expect(cadre?.kind).toBe('range-choice');
    expect(cadre?.appliesTo.positions).toEqual(['2.4', '3.1']);
    expect(cadre?.appliesTo.positions?.map((c) => g2022.position(c)?.status)).toEqual(['agent-de-maitrise', 'cadre']);
  });

  it('gives every rule the engine evaluates a condition over declared facts', () => {
    const ids = g2022.facts.map((f) => f.id);
    expect(ids).toEqual(expect.arrayContaining(['diploma', 'yearsOfPractice', 'referentDomains', 'practicedDomains', 'advancedPractices', 'managedStaff', 'role']));
    expect(g2022.facts.find((f) => f.id === 'diploma')?.values?.map((v) => v.id)).toEqual(['none', 'bts', 'licence', 'cqp']);
    // The values of the parcours facts are the competences of the parcours.
    const group = (g: string) => g2022.competences.filter((c) => c.group === g).map((c) => c.id);
    for (const id of ['referentDomains', 'practicedDomains']) expect(g2022.facts.find((f) => f.id === id)?.values?.map((v) => v.id), id).toEqual(group('domaine-reference'));
    for (const id of ['advancedPractices', 'practicedAdvancedPractices']) expect(g2022.facts.find((f) => f.id === id)?.values?.map((v) => v.id), id).toEqual(group('pratique-avancee'));
    for (const r of g2022.rules.filter((x) => ['position-condition', 'track-eligibility', 'status-floor'].includes(x.kind))) expect(r.when, r.id).toBeDefined();
    // One position-condition per level, on the levels whose table cells give a criterion.
    const ladder = g2022.rules.filter((r) => r.kind === 'position-condition').flatMap((r) => r.appliesTo.positions ?? []);
    expect(ladder).toEqual(['A', 'B', 'C', 'D', 'E', 'F', 'G', 'K']);
    // Every correspondence row from no coefficient has a condition, except "Pas de correspondance".
    for (const t of g2022.transpositions) {
      for (const row of t.rows) if (row.from.length === 0 && row.condition) expect(row.when, row.condition).toBeDefined();
    }
  });

  it('writes every rule, its quoted elements and every row condition verbatim', () => {
    for (const r of g2022.rules) {
      expect(inDoc(r.source.doc, r.text), r.id).toBe(true);
      for (const d of r.kind === 'range-choice' ? (r.params.determinants ?? []) : []) {
        for (const s of [d.lead ?? [], d.allOf ?? [], d.anyOf ?? []].flat()) expect(inDoc(r.source.doc, s), `${r.id}.${d.criterion}`).toBe(true);
      }
      for (const code of r.appliesTo.positions ?? []) expect(g2022.position(code), `${r.id} ${code}`).toBeDefined();
    }
    for (const t of g2022.transpositions) {
      for (const row of t.rows) if (row.condition) expect(inDoc(row.source.doc, row.condition), row.condition).toBe(true);
    }
  });
});
