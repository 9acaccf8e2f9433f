import type { ParseArgsConfig } from 'node:util';
import { findConvention, formatDateFr, gridAt, InputError, parseDate } from '../api/lookup.js';
import { conventionsView, gridView, searchView } from '../api/views.js';
import type { Catalogue } from '../grids/convention.js';
import type { Grid } from '../grids/grid.js';
import { searchJobs } from '../match/search.js';
import { STATUS_LABELS } from '../model/labels.js';
import type { Source } from '../model/schema.js';

type Values = Record<string, string | boolean | undefined>;

export interface Output {
  json: unknown;
  text: () => string;
}

export interface Command {
  usage: string;
  positionals: string[];
  options: NonNullable<ParseArgsConfig['options']>;
  run(positionals: string[], values: Values): Output;
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

function period(grid: Grid): string {
  return grid.effectiveTo ? `du ${formatDateFr(grid.effectiveFrom)} au ${formatDateFr(grid.effectiveTo)}` : `depuis le ${formatDateFr(grid.effectiveFrom)}`;
}

function cite(source: Source): string {
  return `${source.doc}${source.article ? ` ${source.article}` : ''} « ${source.quote} »`;
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
  const date = parseDate(values.at as string | undefined, '--at : date');
  return { conv, grid: gridAt(conv, date) };
}

export const COMMANDS: Record<string, Command> = {
  conventions: {
    usage: 'classif conventions [--json]',
    positionals: [],
    options: {},
    run() {
      const json = conventionsView(getCatalogue());
      return {
        json,
        text: () =>
          getCatalogue()
            .conventions.map(
              (c) =>
                `IDCC ${c.idcc} — ${c.title}\n  ${c.legifranceUrl}\n` +
                c.grids.map((g) => `  ${g.id.padEnd(10)} ${g.title} (${period(g)})\n`).join(''),
            )
            .join('\n'),
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
    usage: 'classif search <idcc> "<intitulé d\'emploi>" [--limit N] [--at AAAA-MM-JJ] [--json]',
    positionals: ['<idcc>', '"<intitulé d\'emploi>"'],
    options: { ...atOption, limit: { type: 'string' } },
    run([idcc, query], values) {
      const limit = parseLimit(values.limit);
      const { conv, grid } = gridFor(idcc!, values);
      if (query!.trim() === '') throw new InputError('Le texte recherché est vide : indiquez un intitulé d\'emploi.', 'invalid');
      const results = searchJobs(grid, query!, { limit });
      return {
        json: searchView(conv, grid, query!, results),
        text: () => {
          const head = `Recherche « ${query} » — IDCC ${conv.idcc}, grille ${grid.id} (${period(grid)})\n`;
          if (results.length === 0) return `${head}Aucun emploi-repère ne correspond. Essayez un autre intitulé ou une description des fonctions.\n`;
          return (
            head +
            results
              .map((r, i) => {
                const statuses = r.statuses.map((s) => STATUS_LABELS[s]).join(' à ');
                const ev = r.evidence
                  .slice(0, 3)
                  .map((e) => `     ${e.field === 'title' ? 'intitulé' : e.field === 'duties' ? 'fonction' : e.field === 'aliases' ? 'autre intitulé' : 'filière'} : « ${e.text} »`)
                  .join('\n');
                return `${i + 1}. ${r.job.title} — ${r.positions.join(', ')} (${statuses}) — score ${r.score.toFixed(2)}\n     ${r.trackTitle}\n${ev}\n     source : ${cite(r.source)}`;
              })
              .join('\n') +
            '\n'
          );
        },
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
            `Source : ${cite(job.source)}`,
            '',
          ].join('\n'),
      };
    },
  },
};

export const HELP = `classif — classification des emplois selon les conventions collectives

Commandes :
  classif conventions [--json]                       conventions prises en charge et versions de leurs grilles
  classif grid <idcc> [--at AAAA-MM-JJ] [--json]     grille en vigueur à une date (aujourd'hui par défaut)
  classif search <idcc> "<intitulé>" [--limit N] [--at AAAA-MM-JJ] [--json]
                                                     emplois-repères correspondant à un intitulé
  classif job <idcc> <identifiant> [--at …] [--json] fiche complète d'un emploi (fonctions héritées comprises)

Codes de sortie : 0 succès, 2 saisie invalide, 3 introuvable, 4 données de grille invalides, 1 erreur interne.
`;
