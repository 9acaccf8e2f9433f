/**
 * The old and the new grid of a convention side by side, and where each old position goes in
 * the new grid: the correspondence tables of the text (IDCC 1431: coefficients of 1986 → filières
 * santé and collaborateurs of 2022), evaluated by the transpose route.
 */
import { api } from '../api.js';
import { trackLabel } from '../components/JobCard.js';
import { NARROW, useMediaQuery } from '../hooks.js';
import { capitalize, Cite, ConventionSelect, ErrorBox, Loading, PageHeading, period, Positions, questionText, statusLabel, TableWrap, usePageTitle } from '../components/ui.js';
import { loadGrid, useAsync, useConventions } from '../data.js';
import { href, Link, navigate, useLocation } from '../router.js';
import type { ConventionView, GridView, TransposeResult } from '../types.js';
import { reasonText, warningText } from '../../../src/model/reasons-fr.js';

type Row = { code: string; status: string; result?: TransposeResult; error?: string };

async function transposeAll(idcc: string, oldGrid: GridView, at: string, signal: AbortSignal): Promise<Row[]> {
  const seen = new Set<string>();
  const codes = oldGrid.positions.filter((p) => (seen.has(p.code) ? false : (seen.add(p.code), true)));
  return Promise.all(
    codes.map(async (p): Promise<Row> => {
      try {
        const result = await api<TransposeResult>(`/api/conventions/${encodeURIComponent(idcc)}/transpose`, { body: { from: p.code, facts: {}, at }, signal });
        return { code: p.code, status: p.status, result };
      } catch (e) {
        if ((e as Error).name === 'AbortError') throw e;
        return { code: p.code, status: p.status, error: (e as Error).message };
      }
    }),
  );
}

export function ComparePage() {
  const { query } = useLocation();
  const convs = useConventions();
  const all = convs.state === 'done' ? convs.data.filter((c) => c.grids.length > 1) : [];
  const asked = query.get('idcc');
  const conv = all.find((c) => c.idcc === asked) ?? all[0];
  usePageTitle(conv ? `Ancienne et nouvelle grille — ${capitalize(conv.shortTitle)}` : 'Comparer deux grilles');
  return (
    <>
      <PageHeading lead="Où va chaque ancienne position dans la nouvelle grille, selon les tableaux de correspondance du texte, avec leurs conditions.">
        Comparer l’ancienne et la nouvelle grille
      </PageHeading>
      {convs.state === 'loading' ? <Loading /> : null}
      {convs.state === 'error' ? <ErrorBox error={convs.error} /> : null}
      {conv ? (
        <>
          <div className="card">
            <ConventionSelect conventions={all} value={conv.idcc} onChange={(v) => navigate(href('/grilles/comparer', { idcc: v }), { keepScroll: true })} />
            <p>
              <Link to={href('/grilles', { idcc: conv.idcc })}>Parcourir la grille en détail</Link>
            </p>
          </div>
          <Comparison key={conv.idcc} conv={conv} />
        </>
      ) : null}
    </>
  );
}

function Comparison({ conv }: { conv: ConventionView }) {
  const narrow = useMediaQuery(NARROW);
  const oldSummary = conv.grids[conv.grids.length - 2]!;
  const newSummary = conv.grids[conv.grids.length - 1]!;
  const oldGrid = useAsync(() => loadGrid(conv.idcc, oldSummary.effectiveFrom), `old:${conv.idcc}`);
  const newGrid = useAsync(() => loadGrid(conv.idcc, newSummary.effectiveFrom), `new:${conv.idcc}`);
  const rows = useAsync(
    (signal) => (oldGrid.state === 'done' ? transposeAll(conv.idcc, oldGrid.data, newSummary.effectiveFrom, signal) : Promise.resolve([])),
    oldGrid.state === 'done' ? `rows:${conv.idcc}` : null,
  );
  if (oldGrid.state === 'error') return <ErrorBox error={oldGrid.error} />;
  if (newGrid.state === 'error') return <ErrorBox error={newGrid.error} />;
  if (oldGrid.state !== 'done' || newGrid.state !== 'done') return <Loading label="Chargement des deux grilles…" />;
  const og = oldGrid.data;
  const ng = newGrid.data;
  const newTracks = ng.tracks.filter((t) => ng.positions.some((p) => p.track === t.id));
  return (
    <>
      <div className="card-grid">
        <section className="card" aria-labelledby="titre-ancienne">
          <h2 id="titre-ancienne">Ancienne grille</h2>
          <p>
            <strong>{og.grid.title}</strong>
            <br />
            <span className="muted">{period(og.grid)}</span>
          </p>
          <p>
            {new Set(og.positions.map((p) => p.code)).size} positions : <Positions positions={[...new Set(og.positions.map((p) => p.code))]} />
          </p>
        </section>
        <section className="card" aria-labelledby="titre-nouvelle">
          <h2 id="titre-nouvelle">Nouvelle grille</h2>
          <p>
            <strong>{ng.grid.title}</strong>
            <br />
            <span className="muted">{period(ng.grid)}</span>
          </p>
          {newTracks.length ? (
            <ul>
              {newTracks.map((t) => (
                <li key={t.id}>
                  {trackLabel(ng, t.id)} : <Positions positions={ng.positions.filter((p) => p.track === t.id).map((p) => p.code)} />
                </li>
              ))}
            </ul>
          ) : (
            <p>
              {new Set(ng.positions.map((p) => p.code)).size} positions : <Positions positions={[...new Set(ng.positions.map((p) => p.code))]} />
            </p>
          )}
        </section>
      </div>

      <section aria-labelledby="titre-correspondance">
        <h2 id="titre-correspondance">Correspondance position par position</h2>
        <p className="muted">
          Pour chaque ancienne position, la ou les positions de la nouvelle grille. Quand le texte pose une condition (diplôme, fonctions exercées…), la plage couvre toutes les
          possibilités et les questions qui la départagent sont indiquées.
        </p>
        {rows.state === 'loading' ? <Loading label="Calcul des correspondances…" /> : null}
        {rows.state === 'error' ? <ErrorBox error={rows.error} /> : null}
        {rows.state === 'done' && questionsOf(rows.data).length ? (
          <section className="card" aria-labelledby="titre-questions">
            <h3 id="titre-questions">Les questions qui départagent</h3>
            <p className="small muted">Chaque ligne renvoie à leur numéro plutôt que de les répéter.</p>
            <ol className="questions-legend">
              {questionsOf(rows.data).map((q) => (
                <li key={q}>{q}</li>
              ))}
            </ol>
          </section>
        ) : null}
        {rows.state === 'done' ? (
          narrow ? (
            <ol className="results">
              {rows.data.map((r) => (
                <li key={r.code} className="card">
                  <h3>
                    Ancienne position <span className="chip">{r.code}</span> <span className="small muted">({statusLabel(r.status)})</span>
                  </h3>
                  {r.result ? (
                    <>
                      <p>
                        Nouvelle position : <Positions positions={r.result.to.positions} />
                      </p>
                      <p>
                        {r.result.to.trackTitle ?? 'Filière selon l’emploi'} — {r.result.to.statuses.map(statusLabel).join(' ou ') || 'statut à préciser'}
                      </p>
                      <RowDetails r={r} conv={conv} questions={questionsOf(rows.data)} />
                    </>
                  ) : (
                    <p className="muted">{r.error}</p>
                  )}
                </li>
              ))}
            </ol>
          ) : (
            <TableWrap label="Tableau de correspondance">
              <table>
                <caption>De l’ancienne à la nouvelle grille</caption>
                <thead>
                  <tr>
                    <th scope="col">Ancienne position</th>
                    <th scope="col">Nouvelle position</th>
                    <th scope="col">Filière et statut</th>
                    <th scope="col">Conditions et texte</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.data.map((r) => (
                    <tr key={r.code}>
                      <th scope="row">
                        <span className="chip">{r.code}</span>
                        <br />
                        <span className="small muted">{statusLabel(r.status)}</span>
                      </th>
                      {r.result ? (
                        <>
                          <td>
                            <Positions positions={r.result.to.positions} />
                          </td>
                          <td>
                            {r.result.to.trackTitle ?? <span className="muted">selon l’emploi</span>}
                            <br />
                            <span className="small">{r.result.to.statuses.map(statusLabel).join(' ou ') || '—'}</span>
                          </td>
                          <td>
                            <RowDetails r={r} conv={conv} questions={questionsOf(rows.data)} />
                          </td>
                        </>
                      ) : (
                        <td colSpan={3}>
                          <span className="muted">{r.error}</span>
                        </td>
                      )}
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          )
        ) : null}
      </section>
    </>
  );
}

/** Every question any row depends on, once, in the order first met: the legend the rows refer to. */
function questionsOf(rows: readonly Row[]): string[] {
  return [...new Set(rows.flatMap((r) => r.result?.missing.map((m) => questionText(m.question)) ?? []))];
}

function RowDetails({ r, conv, questions }: { r: Row; conv: ConventionView; questions: string[] }) {
  if (!r.result) return null;
  const reasons = r.result.explanation.filter((x) => x.code !== 'transposition-grid');
  const numbers = r.result.missing.map((m) => questions.indexOf(questionText(m.question)) + 1).filter((n) => n > 0);
  return (
    <>
      {numbers.length ? (
        <p className="small">
          <strong>Dépend {numbers.length > 1 ? 'des questions' : 'de la question'} :</strong> {numbers.join(', ')}
        </p>
      ) : null}
      {r.result.warnings.map((w, i) => (
        <p key={i} className="small">
          ⚠ {warningText(w)}
        </p>
      ))}
      <details>
        <summary>
          Raisons et texte ({reasons.length})<span className="visually-hidden"> — ancienne position {r.code}</span>
        </summary>
        <div className="details-body">
          <ul className="reasons">
            {reasons.map((x, i) => (
              <li key={i}>
                {reasonText(x)}
                <Cite source={x.source} conv={conv} compact />
              </li>
            ))}
          </ul>
        </div>
      </details>
    </>
  );
}
