import type { ParseArgsConfig } from 'node:util';
import { findConvention, gridAt } from '../grids/lookup.js';
import { formatDateFr } from '../model/french-date.js';
import { InputError } from '../model/input-error.js';
import { parseTypedDate } from '../service/dates.js';
import { conventionsView, conventionView, gridView, searchView } from '../service/views.js';
import type { Catalogue, Convention } from '../grids/convention.js';
import { findConventions, normalizeNaf, searchAllConventions } from '../service/conventions.js';
import type { Grid } from '../grids/grid.js';
import { readFileSync } from 'node:fs';
import { searchGrid, SEARCH_MODES, type SearchMode } from '../match/grid-search.js';
import { cotationText } from './cotation-text.js';
import { classify } from '../classify/classify.js';
import { transpose } from '../classify/transpose.js';
import type { ClassifyResult, MissingFact, Reason, Warning } from '../classify/types.js';
import { STATUS_LABELS } from '../model/labels.js';
import { tiedText } from '../model/tie-fr.js';
import { reasonText, warningText } from '../model/reasons-fr.js';
import { explained } from '../service/explained.js';
import type { Source } from '../model/schema.js';
import { citationOf, citationText } from '../report/citation.js';
import { textsOf } from '../report/cited-texts.js';

type Values = Record<string, string | boolean | undefined>;

export interface Output {
  json: unknown;
  text: () => string;
}

export interface Command {
  usage: string;
  positionals: string[];
  /** How many positionals are required (default: all). */
  required?: number;
  /** Whether the last positional may repeat (several files). */
  variadic?: boolean;
  options: NonNullable<ParseArgsConfig['options']>;
  /** An answer to print, or an exit code once the command has written its output itself. */
  run(positionals: string[], values: Values): Output | Promise<number>;
}

let catalogue: Catalogue | undefined;
/** Set by main before a command runs (opening may read the snapshot or validate the files). */
export function useCatalogue(c: Catalogue): void {
  catalogue = c;
}
function getCatalogue(): Catalogue {
  if (!catalogue) throw new Error('catalogue non chargé');
  return catalogue;
}

const atOption = { at: { type: 'string' } } as const;

function period(grid: Pick<Grid, 'effectiveFrom' | 'effectiveTo'>): string {
  return grid.effectiveTo ? `du ${formatDateFr(grid.effectiveFrom)} au ${formatDateFr(grid.effectiveTo)}` : `depuis le ${formatDateFr(grid.effectiveFrom)}`;
}

/** A citation as the reader knows the text: title, article, quote and Légifrance link. */
function cite(source: Source, idcc: string): string {
  const conv = getCatalogue().convention(idcc);
  return citationText(citationOf(source, conv ? textsOf(conv) : undefined));
}

/** A convention in a few lines: its name, its NAF codes (with the text that states them), its grids. */
function conventionText(c: Convention): string {
  const naf = c.naf.length ? `  Codes NAF : ${c.naf.join(', ')}${c.nafSource ? ` — ${cite(c.nafSource, c.idcc)}` : ''}\n` : '';
  return `IDCC ${c.idcc} — ${c.title}\n  ${c.legifranceUrl}\n${naf}` + c.grids.map((g) => `  ${g.title} (${period(g)})\n`).join('');
}

function capitalizeFirst(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

const EVIDENCE_FIELDS: Record<string, string> = { title: 'intitulé', aliases: 'autre intitulé', duties: 'fonction', inherited: 'fonction (héritée)', mission: 'mission', activities: 'activité', criteria: 'critère', variation: 'facteur de variation', track: 'filière' };

/** The answer of one convention's search, in French. */
function searchText(answer: ReturnType<typeof searchView>, idcc: string, grid: { id: string; effectiveFrom: string; effectiveTo: string | null }): string {
  const head = `Recherche ${answer.mode === 'title' ? 'par intitulé' : 'par description'} — IDCC ${idcc}, grille ${grid.id} (${period(grid)})\n`;
  if (answer.byCotation) return head + cotationText(answer.byCotation, (source) => cite(source, idcc));
  if (answer.results.length === 0) return `${head}Aucun emploi-repère ne correspond. Essayez un autre intitulé ou décrivez les fonctions.\n`;
  // No card fits: the criteria read in the text (or the refusal toward the questionnaire) come
  // first, and the cards below are only the closest, as the web page shows them.
  const warn = answer.withoutCard
    ? `⚠ ${answer.withoutCard.message}\n${answer.withoutCard.criteria.map((c) => `   ${c.title} : ${c.position} — « ${c.evidence[0] ?? ''} »\n`).join('')}Emplois-repères les plus proches, à titre indicatif :\n`
    : answer.tiedWith
      ? `⚠ ${tiedText(answer.results[0]!, answer.tiedWith)}\n`
      : answer.uncertain
        ? '⚠ Réponse incertaine : plusieurs emplois-repères sont proches. Comparez leurs fonctions ou précisez la description.\n'
        : '';
  const lines = answer.results.map((r, i) => {
    const statuses = r.statuses.map((s) => STATUS_LABELS[s]).join(' à ');
    const ev = r.evidence
      .slice(0, 3)
      .map((e) => `     ${EVIDENCE_FIELDS[e.field] ?? e.field} : « ${e.text} »`)
      .join('\n');
    const conf = r.confidence !== undefined ? ` — confiance ${Math.round(r.confidence * 100)} %${i === 0 && answer.tiedWith ? ' pour le métier, niveau à départager' : ''}` : ` — score ${r.score.toFixed(2)}`;
    return `${i + 1}. ${r.job.title} — ${r.positions.join(', ')} (${statuses})${conf}\n     ${r.trackTitle}\n${ev}\n     source : ${cite(r.source, idcc)}`;
  });
  return `${head}${warn}${lines.join('\n')}\n`;
}

function parseLimit(value: string | boolean | undefined): number {
  if (value === undefined) return 10;
  const n = Number(value);
  if (typeof value !== 'string' || !/^\d+$/.test(value) || n < 1 || n > 200) {
    throw new InputError(`--limit invalide : « ${String(value)} ». Nombre entier attendu entre 1 et 200.`, 'invalid');
  }
  return n;
}

function gridFor(idcc: string, values: Values) {
  const conv = findConvention(getCatalogue(), idcc);
  const date = parseTypedDate(values.at as string | undefined, '--at : date');
  return { conv, grid: gridAt(conv, date) };
}

export const COMMANDS: Record<string, Command> = {
  conventions: {
    usage: 'classif conventions [--naf <code NAF>] [--name "<mots du nom ou IDCC>"] [--json]',
    positionals: [],
    options: { naf: { type: 'string' }, name: { type: 'string' } },
    run(_positionals, values) {
      const naf = values.naf as string | undefined;
      const name = values.name as string | undefined;
      if (naf === undefined && name === undefined) {
        const json = conventionsView(getCatalogue());
        return { json, text: () => getCatalogue().conventions.map((c) => conventionText(c)).join('\n') };
      }
      if (naf !== undefined && normalizeNaf(naf) === undefined) throw new InputError(`--naf invalide : « ${naf} ». Un code NAF s'écrit avec 4 chiffres et une lettre, par exemple 47.78A.`, 'invalid');
      const found = findConventions(getCatalogue(), { naf, q: name });
      return {
        json: found.map((f) => ({ ...conventionView(f.convention), matched: f.matched })),
        text: () =>
          found.length === 0
            ? `Aucune convention prise en charge ne correspond${naf ? ` au code NAF ${normalizeNaf(naf)}` : ''}${name ? ` à « ${name} »` : ''}. Conventions prises en charge : ${getCatalogue()
                .conventions.map((c) => `${c.shortTitle} (IDCC ${c.idcc})`)
                .join(', ')}.\n`
            : found.map((f) => conventionText(f.convention)).join('\n'),
      };
    },
  },

  grid: {
    usage: 'classif grid <idcc> [--at AAAA-MM-JJ] [--json]',
    positionals: ['<idcc>'],
    options: atOption,
    run([idcc], values) {
      const { conv, grid } = gridFor(idcc!, values);
      return {
        json: gridView(conv, grid),
        text: () => {
          const lines = [`IDCC ${conv.idcc} — ${grid.title}`, `Grille ${grid.id}, en vigueur ${period(grid)}`, ''];
          for (const track of grid.tracks) {
            const jobs = grid.jobs.filter((j) => j.track === track.id);
            lines.push(grid.trackLabel(track.id));
            for (const n of track.notes) lines.push(`  ⚠ ${n.text}`);
            for (const j of jobs) {
              const positions = grid.sortPositions(j.positions);
              const statuses = grid.jobStatuses(j).map((s) => STATUS_LABELS[s]).join(' à ');
              lines.push(`  ${positions.join(', ').padEnd(9)} ${j.title} — ${statuses}`);
            }
            lines.push('');
          }
          if (grid.rules.length > 0) {
            lines.push('Règles de classement');
            for (const r of grid.rules) lines.push(`  - ${r.text}`);
          }
          return `${lines.join('\n')}\n`;
        },
      };
    },
  },

  search: {
    usage: 'classif search [<idcc>] "<intitulé ou description du poste>" [--mode auto|title|description] [--limit N] [--at AAAA-MM-JJ] [--json]',
    positionals: ['[<idcc>]', '"<intitulé ou description du poste>"'],
    required: 1,
    options: { ...atOption, limit: { type: 'string' }, mode: { type: 'string' } },
    run(positionals, values) {
      const limit = parseLimit(values.limit);
      const mode = (values.mode ?? 'auto') as SearchMode;
      if (!SEARCH_MODES.includes(mode)) throw new InputError(`--mode invalide : « ${String(values.mode)} ». Valeurs : ${SEARCH_MODES.join(', ')}.`, 'invalid');
      if (positionals.length === 1) {
        // No convention named: every convention at once, grouped.
        const query = positionals[0]!;
        if (/^\d{4}$/.test(query.trim())) throw new InputError(`Texte recherché manquant après l'IDCC ${query.trim()}. Usage : classif search ${query.trim()} "<intitulé ou description>"`, 'invalid');
        const at = parseTypedDate(values.at as string | undefined, '--at : date');
        const groups = searchAllConventions(getCatalogue(), query, { at, limit, mode });
        return {
          json: { query, at, conventions: groups },
          text: () =>
            groups.length === 0
              ? 'Aucun emploi-repère ne correspond, dans aucune convention prise en charge. Essayez un autre intitulé ou décrivez les fonctions.\n'
              : groups.map((g) => `== ${capitalizeFirst(g.shortTitle)} (IDCC ${g.idcc}) ==\n${searchText(g, g.idcc, g.grid)}`).join('\n'),
        };
      }
      const [idcc, query] = positionals;
      const { conv, grid } = gridFor(idcc!, values);
      const view = searchView(conv, grid, query!, searchGrid(grid, query!, { limit, mode }));
      return { json: view, text: () => searchText(view, conv.idcc, grid) };
    },
  },

  classify: {
    usage: 'classif classify <idcc> --facts <fichier.json|-> [--at AAAA-MM-JJ] [--json]',
    positionals: ['<idcc>'],
    options: { ...atOption, facts: { type: 'string' } },
    run([idcc], values) {
      const { grid } = gridFor(idcc!, values);
      const at = parseTypedDate(values.at as string | undefined, '--at : date');
      const result = classify(grid, readFacts(values.facts), { at });
      return { json: explained(result), text: () => renderClassification(result) };
    },
  },

  transpose: {
    usage: 'classif transpose <idcc> --coefficient <ancien> [--facts <fichier.json|->] [--at AAAA-MM-JJ] [--json]',
    positionals: ['<idcc>'],
    options: { ...atOption, facts: { type: 'string' }, coefficient: { type: 'string' } },
    run([idcc], values) {
      const conv = findConvention(getCatalogue(), idcc!);
      const at = parseTypedDate(values.at as string | undefined, '--at : date');
      if (typeof values.coefficient !== 'string' || values.coefficient.trim() === '') {
        throw new InputError("Option --coefficient manquante : indiquez l'ancienne position (par exemple --coefficient 150).", 'invalid');
      }
      const result = transpose(conv, { from: values.coefficient, facts: values.facts === undefined ? {} : readFacts(values.facts), at });
      return {
        json: explained(result),
        text: () =>
          [
            `IDCC ${result.idcc} — de la grille ${result.from.grid.id} vers ${result.to.grid.id}`,
            `Ancienne position ${result.from.position} (${STATUS_LABELS[result.from.status]}) → ${result.to.positions.join(', ')}${result.to.statuses.length ? ` (${result.to.statuses.map((s) => STATUS_LABELS[s]).join(' ou ')})` : ''}${result.to.trackTitle ? ` — ${result.to.trackTitle}` : ''}`,
            ...renderParts(result.idcc, result.explanation, result.missing, result.warnings),
          ].join('\n') + '\n',
      };
    },
  },

  job: {
    usage: 'classif job <idcc> <identifiant d\'emploi> [--at AAAA-MM-JJ] [--json]',
    positionals: ['<idcc>', '<identifiant d\'emploi>'],
    options: atOption,
    run([idcc, jobId], values) {
      const { conv, grid } = gridFor(idcc!, values);
      const job = grid.job(jobId!);
      if (!job) throw new InputError(`Emploi inconnu dans la grille ${grid.id} : « ${jobId} ». Voir « classif grid ${conv.idcc} » pour la liste.`, 'not-found');
      const view = gridView(conv, grid).jobs.find((j) => j.id === job.id)!;
      const json = { idcc: conv.idcc, grid: grid.summary(), job: { ...job, ...view, trackTitle: grid.trackLabel(job.track), lineage: grid.jobLineage(job.id).map((j) => j.id) } };
      return {
        json,
        text: () =>
          [
            `${job.title} — ${view.positions.join(', ')} (${view.statuses.map((s) => STATUS_LABELS[s]).join(' à ')})`,
            grid.trackLabel(job.track),
            ...(job.mission ? [`Mission : ${job.mission}`] : []),
            'Fonctions :',
            ...view.duties.map((d) => `  - ${d}`),
            ...Object.entries(job.criteria ?? {}).flatMap(([c, texts]) => [`${grid.criteria.find((x) => x.id === c)?.title ?? c} :`, ...texts.map((t) => `  - ${t}`)]),
            ...job.notes.flatMap((n) => [`Précision du texte : ${n.text} (${cite(n.source, conv.idcc)})`, ...(n.comment ? [`  Lecture du texte : ${n.comment}`] : [])]),
            `Source : ${cite(job.source, conv.idcc)}`,
            '',
          ].join('\n'),
      };
    },
  },
};

/** Facts from a JSON file, or from standard input with `-`. */
function readFacts(path: string | boolean | undefined): unknown {
  if (typeof path !== 'string' || path === '') throw new InputError('Option --facts manquante : donnez un fichier JSON de faits, ou « - » pour les lire sur l\'entrée standard.', 'invalid');
  let text: string;
  try {
    text = readFileSync(path === '-' ? 0 : path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new InputError(`Fichier de faits introuvable : « ${path} ».`, 'not-found');
    throw new InputError(`Fichier de faits illisible : « ${path} » (${(e as NodeJS.ErrnoException).code === 'EISDIR' ? "c'est un dossier" : 'lecture refusée'}).`, 'invalid');
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new InputError(`Fichier de faits invalide (${path === '-' ? 'entrée standard' : path}) : ce n'est pas du JSON valide (${(e as Error).message}).`, 'invalid');
  }
}

function renderParts(idcc: string, explanation: Reason[], missing: MissingFact[], warnings: Warning[]): string[] {
  const lines: string[] = [];
  if (warnings.length) lines.push('', 'Avertissements :', ...warnings.map((w) => `  ⚠ ${warningText(w)}${w.dueDate ? ` (échéance : ${formatDateFr(w.dueDate)})` : ''}`));
  lines.push('', 'Raisons :', ...explanation.flatMap((r, i) => [`  ${i + 1}. ${reasonText(r)}`, `     source : ${cite(r.source, idcc)}`]));
  if (missing.length) {
    lines.push('', 'Pour préciser, répondez à :', ...missing.map((m) => `  - ${m.question} (${m.fact}${m.values ? ` : ${m.values.map((v) => v.id).join(' | ')}` : ''})`));
  }
  return lines;
}

/** The positions, per track when the facts leave several parallel tracks open (« K (Filière …) ou 3.6 (Filière …) »). */
function positionsText(r: ClassifyResult): string {
  const tracks = r.explanation.filter((e) => e.code === 'track-open');
  if (tracks.length < 2) return r.positions.join(', ');
  return tracks
    .filter((t) => t.params.positions.length > 0)
    .map((t) => `${t.params.positions.join(', ')} (${t.params.trackTitle})`)
    .join(' ou ');
}

function renderClassification(r: ClassifyResult): string {
  const statuses = r.statuses.map((s) => STATUS_LABELS[s]).join(' ou ');
  const head =
    r.outcome === 'not-applicable'
      ? 'Résultat : non applicable — les faits excluent cet emploi de la grille.'
      : `Résultat${r.outcome === 'unknown' ? ' (incomplet)' : ''} : ${r.positions.length > 1 ? 'positions' : 'position'} ${positionsText(r)}${statuses ? ` (${statuses})` : ''}${r.level ? ` — niveau ${r.level.join(' ou ')}` : ''}`;
  return (
    [
      `IDCC ${r.idcc} — grille ${r.grid.id} — au ${formatDateFr(r.at)}`,
      head,
      ...(r.trackTitle ? [`Filière : ${r.trackTitle}`] : []),
      ...(r.job ? [`Emploi-repère : ${r.job.title}`] : []),
      ...renderParts(r.idcc, r.explanation, r.missing, r.warnings),
    ].join('\n') + '\n'
  );
}

COMMANDS.audit = {
  usage:
    'classif audit <fichier.csv|xlsx|dsn|zip> [autres DSN…] [--at AAAA-MM-JJ] [--json | --out rapport.(json|ndjson|csv|html|pdf)] [--fail-on error|warning|info] [--wages bareme.csv] [--column "En-tête=colonne"]… [--mapping colonnes.json] [--adherent oui|non|inconnu] | classif audit --template [--out modele.csv]',
  positionals: ['<fichier.csv|xlsx|dsn|zip>'],
  required: 0,
  variadic: true,
  options: {
    ...atOption,
    out: { type: 'string' },
    'fail-on': { type: 'string' },
    wages: { type: 'string' },
    template: { type: 'boolean' },
    threads: { type: 'string' },
    column: { type: 'string', multiple: true },
    mapping: { type: 'string' },
    adherent: { type: 'string' },
  },
  // Loaded on demand: the CSV, XLSX and report libraries would slow every other command's start.
  run: async (positionals, values) => (await import('./audit.js')).runAudit(getCatalogue(), positionals, values),
};

export const HELP = `classif — classification des emplois selon les conventions collectives

Commandes :
  classif conventions [--naf <code>] [--name "<nom ou IDCC>"] [--json]
                                                     conventions prises en charge ; trouver la sienne par le code NAF (APE)
                                                     de l'entreprise, par son nom ou son IDCC
  classif grid <idcc> [--at AAAA-MM-JJ] [--json]     grille en vigueur à une date (aujourd'hui par défaut)
  classif search [<idcc>] "<intitulé ou description>" [--mode auto|title|description] [--limit N] [--at …] [--json]
                                                     emplois-repères correspondant à un intitulé ou à une description,
                                                     dans toutes les conventions si l'IDCC n'est pas donné
  classif classify <idcc> --facts <fichier.json|-> [--at AAAA-MM-JJ] [--json]
                                                     position, statut et niveau à partir des faits, avec les raisons
  classif transpose <idcc> --coefficient <ancien> [--facts <fichier.json|->] [--at …] [--json]
                                                     passage d'une ancienne grille à la nouvelle
  classif job <idcc> <identifiant> [--at …] [--json] fiche complète d'un emploi (fonctions héritées comprises)

  classif audit <fichier.csv|xlsx|dsn…> [--at …] [--json | --out rapport.(json|ndjson|csv|html|pdf)] [--fail-on error|warning|info] [--wages bareme.csv]
                [--column "En-tête=colonne"]… [--mapping colonnes.json] [--adherent oui|non|inconnu]
                                                     audit d'une liste du personnel (modèle : classif audit --template)

Codes de sortie : 0 succès, 1 constats de la gravité de --fail-on (audit) ou erreur interne, 2 saisie invalide,
3 introuvable, 4 données de grille invalides.
`;
