/**
 * IDCC 3168 (professions de la photographie): the grid data checked against the texts themselves.
 *
 * The test reads the avenant du 11 mars 2024 (seed 000, PDF extraction) and the KALI text of the
 * accord du 9 décembre 2009 with its own small parser — every "NNN. Title" line, the "Filière …"
 * and sub-family headings above it, the paragraphs under it — and compares what it finds with the
 * grids, so that a job dropped, moved to another filière or coefficient, or given another job's
 * duties fails here. Statuses are checked against the salary agreements' tables.
 */
import { describe, expect, it } from 'vitest';
import { loadCatalogue, type Grid } from '../src/grids/catalogue.js';
import { rulesOfKind } from '../src/classify/rules.js';
import type { Job } from '../src/model/schema.js';

const cat = loadCatalogue({ only: ['3168'] });
const conv = cat.convention('3168');
if (!conv) throw new Error('IDCC 3168 absent du catalogue');
const convention = conv;

function gridById(id: string): Grid {
  const g = convention.grids.find((x) => x.id === id);
  if (!g) throw new Error(`grille ${id} absente`);
  return g;
}
const g2009 = gridById('3168-2009');
const g2024 = gridById('3168-2024');

/** Whitespace folded (the PDF has non-breaking spaces and double spaces). */
const fold = (s: string): string => s.normalize('NFC').replace(/\s+/g, ' ').trim();
/** Lines joined, words cut at the end of a PDF line ("dérou-\nlement") mended, whitespace folded. */
const joinLines = (lines: readonly string[]): string => fold(lines.join('\n').replace(/(\p{L})-[ \t\u00a0]*\n\s*(?=\p{Ll})/gu, '$1'));
/** For comparing a title across the two texts: apostrophes, accents, case. */
const loose = (s: string): string =>
  fold(s)
    .replace(/[’']/g, "'")
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase();

// ---------------------------------------------------------------------------------------------
// An independent reading of the texts
// ---------------------------------------------------------------------------------------------

interface TextJob {
  title: string;
  coef: string;
  /** The whole "NNN. …" line, folded. */
  line: string;
  /** "6 mois", "3 ans", "1 an" when the line gives a maximum period. */
  period: string | undefined;
  filiere: string;
  /** Innermost sub-family heading above the line, within its filière. */
  sub: string | undefined;
  /** Folded text of the paragraphs under the line, up to the next job line or heading. */
  block: string;
  /** Index of the "NNN. …" line among all such lines of the text. */
  entry: number;
}

interface TextReading {
  /** Number of "NNN. …" lines. */
  entries: number;
  jobs: TextJob[];
  /** Paragraph text found under a filière or sub-family heading before its first job line. */
  trackTexts: { heading: string; text: string }[];
  /** Sub-family headings met, in order. */
  subHeadings: string[];
}

const JOB_LINE = /^(\d{3})\.\s+(.+)$/;
const PERIOD = /\s*\(période maximale (?:de )?(\d+ (?:mois|ans?))\)\s*$/;

/** Lines of a document as plain text: KALI markup and PDF page headers removed. */
function plainLines(raw: string, kind: 'pdf' | 'kali'): string[] {
  const lines: string[] = [];
  for (let line of raw.split('\n')) {
    if (kind === 'kali') {
      if (/^--- Article/.test(line) || /^## /.test(line)) continue;
      const section = /^### (.+?)\s+\{id=/.exec(line);
      if (section) line = section[1]!;
    } else {
      // Page header of the Bulletin officiel, alone on its lines or glued before the next text.
      if (/^\s*MINISTÈRE DU TRAVAIL, DE LA SANTÉ/.test(line)) continue;
      if (/^\s*ET\s+DES\s+FAMILLES\s*$/.test(line)) continue;
      line = line.replace(/^.*ET\s+DES\s+FAMILLES\s+/, '');
    }
    lines.push(line);
  }
  return lines;
}

function readText(raw: string, kind: 'pdf' | 'kali'): TextReading {
  const lines = plainLines(raw, kind);
  const t = (i: number) => fold(lines[i] ?? '');
  const nextNonBlank = (i: number): number => {
    let k = i + 1;
    while (k < lines.length && t(k) === '') k++;
    return k;
  };
  const isFiliere = (i: number) => /^Filière /.test(t(i));
  const isJob = (i: number) => JOB_LINE.test(t(i));
  const isEnd = (i: number) => /^Fait à /.test(t(i));
  // A sub-family heading: a short line of its own, not a sentence, after a blank line, the end of a
  // sentence or another heading, and followed by a job line or by another heading
  // ("Internet, marketing, informatique, service client" › "Service client").
  const candidate: boolean[] = [];
  lines.forEach((_, i) => {
    const s = t(i);
    const prev = i > 0 ? t(i - 1) : '';
    candidate[i] =
      s !== '' &&
      !isJob(i) &&
      !isFiliere(i) &&
      s.length <= 55 &&
      /^\p{Lu}/u.test(s) &&
      !/[.;:,)…-]$/.test(s) &&
      (prev === '' || /[.;:)…]$/.test(prev) || isFiliere(i - 1) || candidate[i - 1] === true);
  });
  const isSub = (i: number): boolean => {
    if (!candidate[i]) return false;
    const n = nextNonBlank(i);
    return isJob(n) || (candidate[n] === true && isJob(nextNonBlank(n)));
  };

  const jobs: TextJob[] = [];
  const trackTexts: { heading: string; text: string }[] = [];
  const subHeadings: string[] = [];
  let filiere: string | undefined;
  let sub: string | undefined;
  let entries = 0;
  let i = 0;
  while (i < lines.length && !isFiliere(i)) i++;
  while (i < lines.length && !isEnd(i)) {
    if (isFiliere(i)) {
      let heading = t(i);
      // A heading cut by the page width goes on in lower case ("… au" / "domicile du client").
      while (/^\p{Ll}/u.test(t(i + 1))) heading = `${heading} ${t(++i)}`;
      filiere = heading;
      sub = undefined;
      i++;
      continue;
    }
    if (isSub(i)) {
      sub = t(i);
      subHeadings.push(sub);
      i++;
      continue;
    }
    // Lines up to the next job line, heading or end.
    const start = i;
    let k = i + 1;
    while (k < lines.length && !isJob(k) && !isFiliere(k) && !isSub(k) && !isEnd(k)) k++;
    const m = JOB_LINE.exec(t(start));
    if (m) {
      const [, coef, rest] = m;
      const p = PERIOD.exec(rest!);
      const head = p ? rest!.slice(0, p.index) : rest!;
      const block = joinLines(lines.slice(start + 1, k));
      // "155. Employé de bureau. Aide-comptable 1er niveau. Standardiste" (2009: ". – ")
      for (const title of head.split(/\.\s+(?:–\s+)?/)) {
        jobs.push({ title: title.trim(), coef: coef!, line: t(start), period: p?.[1], filiere: filiere!, sub, block, entry: entries });
      }
      entries++;
    } else {
      const text = joinLines(lines.slice(start, k));
      if (text !== '') trackTexts.push({ heading: sub ?? filiere!, text });
    }
    i = k;
  }
  return { entries, jobs, trackTexts, subHeadings };
}

const texts = [
  { grid: g2024, doc: 'avenant-2024', reading: readText(convention.documentText('avenant-2024'), 'pdf') },
  { grid: g2009, doc: 'accord-2009', reading: readText(convention.documentText('accord-2009'), 'kali') },
] as const;

/** The grid job for a job of the text: same title, coefficient and filière (and sub-family). */
function gridJob(grid: Grid, tj: TextJob): Job | undefined {
  const matches = grid.jobs.filter((j) => {
    if (fold(j.title) !== fold(tj.title) || !j.positions.includes(tj.coef)) return false;
    const path = grid.trackPath(j.track).map((tr) => fold(tr.title));
    return path[0] === tj.filiere && (tj.sub === undefined ? path.length === 1 : path.at(-1) === tj.sub);
  });
  return matches.length === 1 ? matches[0] : undefined;
}

// ---- "Mêmes fonctions que précédent" and the like, resolved by the test on its own ----

const SAME_AS = /^Mêmes? (?:fonctions?|compétences) que (.+?)(?:\.(?:\s|$)|, en plus, |\s+mais\s)/;
const ASSURES = /^Assure les (?:fonctions|opérations) du (.+?)\./;
/** "Opérateur vendeur 2e niveau" → stem "Opérateur vendeur", level 2. */
function ladder(title: string): { stem: string; level: number } | undefined {
  const m = /^(.*?)\s+(?:niveau\s+(\d+)|(\d+)(?:er|e)\s+(?:niveau|échelon|echelon))$/.exec(title);
  return m ? { stem: m[1]!, level: Number(m[2] ?? m[3]) } : undefined;
}

/** The words of a title that name a trade: « Assistant décorateur » → assistant, decorateur. */
const tradeWords = (title: string): string[] => loose(title).split(/[^a-z]+/).filter((w) => w.length >= 5 && !['niveau', 'echelon'].includes(w));

/**
 * How a reference was resolved. `title`: the text names the job, or the job of the same title one
 * level below; `order`: « précédent » read as the job just before in the text (same filière and
 * sub-family, lower coefficient), which the title does not confirm — the grid shows a note;
 * `none`: the job just before has the same coefficient, so it is no lower level — no link, the
 * sentence stays a duty, with a note.
 */
type Resolution = 'title' | 'order' | 'none';

/** The job of the text whose duties the job at `index` refers to, or undefined when none. */
function referredJob(jobs: readonly TextJob[], index: number): { ref: string; target: TextJob | undefined; by: Resolution } | undefined {
  const job = jobs[index]!;
  const block = job.block.replace(/^\(Un diplôme reconnu[^)]*\)\s*/, '');
  const m = SAME_AS.exec(block) ?? ASSURES.exec(block);
  if (!m) return undefined;
  const ref = m[1]!.replace(/^(?:le|les)\s+|^l[’']/i, '').replace(/\s*\+$/, '');
  const before = jobs.slice(0, index).filter((j) => j.filiere === job.filiere && j.entry < job.entry);
  const lastWhere = (pred: (j: TextJob) => boolean) => [...before].reverse().find(pred);
  const l = ladder(job.title);
  if (/^(?:niveau )?précédente?s?$/.test(ref)) {
    // The same title one level below (Technicien niveau 1 → 2, a Chef d'équipe in between)…
    const same = l && lastWhere((j) => ladder(j.title)?.stem === l.stem && ladder(j.title)?.level === l.level - 1);
    if (same) return { ref, target: same, by: 'title' };
    // …else the job just before, when it is a lower level: the lists go up by coefficient.
    const prev = before.at(-1);
    if (prev && prev.sub === job.sub && Number(prev.coef) < Number(job.coef)) {
      // The titles confirm the order when both are levels of one ladder (Assistant 1er niveau →
      // Opérateur … 2e niveau) or name the same trade (Assistant décorateur → Décorateur).
      const p = ladder(prev.title);
      const confirmed = (p && l && p.level === l.level - 1) || tradeWords(job.title).some((w) => tradeWords(prev.title).includes(w));
      return { ref, target: prev, by: confirmed ? 'title' : 'order' };
    }
    return { ref, target: undefined, by: 'none' };
  }
  let target: TextJob | undefined;
  if (/^\d{3}$/.test(ref)) {
    target = lastWhere((j) => j.coef === ref);
  } else if (/^niveau \d+$/.test(ref)) {
    target = lastWhere((j) => loose(j.title).endsWith(ref));
  } else if (/^1er échelon$/.test(ref)) {
    target = l && lastWhere((j) => ladder(j.title)?.stem === l.stem && ladder(j.title)?.level === 1);
  } else {
    target = lastWhere((j) => loose(j.title) === loose(ref));
  }
  return { ref, target, by: 'title' };
}

/** The job's own duties as the text gives them: the reference sentence and the diploma rule left out. */
function ownDutiesText(block: string, inherits: boolean): string {
  let s = block.replace(/^\(Un diplôme reconnu[^)]*\)\s*/, '');
  if (inherits) {
    const m = SAME_AS.exec(s);
    if (m) s = m[0].endsWith(', en plus, ') ? s.slice(s.indexOf('en plus, ')) : m[0].match(/\smais\s$/) ? s.slice(s.indexOf('mais ')) : s.slice(m[0].length);
  }
  return fold(s);
}

// ---------------------------------------------------------------------------------------------

describe.each(texts)('IDCC 3168, grille $grid.id lue dans le texte $doc', ({ grid, doc, reading }) => {
  const { jobs } = reading;

  it('has 114 "NNN. intitulé" lines (the "114 positions"), naming 118 jobs', () => {
    // 114 counts the lines of the text; three lines name several jobs (3 + 2 + 2), hence 118 jobs.
    expect(reading.entries).toBe(114);
    expect(jobs).toHaveLength(118);
    expect(grid.jobs).toHaveLength(jobs.length);
  });

  it('has every job of the text, with its coefficient, filière and sub-family, once', () => {
    const seen = new Map<string, string>();
    for (const tj of jobs) {
      const j = gridJob(grid, tj);
      expect(j, `${tj.line} (${tj.filiere} › ${tj.sub ?? '-'})`).toBeDefined();
      expect(j!.positions, tj.line).toEqual([tj.coef]);
      expect(seen.get(j!.id), `${j!.id} matched twice`).toBeUndefined();
      seen.set(j!.id, tj.line);
      expect(j!.source.doc).toBe(doc);
      expect(fold(tj.line).startsWith(fold(j!.source.quote)), j!.id).toBe(true);
    }
    expect(seen.size).toBe(grid.jobs.length);
  });

  it('has exactly the coefficients the text uses, ranked in numeric order', () => {
    const used = [...new Set(jobs.map((j) => j.coef))].sort((a, b) => Number(a) - Number(b));
    expect(used).toHaveLength(18);
    const codes = [...grid.positions].sort((a, b) => a.rank - b.rank).map((p) => p.code);
    expect(codes).toEqual(used);
  });

  it('has the sub-families of the text as tracks with a parent', () => {
    const subTitles = grid.tracks.filter((t) => t.parent).map((t) => fold(t.title));
    expect([...new Set(reading.subHeadings)].sort()).toEqual([...subTitles].sort());
  });

  it('keeps the text under a heading (before its first job) as the notes of that track', () => {
    const byHeading = new Map<string, string[]>();
    for (const { heading, text } of reading.trackTexts) byHeading.set(heading, [...(byHeading.get(heading) ?? []), text]);
    expect(byHeading.size).toBeGreaterThan(0);
    for (const track of grid.tracks) {
      expect(fold(track.notes.map((n) => n.text).join(' ')), track.id).toBe(fold((byHeading.get(fold(track.title)) ?? []).join(' ')));
    }
  });

  it('gives each job its own duties, as written under its line', () => {
    jobs.forEach((tj) => {
      const j = gridJob(grid, tj)!;
      expect(fold(j.duties.join(' ')), j.id).toBe(ownDutiesText(tj.block, j.inherits !== undefined));
    });
  });

  // One rule for « Mêmes fonctions que précédent » (docs/rules-engine.md, « Lecture des textes »): the
  // same title one level below, else the job just before when it is a lower coefficient (with a
  // note: the title does not confirm it), else no link (the sentence stays, with a note).
  it('turns "Mêmes fonctions que précédent" and the like into a link to that job, by one rule', () => {
    const byKind: Record<Resolution, string[]> = { title: [], order: [], none: [] };
    jobs.forEach((tj, index) => {
      const j = gridJob(grid, tj)!;
      const referred = referredJob(jobs, index);
      const notes = j.notes.filter((n) => n.id === 'renvoi-au-precedent');
      if (!referred) {
        expect(j.inherits, `${j.id} hérite sans renvoi dans le texte`).toBeUndefined();
        expect(notes, j.id).toEqual([]);
        return;
      }
      byKind[referred.by].push(j.id);
      if (referred.by === 'none') {
        expect(j.inherits, j.id).toBeUndefined();
        expect(j.duties[0]).toMatch(/^Mêmes fonctions que précédent\.$/);
      } else {
        expect(referred.target, `${tj.line}: « ${referred.ref} » introuvable`).toBeDefined();
        expect(j.inherits, `${tj.line}: « ${referred.ref} »`).toBe(gridJob(grid, referred.target!)!.id);
      }
      // The reader is told where the text alone does not say which job it means.
      expect(notes, j.id).toHaveLength(referred.by === 'title' ? 0 : 1);
      if (notes[0]) expect(fold(tj.block)).toContain(fold(notes[0].text));
    });
    expect(byKind.title).toHaveLength(32);
    expect(byKind.order.sort()).toEqual(['adjoint-au-responsable-des-ventes', 'responsable-prises-de-vue-1']);
    expect(byKind.none).toEqual(['technicien-systemes-et-reseaux-2']);
    for (const j of grid.jobs) if (!byKind.none.includes(j.id)) for (const d of j.duties) expect(d, j.id).not.toMatch(/^Mêmes? (fonctions?|compétences) que/);
  });

  it('makes each "(période maximale …)" an entry-period rule of that job, and no other', () => {
    const iso = (p: string) => {
      const [n, unit] = p.split(' ');
      return unit === 'mois' ? `P${n}M` : `P${n}Y`;
    };
    const withPeriod = jobs.filter((tj) => tj.period !== undefined);
    expect(withPeriod.length).toBeGreaterThan(0);
    for (const tj of withPeriod) {
      const j = gridJob(grid, tj)!;
      const rules = rulesOfKind(grid.rules, 'entry-period').filter((r) => r.appliesTo.jobs?.includes(j.id));
      expect(rules, tj.line).toHaveLength(1);
      expect(rules[0]!.params.max, tj.line).toBe(iso(tj.period!));
      expect(rules[0]!.appliesTo.positions).toEqual([tj.coef]);
      expect(fold(rules[0]!.source.quote)).toBe(tj.line);
      // The period is not part of the title.
      expect(j.title).not.toMatch(/période/);
    }
    expect(grid.rules.filter((r) => r.kind === 'entry-period')).toHaveLength(withPeriod.length);
  });

  it('floors a diploma recognised by the branch at the coefficient the text gives, in its filière', () => {
    const tj = jobs.find((j) => /^\(Un diplôme reconnu/.test(j.block))!;
    const coef = /en dessous du coefficient (\d{3})/.exec(tj.block)![1];
    const track = grid.tracks.find((t) => fold(t.title) === tj.filiere)!;
    const rule = grid.rules.find((r) => r.kind === 'diploma-floor');
    expect(rule?.params).toEqual({ minPosition: coef });
    // « Un diplôme reconnu par la branche »: the value of the diploma question that says so.
    expect(rule?.when).toEqual({ fact: 'diploma', eq: 'diplome-branche' });
    expect(grid.facts.find((f) => f.id === 'diploma')?.values?.find((v) => v.id === 'diplome-branche')?.label).toBe('Un diplôme reconnu par la branche');
    expect(rule?.appliesTo.tracks).toEqual([track.id]);
  });

  it('keeps photographers whose main function is taking pictures out of the filière scolaire', () => {
    const found = reading.trackTexts.find((x) => x.text.startsWith('Il est précisé que les photographes dont la fonction principale est la réalisation de prises de vue'))!;
    expect(found).toBeDefined();
    const track = grid.tracks.find((t) => fold(t.title) === found.heading)!;
    const rule = grid.rules.find((r) => r.kind === 'track-eligibility');
    expect(rule?.appliesTo.tracks).toEqual([track.id]);
    expect(rule?.when).toEqual({ not: { fact: 'mainFunction', eq: 'prises-de-vue' } });
    expect(fold(rule!.text)).toBe(found.text);
  });
});

describe('IDCC 3168, statuts par coefficient (accords de salaires)', () => {
  const salaries = convention.documentText('salaires-3168');
  const STATUS: Record<string, string> = { Employé: 'ouvrier-employe', Employés: 'ouvrier-employe', Maîtrise: 'agent-de-maitrise', Cadre: 'cadre', Cadres: 'cadre' };
  /** The text of the agreement whose heading starts with `heading`. */
  const agreement = (heading: string) => {
    const start = salaries.indexOf(`## ${heading}`);
    expect(start).toBeGreaterThanOrEqual(0);
    const end = salaries.indexOf('\n## ', start + 1);
    return salaries.slice(start, end < 0 ? undefined : end);
  };
  /** "Catégorie | Coefficient | Salaire" tables: the category stands on the first row of its group. */
  const categoryTable = (text: string) => {
    const out = new Map<string, string>();
    let category: string | undefined;
    for (const line of text.split('\n')) {
      const c = /^\s*(Employés?|Maîtrise|Cadres?)(?=\s|\||$)/.exec(line);
      if (c) category = c[1];
      const row = /(?:^|\|)\s*(\d{3}) \| \d/.exec(line);
      if (row && category) out.set(row[1]!, STATUS[category]!);
    }
    return out;
  };
  const statuses = (g: Grid) => new Map(g.positions.map((p) => [p.code, p.status as string]));

  it('2024 grid: as the last scale found (avenant du 31 janvier 2022)', () => {
    const table = categoryTable(agreement('Avenant du 31 janvier 2022'));
    expect(table.size).toBe(18);
    expect(statuses(g2024)).toEqual(table);
    for (const p of g2024.positions) expect(p.source.article).toBe('KALIARTI000046241016');
  });

  it('2009 grid: as the accord du 15 février 2010 (columns Employé / Maîtrise / Cadre), cited from it, and the avenant du 2 avril 2014', () => {
    expect(statuses(g2009)).toEqual(categoryTable(agreement('Avenant du 2 avril 2014')));
    // 2010: "Les salaires minima conventionnels issus de la nouvelle grille de classification du 9 décembre 2009"
    const text = agreement('Accord du 15 février 2010');
    expect(text).toContain('nouvelle grille de classification du 9 décembre 2009');
    const columns = ['ouvrier-employe', 'agent-de-maitrise', 'cadre'];
    const table = new Map<string, string>();
    for (const line of text.split('\n')) {
      if (!/^\d{3} \|/.test(line)) continue;
      const cells = line.split('|').map((c) => c.trim());
      for (let col = 0; col < 3; col++) if (/^\d{3}$/.test(cells[col * 2] ?? '')) table.set(cells[col * 2]!, columns[col]!);
    }
    expect(table).toEqual(statuses(g2009));
    // Cited from the 2010 table, the one made for this grid, never from a later one.
    for (const p of g2009.positions) {
      expect(p.statusSource?.article, p.code).toBe('KALIARTI000022901007');
      expect(p.source.article, p.code).toBe('KALIARTI000022901007');
      expect(text, p.code).toContain(p.source.quote);
    }
  });
});

describe('IDCC 3168, les deux versions de la grille', () => {
  it('keeps the same job ids for the same jobs', () => {
    expect(g2009.jobs.map((j) => j.id)).toEqual(g2024.jobs.map((j) => j.id));
    g2009.jobs.forEach((j, i) => expect(loose(j.title), j.id).toBe(loose(g2024.jobs[i]!.title)));
  });

  it('dates: 2009 grid from the extension (JO 28 July 2010) until the day before the 2024 avenant', () => {
    expect(g2009.signed).toBe('2009-12-09');
    expect(g2009.effectiveFrom).toBe('2010-07-28');
    expect(g2009.extension?.published).toBe('2010-07-28');
    expect(g2009.effectiveTo).toBe('2024-03-10');
    expect(g2024.supersedes).toBe('3168-2009');
    expect(g2024.effectiveFrom).toBe('2024-03-11');
    expect(convention.gridAt('2015-06-01')?.id).toBe('3168-2009');
    expect(convention.gridAt('2024-03-11')?.id).toBe('3168-2024');
    expect(convention.gridAt('2010-01-01')).toBeUndefined();
  });

  it('Opérateur vendeur 1er niveau: at most 3 years at 155 under the 2009 grid, 6 months under the 2024 one', () => {
    const max = (g: Grid) => rulesOfKind(g.rules, 'entry-period').find((r) => r.appliesTo.jobs?.includes('operateur-vendeur-1'))?.params.max;
    expect(max(g2009)).toBe('P3Y');
    expect(max(g2024)).toBe('P6M');
    expect(g2024.notes.map((n) => n.text)).toContain(
      'Cet accord a pour objet de réduire la période maximale pour le coefficient 150 de 1 an à 6 mois quelle que soit la filière.',
    );
  });

  it('Retoucheur 2e niveau includes the duties of the Retoucheur 1er niveau, first', () => {
    const duties = g2024.jobDuties('retoucheur-2');
    expect(duties.slice(0, 2)).toEqual(g2024.job('retoucheur-1')!.duties);
    expect(duties[2]).toMatch(/^en plus, retouche les défauts de prises de vue/);
    expect(g2024.trackLabel(g2024.job('retoucheur-2')!.track)).toBe('Filière studios hors grand public › Postproduction');
  });
});
