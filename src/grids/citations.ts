/**
 * Proves that the grid data says what the texts say: every quote, job title, duty, mission,
 * activity and criterion text must stand verbatim in the document its item cites.
 *
 * The texts come from PDF and KALI extractions, so comparison folds what extraction added:
 * line breaks and runs of spaces, and words cut at line ends ("dérou-\nlement"). Nothing else is
 * forgiven: accents, apostrophes (’ or ') and punctuation must be the text's own.
 */
import type { Source } from '../model/schema.js';
import type { Convention } from './convention.js';
import { articleNames } from './articles.js';

export interface CitationProblem {
  grid: string;
  /** What was checked: `jobs.retoucheur-2.duties.0`. */
  item: string;
  doc: string;
  text: string;
}

const cache = new WeakMap<Convention, Map<string, string[]>>();

/** Soft hyphens (U+00AD) of the KALI HTML are invisible: they never count. */
function foldSpaces(s: string): string {
  return s.normalize('NFC').replace(/\u00ad/g, '').replace(/\s+/g, ' ').trim();
}

/** The folded forms of a document: cut words joined with and without their hyphen. */
function foldedDocument(conv: Convention, docId: string): string[] {
  let perConv = cache.get(conv);
  if (!perConv) cache.set(conv, (perConv = new Map()));
  let forms = perConv.get(docId);
  if (!forms) {
    const raw = conv.documentText(docId).normalize('NFC');
    forms = [
      foldSpaces(raw.replace(/(\p{L})-[ \t]*\r?\n\s*(?=\p{L})/gu, '$1')),
      foldSpaces(raw.replace(/(\p{L}-)[ \t]*\r?\n\s*(?=\p{L})/gu, '$1')),
    ];
    perConv.set(docId, forms);
  }
  return forms;
}

export function isInDocument(conv: Convention, docId: string, text: string): boolean {
  const needle = foldSpaces(text);
  return foldedDocument(conv, docId).some((form) => form.includes(needle));
}

/** Every citation of every grid of a convention that cannot be found in its document. */
export function verifyCitations(conv: Convention): CitationProblem[] {
  const problems: CitationProblem[] = [];
  for (const grid of conv.grids) {
    const check = (item: string, source: Source, texts: readonly (string | undefined)[]) => {
      for (const [i, text] of [source.quote, ...texts].entries()) {
        if (text !== undefined && !isInDocument(conv, source.doc, text)) {
          problems.push({ grid: grid.id, item: i === 0 ? `${item}.source.quote` : item, doc: source.doc, text });
        }
      }
    };
    const criteriaTexts = (c: Record<string, string[]> | undefined) => Object.values(c ?? {}).flat();
    check('grid', grid.source, []);
    grid.notes.forEach((n, i) => check(`notes.${i}`, n.source, [n.text]));
    grid.criteria.forEach((c) => check(`criteria.${c.id}`, c.source, [c.title, ...c.definition]));
    grid.levels.forEach((l) => check(`levels.${l.id}`, l.source, l.definition));
    grid.competences.forEach((c) => check(`competences.${c.id}`, c.source, c.definition));
    grid.tracks.forEach((t) => {
      check(`tracks.${t.id}`, t.source, []);
      t.notes.forEach((n, i) => check(`tracks.${t.id}.notes.${i}`, n.source, [n.text]));
    });
    grid.positions.forEach((p) => {
      check(`positions.${p.code}`, p.source, [...criteriaTexts(p.criteria), ...(p.conditions ?? [])]);
      if (p.statusSource) check(`positions.${p.code}.statusSource`, p.statusSource, []);
      p.notes.forEach((n, i) => check(`positions.${p.code}.notes.${i}`, n.source, [n.text]));
    });
    grid.jobs.forEach((j) => {
      check(`jobs.${j.id}`, j.source, [
        j.title,
        ...j.duties,
        j.mission,
        ...(j.activities ?? []),
        ...(j.variationFactors ?? []),
        ...(j.interfaces ?? []),
        ...criteriaTexts(j.criteria),
      ]);
      j.notes.forEach((n, i) => check(`jobs.${j.id}.notes.${i}`, n.source, [n.text]));
    });
    // A range choice's determinants are the text's own items, verbatim.
    const determinants = (r: (typeof grid.rules)[number]) => (r.kind === 'range-choice' ? (r.params.determinants ?? []).flatMap((d) => [d.lead, ...(d.allOf ?? []), ...(d.anyOf ?? [])]) : []);
    grid.rules.forEach((r) => check(`rules.${r.id}`, r.source, determinants(r)));
    if (grid.cotation) {
      check('cotation', grid.cotation.source, []);
      grid.cotation.criteria.forEach((c) => {
        c.degrees.forEach((d) => check(`cotation.${c.fact}.${d.degree}`, d.source, [d.text]));
        c.glossary.forEach((g) => check(`cotation.${c.fact}.glossary.${g.term}`, g.source, [g.term, g.definition]));
      });
      grid.cotation.ranges.forEach((r) => check(`cotation.ranges.${r.position}`, r.source, []));
    }
    grid.transpositions.forEach((t) => {
      check(`transpositions.${t.id}`, t.source, []);
      t.rows.forEach((row, i) => check(`transpositions.${t.id}.rows.${i}`, row.source, []));
    });
  }
  const spread = conv.sexSpreadSource;
  if (spread && !isInDocument(conv, spread.doc, spread.quote)) problems.push({ grid: 'convention.yaml', item: 'sexSpreadSource.quote', doc: spread.doc, text: spread.quote });
  return problems;
}

/**
 * Every article a grid or wage scale cites must be named in its document's `articles`, as the
 * extract numbers it (src/grids/articles.ts): a citation then reads « article 2 », never an id.
 */
export function verifyArticleNames(conv: Convention): CitationProblem[] {
  const problems: CitationProblem[] = [];
  const cited = new Map<string, Set<string>>();
  const walk = (node: unknown, path: string): void => {
    if (Array.isArray(node)) return node.forEach((n, i) => walk(n, `${path}.${i}`));
    if (!node || typeof node !== 'object') return;
    const o = node as Record<string, unknown>;
    if (typeof o.doc === 'string' && typeof o.article === 'string') {
      let set = cited.get(o.doc);
      if (!set) cited.set(o.doc, (set = new Set()));
      set.add(o.article);
    }
    for (const [k, v] of Object.entries(o)) walk(v, `${path}.${k}`);
  };
  conv.grids.forEach((g) => walk({ tracks: g.tracks, positions: g.positions, jobs: g.jobs, rules: g.rules, criteria: g.criteria, levels: g.levels, notes: g.notes, transpositions: g.transpositions, source: g.source }, g.id));
  walk(conv.wageScales, 'wages');
  for (const doc of conv.documents) {
    const names = articleNames(conv.documentText(doc.id));
    for (const article of cited.get(doc.id) ?? []) {
      if (!doc.articles?.[article]) problems.push({ grid: conv.idcc, item: `documents.${doc.id}.articles`, doc: doc.id, text: `${article} cité mais non nommé` });
    }
    for (const [article, declared] of Object.entries(doc.articles ?? {})) {
      const actual = names.get(article);
      if (!actual) problems.push({ grid: conv.idcc, item: `documents.${doc.id}.articles.${article}`, doc: doc.id, text: 'article absent du texte' });
      else if (declared.number !== actual.number || (declared.text !== undefined && declared.text !== actual.text)) {
        problems.push({ grid: conv.idcc, item: `documents.${doc.id}.articles.${article}`, doc: doc.id, text: `le texte le nomme ${JSON.stringify(actual)}` });
      }
    }
  }
  return problems;
}
