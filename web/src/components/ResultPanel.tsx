/**
 * The answer of the engine as it stands: position or range, status, level, filière, warnings
 * and every reason with its citation.
 */
import type { ClassifyResult, ConventionView, GridView, ReasonCode } from '../types.js';
import { verdictText } from './Letter.js';
import { href, Link } from '../router.js';
import { Cite, Entry, formatDateFr, levelText, Positions, rangeByTrack, StatusText } from './ui.js';
import { sentences } from './sentences.js';

const REASON_TITLES: Partial<Record<ReasonCode, string>> = {
  range: 'Plage laissée au choix',
  assumption: 'Hypothèse',
};

export function ResultPanel({
  result,
  conv,
  final,
  grid,
  recorded = false,
}: {
  result: ClassifyResult;
  conv?: ConventionView | undefined;
  final: boolean;
  grid?: GridView | undefined;
  /** A recorded decision: its reasons read as recorded. */
  recorded?: boolean;
}) {
  const say = sentences(recorded);
  const title =
    result.outcome === 'not-applicable' ? 'Non applicable' : final ? 'Classement' : result.outcome === 'unknown' ? 'Réponse à ce stade' : 'Réponse provisoire';
  return (
    <section className="card" aria-labelledby="titre-reponse">
      <h2 id="titre-reponse">{title}</h2>
      <p className="verdict">{verdictText(result, grid)}</p>
      {result.outcome !== 'not-applicable' ? (
        <dl className="kv">
          <dt>{result.positions.length > 1 ? 'Positions possibles' : 'Position'}</dt>
          <dd>
            {result.positions.length > 8 ? rangeByTrack(result.positions, grid) : <Positions positions={result.positions} />}
          </dd>
          <dt>Statut</dt>
          <dd>
            {result.status ? <StatusText statuses={[result.status]} /> : <StatusText statuses={result.statuses} />}
          </dd>
          <Entry label="Niveau">{result.level?.length ? levelText(result.level, grid) : null}</Entry>
          <Entry label="Filière">{result.trackTitle}</Entry>
          <Entry label="Emploi-repère">{result.job?.title}</Entry>
          <dt>Grille</dt>
          <dd>
            {result.grid.title} — au {formatDateFr(result.at)}
          </dd>
        </dl>
      ) : null}
      {!final && result.missing.length > 0 && result.outcome !== 'not-applicable' ? (
        <p className="muted small">
          {result.missing.length === 1 ? 'Une question peut encore préciser la réponse.' : `${result.missing.length} questions peuvent encore préciser la réponse.`}
        </p>
      ) : null}
      <NextSteps result={result} />
      {result.warnings.length ? (
        <div className="notice notice-warning">
          <p className="notice-title">À vérifier</p>
          <ul>
            {result.warnings.map((w, i) => (
              <li key={i}>
                {say.warning(w)}
                {w.dueDate ? <strong> Échéance : {formatDateFr(w.dueDate)}.</strong> : null}
                {w.source ? <Cite source={w.source} conv={conv} compact /> : null}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <h3>Pourquoi</h3>
      <ol className="reasons">
        {result.explanation.map((r, i) => (
          <li key={i}>
            {REASON_TITLES[r.code] ? <strong>{REASON_TITLES[r.code]} : </strong> : null}
            {say.reason(r)}
            <Cite source={r.source} conv={conv} compact />
          </li>
        ))}
      </ol>
    </section>
  );
}

/** What the employer must do now: the position due after a maximum period, and from when. */
export function NextSteps({ result }: { result: ClassifyResult }) {
  const due = result.warnings.filter((w) => w.next && w.dueDate);
  if (due.length === 0) return null;
  return (
    <div className="notice notice-info next-steps">
      <p className="notice-title">Ce qu’il faut faire</p>
      <ul>
        {due.map((w, i) => (
          <li key={i}>
            Passer le salarié en position <strong>{w.next!.position}</strong>
            {w.next!.job ? <> ({w.next!.job.title})</> : null} : elle lui est due depuis le <strong>{formatDateFr(w.dueDate!)}</strong>.{' '}
            {w.next!.job ? (
              <Link to={href('/classer', { idcc: result.idcc, job: w.next!.job.id, at: result.at })}>Classer en {w.next!.job.title}</Link>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
