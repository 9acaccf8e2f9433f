/**
 * A saved classification decision: the written classification to hand to the employee, ready
 * to print or to save as PDF from the browser, with its versions and the detail of the reasons.
 */
import { api } from '../api.js';
import { ROUTES, type Decision, type Employee } from '../account-api.js';
import { Letter, type LetterAnswer } from '../components/Letter.js';
import { ResultPanel } from '../components/ResultPanel.js';
import { ErrorBox, formatDateFr, Loading, PageHeading, usePageTitle } from '../components/ui.js';
import { loadGrid, useAsync, useConventions } from '../data.js';
import { href, Link } from '../router.js';
import { canWrite, useSession } from '../session.js';
import type { FactValue, MissingFact } from '../types.js';

interface FactsView {
  facts: (MissingFact & { id: string })[];
}

/** The facts of a decision with their questions, as the questionnaire asked them. */
function answersOf(facts: Record<string, FactValue>, defs: FactsView | undefined): LetterAnswer[] {
  return Object.entries(facts ?? {}).map(([fact, value]) => {
    const def = defs?.facts.find((f) => f.id === fact);
    const type = def?.type ?? (fact === 'jobId' ? 'job' : typeof value === 'boolean' ? 'boolean' : typeof value === 'number' ? 'number' : Array.isArray(value) ? 'enum-list' : 'enum');
    return { fact: { fact, question: def?.question ?? fact, type, ...(def?.values ? { values: def.values } : {}) }, value };
  });
}

/** « Optique Martin — décision n° 2026-0007, version 2 »: what a person can read out and file. */
export function decisionReference(d: Pick<Decision, 'reference' | 'version'>, organisation: string | undefined): string | undefined {
  if (!d.reference) return undefined;
  return `${organisation ? `${organisation} — ` : ''}décision n° ${d.reference}${d.version > 1 ? `, version ${d.version}` : ''}`;
}

export function DecisionPage({ id }: { id: string }) {
  usePageTitle('Décision de classement');
  const { me } = useSession();
  const convs = useConventions();
  const decision = useAsync((signal) => api<Decision>(ROUTES.decision(id), { signal }), `decision:${id}`);
  const d = decision.state === 'done' ? decision.data : undefined;
  const grid = useAsync(() => loadGrid(d!.idcc, d!.at), d ? `${d.idcc}:${d.at}` : null);
  const defs = useAsync((signal) => api<FactsView>(href(`/api/conventions/${encodeURIComponent(d!.idcc)}/facts`, { at: d!.at }), { signal }), d ? `facts:${d.idcc}:${d.at}` : null);
  const employee = useAsync((signal) => api<Employee>(ROUTES.employee(d!.employeeId!), { signal }), d?.employeeId ? `employee:${d.employeeId}` : null);
  const conv = convs.state === 'done' && d ? convs.data.find((c) => c.idcc === d.idcc) : undefined;
  const g = grid.state === 'done' ? grid.data : undefined;
  const emp = employee.state === 'done' ? employee.data : undefined;
  // The questionnaire writes the job's title in the company as the comment's first line.
  const POST = 'Poste dans l’entreprise : ';
  const lines = (d?.comment ?? '').split('\n');
  const jobTitle = lines[0]?.startsWith(POST) ? lines[0].slice(POST.length) : undefined;
  const author = d?.author ? (d.author.type === 'user' ? d.author.name || d.author.email : `le jeton « ${d.author.name} »`) : undefined;

  return (
    <>
      <div className="no-print">
        <PageHeading>Décision de classement</PageHeading>
        {decision.state === 'loading' ? <Loading /> : null}
        {decision.state === 'error' ? <ErrorBox error={decision.error} /> : null}
      </div>
      {d ? (
        <>
          <div className="no-print">
            <p>
              Version {d.version}, enregistrée le {formatDateFr(d.createdAt)}
              {author ? ` par ${author}` : ''}
              {emp ? (
                <>
                  {' '}
                  pour <Link to={`/salaries/${encodeURIComponent(emp.id)}`}>{emp.name || emp.matricule}</Link>
                </>
              ) : null}
              .
            </p>
            {!d.latest && d.supersededBy ? (
              <p className="notice notice-warning">
                Cette version a été corrigée : <Link to={`/decisions/${encodeURIComponent(d.supersededBy)}`}>voir la version suivante</Link>.
              </p>
            ) : null}
            <div className="actions">
              <button type="button" className="button" onClick={() => window.print()}>
                Imprimer / PDF
              </button>
              {d.latest && me && canWrite(me) ? (
                <Link className="button secondary" to={href('/classer', { corriger: d.id })}>
                  Corriger ce classement
                </Link>
              ) : null}
              <Link to={href('/classer', { idcc: d.idcc })}>Classer un autre emploi</Link>
            </div>
            <p className="small muted">« Imprimer / PDF » ouvre l’impression du navigateur : choisissez « Enregistrer au format PDF » pour obtenir le fichier à remettre au salarié.</p>
            {d.comment ? (
              <p>
                <strong>Commentaire :</strong> {d.comment}
              </p>
            ) : null}
            {d.versions?.length ? (
              <section aria-labelledby="titre-versions">
                <h2 id="titre-versions">Versions de cette décision</h2>
                <ol className="versions">
                  {d.versions.map((v) => (
                    <li key={v.id}>
                      {v.id === d.id ? (
                        <strong aria-current="page">
                          Version {v.version}, du {formatDateFr(v.createdAt)} (affichée)
                        </strong>
                      ) : (
                        <Link to={`/decisions/${encodeURIComponent(v.id)}`}>
                          Version {v.version}, du {formatDateFr(v.createdAt)}
                        </Link>
                      )}
                    </li>
                  ))}
                </ol>
              </section>
            ) : null}
          </div>
          <Letter
            id="classification-ecrite"
            result={d.result}
            answers={answersOf(d.facts, defs.state === 'done' ? defs.data : undefined)}
            conv={conv}
            grid={g}
            organisation={me?.organisation?.name}
            employee={emp?.name ?? (emp ? `matricule ${emp.matricule}` : undefined)}
            jobTitle={jobTitle}
            retained={d.position}
            reference={decisionReference(d, me?.organisation?.name)}
            createdAt={d.createdAt}
            recorded
          />
          <div className="no-print" style={{ marginTop: '1.5rem' }}>
            <details>
              <summary>Détail du calcul</summary>
              <div className="details-body">
                <ResultPanel result={d.result} conv={conv} final recorded />
              </div>
            </details>
          </div>
        </>
      ) : null}
    </>
  );
}
