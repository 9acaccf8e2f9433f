/**
 * The minimum pay of rows like one (position, level, date, membership): the conventional minimum
 * or the SMIC, with a note when no scale is known or a later one binds only members.
 */
import type { Convention } from '../grids/convention.js';
import { formatDateFr } from '../model/french-date.js';
import type { WageScale } from '../model/wages.js';
import type { AuditContext, Located } from './audit-context.js';
import { conventionalMinimum, scaleFrom, smicAt } from './minimum.js';
import { outdatedScaleNote, outdatedSmicNote } from './outdated-minimum.js';
import type { StaticFields } from './row.js';
import { levelOf } from './row-facts.js';
import { PAY_PART_WORDS, type WageCheck } from './wage-finding.js';

/** The minimum pay of rows like this one, worked out once. */
export function wageCheck(ctx: AuditContext, conv: Convention, where: Located, e: StaticFields): WageCheck | undefined {
  const { at } = ctx.options;
  const level = e.niveau ? levelOf(where.grid, e.niveau) : undefined;
  // The user's scales first: on a day both give, the shipped scale, cited from the text, wins (inForceAt takes the last listed).
  const scales = [...(ctx.options.userScales?.get(conv.idcc) ?? []), ...conv.wageScales];
  const conventional = conventionalMinimum(scales, e.position, level, at, ctx.membership);
  const smic = smicAt(ctx.options.catalogue.smic, at);
  for (const note of [conventional && outdatedScaleNote(conv.idcc, scales, conventional.scale, at), smic && outdatedSmicNote(ctx.options.catalogue.smic, at)]) if (note) ctx.notes.add(note);
  if (!conventional) ctx.notes.add(`IDCC ${conv.idcc}, position ${e.position} : aucun barème conventionnel connu au ${formatDateFr(at)} ; salaires comparés au SMIC seul (${ctx.wording.wages}).`);
  if (conventional) excludedPayNote(ctx, conv.idcc, conventional.scale);
  // A later scale that binds only members of the signatory organisations (when membership is not "member").
  const forMembers = ctx.membership === 'member' ? undefined : conventionalMinimum(scales, e.position, level, at, 'member');
  const membersOnly = forMembers && forMembers.scale !== conventional?.scale && scaleFrom(forMembers.scale, ctx.membership) !== forMembers.scale.effectiveFrom ? { scale: forMembers.scale, from: forMembers.scale.effectiveFrom } : undefined;
  if (membersOnly) {
    ctx.notes.add(
      `IDCC ${conv.idcc} : ${membersOnly.scale.title} s'applique depuis le ${formatDateFr(membersOnly.from)} aux entreprises adhérentes d'une organisation signataire, pas encore aux autres (${membersOnly.scale.nonMembersReason ?? 'pas de date connue pour elles'}) ; ${ctx.membership === 'unknown' ? "l'adhésion de l'employeur n'étant pas indiquée, " : ''}le barème retenu est ${conventional ? `${conventional.scale.title}` : 'le SMIC seul'}.`,
    );
  }
  const required = Math.max(conventional?.amount ?? 0, smic?.amount ?? 0);
  if (required === 0) return undefined;
  return { required, position: e.position, ...(conventional ? { conventional } : {}), ...(smic ? { smic } : {}), ...(membersOnly ? { membersOnly } : {}) };
}

/** « a », « a et b », « a, b et c ». */
const listFr = (items: readonly string[]) => (items.length > 1 ? `${items.slice(0, -1).join(', ')} et ${items.at(-1)}` : (items[0] ?? ''));

/** Once per scale: which components the file lets the audit take off the pay, and which it compares as given. */
function excludedPayNote(ctx: AuditContext, idcc: string, scale: WageScale): void {
  const excludes = scale.comparedPay?.excludes;
  if (!excludes || excludes.length === 0) return;
  const given = excludes.filter((e) => ctx.headers.index[e.component] !== undefined);
  const absent = excludes.filter((e) => ctx.headers.index[e.component] === undefined);
  const why = `${scale.title} : salaire comparé au minimum sans ${excludes.map((e) => `« ${e.quote} »`).join(' ni ')}`;
  const headers = given.flatMap((e) => (ctx.headers.summed[e.component] ?? []).map((col) => `« ${col.name} »`));
  const taken = given.length > 0 ? ` ; les montants de ${listFr(headers)} sont retirés du salaire avant comparaison` : '';
  const asGiven = absent.length > 0 ? ` ; le fichier n'a pas de colonne ${absent.map((e) => `« ${PAY_PART_WORDS[e.component]} »`).join(' ni ')} : si ${ctx.header('salaire_mensuel_brut')} les inclut, ils sont comparés tels quels` : '';
  ctx.notes.add(`IDCC ${idcc}, ${why}${taken}${asGiven}.`);
}
