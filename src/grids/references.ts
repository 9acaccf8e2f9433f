/**
 * Cross-reference checks that a schema cannot express: every id a grid file names must exist,
 * so that a typo in the law data fails at load instead of giving a wrong answer later.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ENGINE_FACTS, type Condition } from '../model/condition.js';
import type { ConventionFile, GridFile } from '../model/schema.js';
import { GridFileError, type GridProblem } from './errors.js';

type Locate = (path: readonly PropertyKey[]) => number | undefined;

class Problems {
  readonly list: GridProblem[] = [];
  constructor(private readonly locate: Locate) {}
  add(path: (string | number)[], message: string): void {
    this.list.push({ path: path.join('.'), line: this.locate(path), message });
  }
  throwIfAny(file: string): void {
    if (this.list.length > 0) throw new GridFileError(file, this.list);
  }
}

export function checkConventionReferences(conv: ConventionFile, root: string, file: string, locate: Locate): void {
  const problems = new Problems(locate);
  const ids = new Set<string>();
  conv.documents.forEach((d, i) => {
    if (ids.has(d.id)) problems.add(['documents', i, 'id'], `document déclaré deux fois : ${d.id}`);
    ids.add(d.id);
    if (!existsSync(join(root, d.file))) problems.add(['documents', i, 'file'], `fichier introuvable : ${d.file}`);
  });
  if (conv.nafSource && !ids.has(conv.nafSource.doc)) problems.add(['nafSource', 'doc'], `document non déclaré : ${conv.nafSource.doc}`);
  if (conv.sexSpreadSource && !ids.has(conv.sexSpreadSource.doc)) problems.add(['sexSpreadSource', 'doc'], `document non déclaré : ${conv.sexSpreadSource.doc}`);
  problems.throwIfAny(file);
}

export function checkGridReferences(
  grid: GridFile,
  conv: ConventionFile,
  file: string,
  locate: Locate,
  earlierGrids: readonly GridFile[],
): void {
  const problems = new Problems(locate);
  const docs = new Set(conv.documents.map((d) => d.id));
  const unique = <T>(items: readonly T[], key: (t: T) => string, at: string, what: string): Set<string> => {
    const seen = new Set<string>();
    items.forEach((item, i) => {
      const k = key(item);
      if (seen.has(k)) problems.add([at, i], `${what} en double : ${k}`);
      seen.add(k);
    });
    return seen;
  };
  const tracks = unique(grid.tracks, (t) => t.id, 'tracks', 'filière');
  const positions = unique(grid.positions, (p) => p.code, 'positions', 'position');
  const jobs = unique(grid.jobs, (j) => j.id, 'jobs', 'emploi');
  const levels = unique(grid.levels, (l) => l.id, 'levels', 'niveau');
  unique(grid.criteria, (c) => c.id, 'criteria', 'critère');
  unique(grid.competences, (c) => c.id, 'competences', 'compétence');
  unique(grid.rules, (r) => r.id, 'rules', 'règle');
  unique(grid.transpositions, (t) => t.id, 'transpositions', 'tableau de correspondance');

  const ref = (set: Set<string>, value: string | undefined, path: (string | number)[], what: string) => {
    if (value !== undefined && !set.has(value)) problems.add(path, `${what} inconnu(e) : « ${value} »`);
  };
  // Every `source.doc` anywhere in the file must be a declared document.
  const walk = (node: unknown, path: (string | number)[]): void => {
    if (Array.isArray(node)) node.forEach((n, i) => walk(n, [...path, i]));
    else if (node && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) {
        if (k === 'source' && v && typeof v === 'object' && 'doc' in v) ref(docs, String(v.doc), [...path, k, 'doc'], 'document');
        else walk(v, [...path, k]);
      }
    }
  };
  walk(grid, []);

  if (earlierGrids.some((g) => g.id === grid.id)) problems.add(['id'], `identifiant de grille en double : ${grid.id}`);
  if (grid.supersedes !== undefined && !earlierGrids.some((g) => g.id === grid.supersedes)) {
    problems.add(['supersedes'], `grille remplacée inconnue (elle doit être listée avant) : ${grid.supersedes}`);
  }
  if (grid.effectiveFrom < grid.signed) problems.add(['effectiveFrom'], `entrée en vigueur (${grid.effectiveFrom}) antérieure à la signature (${grid.signed})`);
  if (grid.effectiveTo !== undefined && grid.effectiveTo < grid.effectiveFrom) problems.add(['effectiveTo'], 'fin de vigueur antérieure au début');

  grid.tracks.forEach((t, i) => ref(tracks, t.parent, ['tracks', i, 'parent'], 'filière parente'));
  grid.positions.forEach((p, i) => ref(tracks, p.track, ['positions', i, 'track'], 'filière'));
  grid.jobs.forEach((j, i) => {
    ref(tracks, j.track, ['jobs', i, 'track'], 'filière');
    j.positions.forEach((code, k) => ref(positions, code, ['jobs', i, 'positions', k], 'position'));
    ref(jobs, j.inherits, ['jobs', i, 'inherits'], 'emploi précédent');
    for (const c of Object.keys(j.criteria ?? {})) if (!grid.criteria.some((x) => x.id === c)) problems.add(['jobs', i, 'criteria', c], `critère inconnu : ${c}`);
  });
  // "Mêmes fonctions que précédent" must not loop back on itself.
  const byId = new Map(grid.jobs.map((j) => [j.id, j]));
  grid.jobs.forEach((j, i) => {
    const seen = new Set([j.id]);
    for (let p = j.inherits; p !== undefined; p = byId.get(p)?.inherits) {
      if (seen.has(p)) {
        problems.add(['jobs', i, 'inherits'], `héritage circulaire des fonctions : ${[...seen, p].join(' → ')}`);
        break;
      }
      seen.add(p);
    }
  });
  grid.positions.forEach((p, i) => {
    for (const c of Object.keys(p.criteria ?? {})) if (!grid.criteria.some((x) => x.id === c)) problems.add(['positions', i, 'criteria', c], `critère inconnu : ${c}`);
  });
  grid.rules.forEach((r, i) => {
    r.appliesTo.tracks?.forEach((v, k) => ref(tracks, v, ['rules', i, 'appliesTo', 'tracks', k], 'filière'));
    r.appliesTo.positions?.forEach((v, k) => ref(positions, v, ['rules', i, 'appliesTo', 'positions', k], 'position'));
    r.appliesTo.jobs?.forEach((v, k) => ref(jobs, v, ['rules', i, 'appliesTo', 'jobs', k], 'emploi'));
    r.appliesTo.levels?.forEach((v, k) => ref(levels, v, ['rules', i, 'appliesTo', 'levels', k], 'niveau'));
  });
  // Conditions may only name declared facts, and only their declared values.
  const facts = new Map(grid.facts.map((f) => [f.id, f]));
  unique(grid.facts, (f) => f.id, 'facts', 'fait');
  const checkCondition = (cond: Condition, path: (string | number)[]): void => {
    if ('all' in cond) return cond.all.forEach((c, k) => checkCondition(c, [...path, 'all', k]));
    if ('any' in cond) return cond.any.forEach((c, k) => checkCondition(c, [...path, 'any', k]));
    if ('not' in cond) return checkCondition(cond.not, [...path, 'not']);
    for (const name of [cond.fact, cond.coversFact]) {
      if (name !== undefined && !facts.has(name) && !(ENGINE_FACTS as readonly string[]).includes(name)) {
        problems.add([...path, 'fact'], `fait non déclaré dans « facts » : ${name}`);
      }
    }
    const declared = facts.get(cond.fact)?.values?.map((v) => v.id);
    if (declared) {
      for (const v of [cond.eq, ...(cond.in ?? []), ...(cond.includesAll ?? [])]) {
        if (v !== undefined && !declared.includes(String(v))) problems.add(path, `valeur inconnue pour le fait ${cond.fact} : « ${String(v)} » (valeurs : ${declared.join(', ')})`);
      }
    }
  };
  grid.rules.forEach((r, i) => r.when && checkCondition(r.when, ['rules', i, 'when']));
  // What a rule's params name must exist: a misspelt position or level would silently drop the rule.
  const criteria = new Set(grid.criteria.map((c) => c.id));
  grid.rules.forEach((r, i) => {
    const at = (...rest: (string | number)[]) => ['rules', i, 'params', ...rest];
    switch (r.kind) {
      case 'diploma-floor':
      case 'status-floor':
        return ref(positions, r.params.minPosition, at('minPosition'), 'position');
      case 'level-floor':
        return ref(levels, r.params.minLevel, at('minLevel'), 'niveau');
      case 'entry-period':
        return ref(levels, r.params.nextLevel, at('nextLevel'), 'niveau');
      case 'track-eligibility':
        return ref(tracks, r.params.otherwiseTrack, at('otherwiseTrack'), 'filière');
      case 'criteria-minimum':
        return r.params.criteria.forEach((c, k) => ref(new Set(facts.keys()), c, at('criteria', k), 'fait'));
      case 'range-choice':
        return r.params.determinants?.forEach((d, k) => ref(criteria, d.criterion, at('determinants', k, 'criterion'), 'critère'));
      default:
        return;
    }
  });
  // A cotation's criteria are declared facts (their values are its degrees) and its ranges give positions.
  const rated = new Set(grid.cotation?.criteria.map((c) => c.fact) ?? []);
  grid.cotation?.criteria.forEach((c, i) => {
    if (!grid.facts.some((f) => f.id === c.fact && f.type === 'enum')) problems.add(['cotation', 'criteria', i, 'fact'], `le critère doit être un fait de type enum déclaré dans « facts » : ${c.fact}`);
    c.degrees.forEach((d, k) => d.cues?.forEach((p, m) => {
      try {
        new RegExp(p);
      } catch {
        problems.add(['cotation', 'criteria', i, 'degrees', k, 'cues', m], `expression invalide : ${p}`);
      }
    }));
  });
  grid.cotation?.ranges.forEach((r, i) => ref(positions, r.position, ['cotation', 'ranges', i, 'position'], 'position'));
  grid.facts.forEach((f, i) => {
    if ((f.type === 'enum' || f.type === 'enum-list') && !f.values?.length && !rated.has(f.id)) problems.add(['facts', i, 'values'], `le fait ${f.id} doit lister ses valeurs`);
    // Cues for reading the fact in a job description: patterns that compile, values declared.
    const pattern = (p: string, path: (string | number)[]) => {
      try {
        new RegExp(p);
      } catch (e) {
        problems.add(path, `motif invalide : ${(e as Error).message}`);
      }
    };
    for (const key of ['cues', 'within', 'outside', 'unsaidUnless'] as const) f[key]?.forEach((p, k) => pattern(p, ['facts', i, key, k]));
    f.values?.forEach((v, k) => {
      v.cues?.forEach((p, m) => pattern(p, ['facts', i, 'values', k, 'cues', m]));
      v.denials?.forEach((p, m) => pattern(p, ['facts', i, 'values', k, 'denials', m]));
    });
    f.textValues?.forEach((t, k) => t.cues.forEach((p, m) => pattern(p, ['facts', i, 'textValues', k, 'cues', m])));
    const ids = new Set(f.values?.map((v) => v.id));
    f.prefer?.forEach((v, k) => ids.has(v) || problems.add(['facts', i, 'prefer', k], `valeur inconnue pour le fait ${f.id} : « ${v} »`));
    for (const v of f.unsaid === undefined || ids.size === 0 ? [] : [f.unsaid].flat()) {
      if (!ids.has(String(v))) problems.add(['facts', i, 'unsaid'], `valeur inconnue pour le fait ${f.id} : « ${String(v)} »`);
    }
  });

  grid.transpositions.forEach((t, i) => {
    t.rows.forEach((row, k) => row.when && checkCondition(row.when, ['transpositions', i, 'rows', k, 'when']));
    ref(tracks, t.track, ['transpositions', i, 'track'], 'filière');
    const from = earlierGrids.find((g) => g.id === t.fromGrid);
    if (!from) problems.add(['transpositions', i, 'fromGrid'], `grille d'origine inconnue (elle doit être listée avant) : ${t.fromGrid}`);
    const oldCodes = new Set(from?.positions.map((p) => p.code) ?? []);
    t.rows.forEach((row, k) => {
      if (from) row.from.forEach((c, m) => ref(oldCodes, c, ['transpositions', i, 'rows', k, 'from', m], `position de ${t.fromGrid}`));
      row.to.forEach((c, m) => ref(positions, c, ['transpositions', i, 'rows', k, 'to', m], 'position'));
    });
  });
  problems.throwIfAny(file);
}
