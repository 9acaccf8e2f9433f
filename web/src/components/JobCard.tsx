/**
 * The full card of a benchmark job (emploi-repère): positions with their statuses, filière,
 * every duty including those inherited from the jobs below it, and the text it comes from.
 */
import { api } from '../api.js';
import { ROUTES, type JobDetail } from '../account-api.js';
import { useAsync } from '../data.js';
import type { ConventionView, GridJob, GridView } from '../types.js';
import { Cite, ErrorBox, Loading, Positions, statusLabel } from './ui.js';

export function trackLabel(grid: GridView, id: string | null | undefined): string {
  if (!id) return '';
  const path: string[] = [];
  for (let t = grid.tracks.find((x) => x.id === id); t; t = t.parent ? grid.tracks.find((x) => x.id === t!.parent) : undefined) path.unshift(t.title);
  return path.join(' › ');
}

/** How many of a job's duties come from the job it inherits from. */
export function inheritedCount(grid: GridView, job: GridJob): number {
  if (!job.inherits) return 0;
  return grid.jobs.find((j) => j.id === job.inherits)?.duties.length ?? 0;
}

/** A criterion as the grid's text names it (« Responsabilité »), its id made readable otherwise. */
function criterionTitle(grid: GridView, id: string): string {
  return grid.criteria.find((c) => c.id === id)?.title ?? `${id.charAt(0).toUpperCase()}${id.slice(1).replace(/-/g, ' ')}`;
}

export function JobCard({
  grid,
  job,
  conv,
  detail,
  headingLevel = 3,
  hideTitle = false,
}: {
  grid: GridView;
  job: GridJob;
  conv?: ConventionView | undefined;
  /** What the full card adds to the grid's view: mission, activities, criteria, notes. */
  detail?: JobDetail['job'] | undefined;
  headingLevel?: 2 | 3 | 4;
  hideTitle?: boolean;
}) {
  const H = `h${headingLevel}` as 'h2' | 'h3' | 'h4';
  const Sub = `h${Math.min(headingLevel + 1, 6)}` as 'h3' | 'h4' | 'h5';
  const inherited = inheritedCount(grid, job);
  const parent = job.inherits ? grid.jobs.find((j) => j.id === job.inherits) : undefined;
  const positionStatus = (code: string) => grid.positions.find((p) => p.code === code && (!p.track || p.track === job.track || job.track.startsWith(`${p.track}/`)))?.status ?? grid.positions.find((p) => p.code === code)?.status;
  return (
    <article className="job-card" aria-label={`Fiche : ${job.title}`}>
      {hideTitle ? null : <H>{job.title}</H>}
      <dl className="kv">
        <dt>Filière</dt>
        <dd>{trackLabel(grid, job.track)}</dd>
        <dt>{job.positions.length > 1 ? 'Positions' : 'Position'}</dt>
        <dd>
          <Positions positions={job.positions} />
          {job.positions.length > 1 ? <span className="muted small"> — le texte laisse le choix dans cette plage</span> : null}
        </dd>
        <dt>Statut</dt>
        <dd>
          {job.positions.length > 1 && job.statuses.length > 1
            ? job.positions.map((p, i) => (
                <span key={p}>
                  {i > 0 ? ' ; ' : ''}
                  {p} : {statusLabel(positionStatus(p))}
                </span>
              ))
            : job.statuses.map((s) => statusLabel(s)).join(' à ')}
        </dd>
        <dt>Grille</dt>
        <dd>{grid.grid.title}</dd>
      </dl>
      {detail?.mission ? (
        <>
          <Sub>Mission</Sub>
          <p>{detail.mission}</p>
        </>
      ) : null}
      {detail?.activities?.length ? (
        <>
          <Sub>Activités</Sub>
          <ul className="duties">
            {detail.activities.map((a, i) => (
              <li key={i}>{a}</li>
            ))}
          </ul>
        </>
      ) : null}
      {job.duties.length === 0 ? (
        detail?.mission || detail?.activities?.length || detail?.notes?.length ? null : (
          <>
            <Sub>Fonctions</Sub>
            <p className="muted">Le texte ne détaille pas de fonctions pour cet emploi : il est défini par son intitulé et sa position.</p>
          </>
        )
      ) : (
        <>
          <Sub>Fonctions</Sub>
          {inherited > 0 && parent ? (
            <p className="small muted">
              Les {inherited} premières fonctions sont celles de l’emploi « {parent.title} », que le texte reprend (« mêmes fonctions que… »).
            </p>
          ) : null}
          <ul className="duties">
            {job.duties.map((d, i) => (
              <li key={i} className={i < inherited ? 'inherited' : undefined}>
                {d}
                {i < inherited ? <span className="visually-hidden"> (fonction héritée)</span> : null}
              </li>
            ))}
          </ul>
        </>
      )}
      {detail?.criteria && Object.keys(detail.criteria).length ? (
        <>
          <Sub>Critères classants</Sub>
          <dl className="kv">
            {Object.entries(detail.criteria).map(([c, texts]) => (
              <div key={c} style={{ display: 'contents' }}>
                <dt>{criterionTitle(grid, c)}</dt>
                <dd>{texts.join(' ')}</dd>
              </div>
            ))}
          </dl>
        </>
      ) : null}
      {detail?.variationFactors?.length ? (
        <>
          <Sub>Facteurs de variation</Sub>
          <ul className="duties">
            {detail.variationFactors.map((a, i) => (
              <li key={i}>{a}</li>
            ))}
          </ul>
        </>
      ) : null}
      {detail?.interfaces?.length ? (
        <>
          <Sub>Relations</Sub>
          <ul className="duties">
            {detail.interfaces.map((a, i) => (
              <li key={i}>{a}</li>
            ))}
          </ul>
        </>
      ) : null}
      {detail?.notes?.length ? (
        <>
          <Sub>Précisions du texte</Sub>
          {detail.notes.map((n, i) => (
            <div key={i}>
              <p>{n.text}</p>
              {n.comment ? <p className="small muted">Lecture du texte : {n.comment}</p> : null}
              <Cite source={n.source} conv={conv} compact />
            </div>
          ))}
        </>
      ) : null}
      {detail?.aliases?.length ? (
        <p className="small muted">Autres intitulés : {detail.aliases.join(' ; ')}</p>
      ) : null}
      <Sub>Texte</Sub>
      <Cite source={job.source} conv={conv} />
    </article>
  );
}

/** The full card, loaded from the server (GET /api/conventions/:idcc/jobs/:jobId). */
export function FullJobCard({ grid, job, conv, at, headingLevel, hideTitle }: { grid: GridView; job: GridJob; conv?: ConventionView | undefined; at?: string; headingLevel?: 2 | 3 | 4; hideTitle?: boolean }) {
  const detail = useAsync((signal) => api<JobDetail>(ROUTES.job(grid.idcc, job.id, at || grid.grid.effectiveFrom), { signal }), `job:${grid.idcc}:${grid.grid.id}:${job.id}`);
  if (detail.state === 'loading') return <Loading label="Chargement de la fiche…" />;
  return (
    <>
      {detail.state === 'error' ? <ErrorBox error={detail.error} /> : null}
      <JobCard grid={grid} job={job} conv={conv} detail={detail.state === 'done' ? detail.data.job : undefined} headingLevel={headingLevel ?? 3} hideTitle={hideTitle ?? false} />
    </>
  );
}
