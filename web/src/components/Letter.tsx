/**
 * The written classification an employer hands to an employee: the convention, the grid, the
 * position and status, what the text says and why, the facts taken into account, and room for
 * signatures. Shown on the decision page and printed (or saved as PDF) from the browser.
 */
import type { ClassifyResult, ConventionView, FactValue, GridView, MissingFact } from '../types.js';
import { answerText } from './FactQuestion.js';
import { Cite, Entry, formatDateFr, formatDateLong, levelText, period, questionText, rangeByTrack, statusLabel } from './ui.js';
import { sentences } from './sentences.js';

export interface LetterAnswer {
  fact: MissingFact;
  value: FactValue;
}

/** The answer in one line; with the grid, a range across filières is given per filière. */
export function verdictText(r: ClassifyResult, grid?: GridView): string {
  if (r.outcome === 'not-applicable') return 'Non applicable : les éléments donnés excluent cet emploi de la grille.';
  const job = r.job && r.positions.length === 1 ? ` (${r.job.title})` : '';
  const pos = r.positions.length === 0 ? 'à déterminer' : r.positions.length > 1 ? `positions ${rangeByTrack(r.positions, grid)}` : `position ${r.positions[0]}${job}`;
  const statuses = r.statuses.length > 2 ? ' — statut à préciser' : r.statuses.length ? ` — ${r.statuses.map(statusLabel).join(' ou ')}` : '';
  const level = r.level?.length ? ` — niveau ${levelText(r.level, grid)}` : '';
  return `${pos.charAt(0).toUpperCase()}${pos.slice(1)}${statuses}${level}`;
}

export function Letter({
  result,
  answers,
  conv,
  grid,
  organisation,
  employee,
  jobTitle,
  reference,
  createdAt,
  retained,
  id,
  recorded = false,
}: {
  result: ClassifyResult;
  answers: LetterAnswer[];
  conv?: ConventionView | undefined;
  grid?: GridView | undefined;
  organisation?: string | null | undefined;
  employee?: string | null | undefined;
  jobTitle?: string | null | undefined;
  reference?: string | null | undefined;
  createdAt?: string | null | undefined;
  /** The position the employer retained inside the range the text leaves open. */
  retained?: string | null | undefined;
  id?: string;
  /** A recorded decision: its reasons read as recorded. */
  recorded?: boolean;
}) {
  const say = sentences(recorded);
  const blank = '……………………………………';
  const range = result.positions.length > 1 && result.outcome === 'result';
  const retainedStatus = retained
    ? (grid?.positions.find((p) => p.code === retained && (!p.track || !result.track || p.track === result.track || result.track.startsWith(`${p.track}/`)))?.status ?? result.status)
    : null;
  return (
    <article className="letter" id={id} aria-labelledby={id ? `${id}-titre` : undefined}>
      <header>
        {organisation ? <p>{organisation}</p> : <p className="print-only">Employeur : {blank}</p>}
        <h2 id={id ? `${id}-titre` : undefined}>Notification de classification</h2>
        <p>
          {conv?.title ?? 'Convention collective'} (IDCC {result.idcc})
        </p>
      </header>
      <dl className="kv">
        <dt>Salarié</dt>
        <dd>{employee || blank}</dd>
        <Entry label="Emploi occupé">{jobTitle || !result.job ? jobTitle || blank : null}</Entry>
        <Entry label="Emploi-repère">{result.job?.title}</Entry>
        <Entry label="Filière">{result.trackTitle}</Entry>
        <dt>Classement</dt>
        <dd>
          {retained ? (
            <>
              <strong>
                Position {retained}
                {retainedStatus ? ` — ${statusLabel(retainedStatus)}` : ''}
                {result.level?.length ? ` — niveau ${levelText(result.level, grid)}` : ''}
              </strong>
              {range ? <span> (retenue par l’employeur dans la plage {rangeByTrack(result.positions, grid)} que laisse le texte)</span> : null}
            </>
          ) : (
            <>
              <strong>{verdictText(result, grid)}</strong>
              {range ? <span> (le texte laisse le choix dans cette plage : voir les raisons)</span> : null}
            </>
          )}
        </dd>
        <dt>Grille appliquée</dt>
        <dd>
          {result.grid.title} ({period(result.grid)})
        </dd>
        <dt>Date du classement</dt>
        <dd>{formatDateLong(result.at)}</dd>
        <Entry label="Référence">{reference}</Entry>
      </dl>

      {result.warnings.length ? (
        <>
          <h3>Points d’attention</h3>
          <ul>
            {result.warnings.map((w, i) => (
              <li key={i}>
                {say.warning(w)}
                {w.dueDate ? ` (échéance : ${formatDateFr(w.dueDate)})` : ''}
              </li>
            ))}
          </ul>
        </>
      ) : null}

      <h3>Ce qui fonde ce classement</h3>
      <ol className="reasons">
        {result.explanation.map((r, i) => (
          <li key={i}>
            {say.reason(r)}
            <Cite source={r.source} conv={conv} compact />
          </li>
        ))}
      </ol>

      {answers.length ? (
        <>
          <h3>Éléments pris en compte</h3>
          <ul>
            {answers.map((a) => (
              <li key={a.fact.fact}>
                {questionText(a.fact.question)} <strong>{answerText(a.fact, a.value, grid)}</strong>
              </li>
            ))}
          </ul>
        </>
      ) : null}

      {result.missing.length ? (
        <p className="small">
          Éléments non renseignés, qui pourraient préciser le classement : {result.missing.map((m) => questionText(m.question)).join(' ; ')}
        </p>
      ) : null}

      <p className="small">
        Les textes cités sont consultables sur Légifrance (www.legifrance.gouv.fr){conv ? `, convention collective IDCC ${conv.idcc}` : ''}.
        {createdAt ? ` Décision établie le ${formatDateFr(createdAt)} avec classif.` : ' Établi avec classif.'}
      </p>
      <p>Fait à {blank}, le {blank}</p>
      <div className="signatures">
        <div className="signature-box">Pour l’employeur (nom, qualité, signature)</div>
        <div className="signature-box">Le salarié (« pris connaissance », date, signature)</div>
      </div>
    </article>
  );
}
