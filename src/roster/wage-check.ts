/**
 * The minimum pay of rows like one (position, level, date, membership): the conventional minimum
 * or the SMIC, with a note when no scale is known or a later one binds only members.
 */
import type { Convention } from '../grids/convention.js';
import { formatDateFr } from '../model/french-date.js';
import type { AuditContext, Located } from './audit-context.js';
import { conventionalMinimum, scaleFrom, smicAt } from './minimum.js';
import { outdatedScaleNote, outdatedSmicNote } from './outdated-minimum.js';
import type { StaticFields } from './row.js';
import { levelOf } from './row-facts.js';
import type { WageCheck } from './wage-finding.js';

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
