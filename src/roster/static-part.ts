/**
 * Everything an audit says of the repeating columns of a row (convention, position, level, statut,
 * job, diploma…), worked out once per distinct combination and shared by the rows that have it.
 */
import type { Grid } from '../grids/grid.js';
import type { IsoDate } from '../grids/dates.js';
import { findConvention } from '../grids/lookup.js';
import { formatDateFr } from '../model/french-date.js';
import type { InputError } from '../model/input-error.js';
import type { AuditContext } from './audit-context.js';
import type { HeadcountRow } from './audit-summary.js';
import type { Column } from './columns.js';
import type { Counter } from './coverage.js';
import { parsePositionText, vocabularyOf } from './dsn/position-text.js';
import { entryCheck, type EntryCheck } from './entry-period.js';
import { said, type StaticFinding } from './finding.js';
import { abolished, classification, classificationCoverage, declaredStatus, outdated } from './position-checks.js';
import { readStatic, type CellError, type StaticFields } from './row.js';
import { factsOf } from './row-facts.js';
import { COVERED_RULES, type RuleId } from './rule-ids.js';
import { wageCheck } from './wage-check.js';
import type { WageCheck } from './wage-finding.js';

export interface StaticPart {
  errors: CellError[];
  fields?: StaticFields;
  conventionError?: string;
  findings: StaticFinding[];
  head?: HeadcountRow;
  entry?: EntryCheck;
  wage?: WageCheck;
  /** Coverage of the rules that depend only on these columns. */
  counters: Counter[];
  /** Why the entry period could not be checked on these rows (none applies when undefined and no entry). */
  entryUnchecked?: Counter;
  /** Why the pay could not be compared (no minimum known). */
  wageUnchecked?: Counter;
}

/** Whether a grid binds every employer at `at`, members of the signatory organisations or not. */
function bindsNonMembers(grid: Grid, at: IsoDate): boolean {
  return grid.nonMembersFrom === undefined || (grid.nonMembersFrom !== null && at >= grid.nonMembersFrom);
}

/** Everything that depends only on the repeating columns of a row. */
export function staticPart(ctx: AuditContext, get: (c: Column) => string | undefined): StaticPart {
  const errors: CellError[] = [];
  const read = readStatic(get, (column, value, message) => errors.push({ column, value, message }));
  if (!read) return { errors, findings: [], counters: [] };
  let fields = read;
  const conv = ctx.convs.get(fields.idcc, () => {
    try {
      return findConvention(ctx.options.catalogue, fields.idcc);
    } catch (e) {
      return e as InputError;
    }
  });
  if (conv instanceof Error) return { errors, fields, findings: [], conventionError: conv.message, counters: [] };
  const { at } = ctx.options;
  const c = ctx.coverage;
  /** Every rule but the matricule's, not checked for `reason`. */
  const none = (reason: string, except: RuleId[] = []) => COVERED_RULES.filter((r) => r !== 'duplicate-matricule' && !except.includes(r)).map((r) => c.notChecked(r, reason));
  let grid = conv.gridAt(at);
  if (grid && ctx.membership === 'non-member' && !bindsNonMembers(grid, at)) {
    // A grid that binds only members before its extension: a non-member keeps the one it replaced.
    const before = conv.grids[conv.grids.indexOf(grid) - 1];
    if (before) {
      ctx.notes.add(
        `IDCC ${conv.idcc} : employeur non adhérent d'une organisation signataire : la grille « ${before.title} » est appliquée ; la grille « ${grid.title} » ne le lie qu'à compter de son extension (${grid.nonMembersReason ?? 'date inconnue'}).`,
      );
      grid = before;
    }
  }
  if (!grid) {
    return { errors, fields, counters: none(`aucune grille de l'IDCC ${conv.idcc} en vigueur à la date`), findings: [{ rule: 'invalid-row', severity: 'error', ...said({ code: 'invalid-row.no-grid', params: { idcc: conv.idcc, at } }), source: conv.grids[0]!.source }] };
  }
  if (ctx.membership === 'unknown' && !bindsNonMembers(grid, at)) {
    ctx.notes.add(
      `IDCC ${conv.idcc} : la grille « ${grid.title} » est appliquée depuis le ${formatDateFr(grid.effectiveFrom)}, date à laquelle elle lie les entreprises adhérentes d'une organisation signataire ; ${ctx.membership === 'unknown' ? "l'adhésion de l'employeur n'est pas indiquée ; " : ''}une entreprise non adhérente n'est tenue de l'appliquer qu'à compter de son extension (${grid.nonMembersReason ?? 'date inconnue'}).`,
    );
  }
  let where = ctx.locate(conv, grid, fields.position);
  if (!where) {
    // A position in words ("Coefficient 195 échelon 2", "Catégorie C - maîtrisant"), as a DSN's S21.G00.40.041 holds it.
    const parsed = parsePositionText(get('position') ?? fields.position, ctx.vocabularies.get(conv.idcc, () => vocabularyOf(conv)));
    if (parsed) {
      fields = { ...fields, position: parsed.code, niveau: fields.niveau ?? parsed.level };
      where = ctx.locate(conv, grid, fields.position);
    }
  }
  const head = ctx.headFor(fields, where);
  const positionChecked = [c.checked('unknown-position'), c.checked('grid-outdated')];
  if (!where) {
    const grids = [...conv.grids].reverse().map((g) => ({ title: g.title, positions: g.positions.map((p) => p.code) }));
    return {
      errors,
      fields,
      head,
      counters: [...positionChecked, ...none('position inconnue de la convention', ['unknown-position', 'grid-outdated'])],
      findings: [{ rule: 'unknown-position', severity: 'error', ...said({ code: 'unknown-position', params: { value: get('position') ?? fields.position, header: ctx.header('position'), idcc: conv.idcc, grids } }), expected: grid.positions.map((p) => p.code), source: grid.source }],
    };
  }
  if (conv.grids.indexOf(where.grid) > conv.grids.indexOf(grid)) {
    // A grid signed but not yet in force at the audit date: members of the signatory
    // organisations may apply it early, so this is a warning, not an unknown position.
    return {
      errors,
      fields,
      head,
      counters: [...positionChecked, ...none("position d'une grille pas encore en vigueur à la date", ['unknown-position', 'grid-outdated'])],
      findings: [
        {
          rule: 'unknown-position',
          severity: 'warning',
          ...said({
            code: 'unknown-position.not-in-force',
            params: { position: fields.position, gridTitle: where.grid.title, from: where.grid.effectiveFrom, at, currentGridTitle: grid.title, currentPositions: grid.positions.map((p) => p.code) },
          }),
          expected: grid.positions.map((p) => p.code),
          dueDate: where.grid.effectiveFrom,
          source: where.grid.source,
        },
      ],
    };
  }
  const facts = factsOf(ctx, where.grid, fields);
  const findings = [...abolished(ctx, where.position), ...declaredStatus(ctx, where.position, fields, get('statut'))];
  findings.push(...(where.current ? classification(ctx, grid, where.position, fields, facts) : outdated(ctx, conv, grid, where, fields)));
  const counters = [...positionChecked, fields.statut ? c.checked('status-below-required') : c.notChecked('status-below-required', ctx.absent('statut'))];
  let entry: EntryCheck | undefined;
  let entryUnchecked: Counter | undefined;
  if (where.current) {
    counters.push(...classificationCoverage(ctx, grid, where.position, fields));
    const found = entryCheck(grid, where.position, fields, facts);
    if (found === 'needs-job') entryUnchecked = c.notChecked('entry-period-exceeded', `emploi nécessaire pour savoir si une période d'accueil s'applique (${ctx.absent('emploi')} ou intitulé non reconnu)`);
    else if (found) entry = found;
    else counters.push(c.checked('entry-period-exceeded'));
  } else {
    const old = "position d'une grille remplacée (voir « grille dépassée »)";
    counters.push(...(['below-diploma-minimum', 'track-requires-diploma', 'job-position-mismatch'] as const).map((r) => c.notChecked(r, old)));
    entryUnchecked = c.notChecked('entry-period-exceeded', old);
  }
  const wage = wageCheck(ctx, conv, where, fields);
  return {
    errors,
    fields,
    head,
    findings,
    counters,
    ...(entry ? { entry } : {}),
    ...(entryUnchecked ? { entryUnchecked } : {}),
    ...(wage ? { wage } : { wageUnchecked: c.notChecked('below-minimum-wage', 'aucun minimum (barème ni SMIC) connu à la date') }),
  };
}
