/**
 * Browse a grid: convention, version in force at a date, filières, positions with their
 * statuses, and the benchmark jobs with all their duties (inherited ones included).
 */
import { useId, useState } from 'react';
import { NARROW, useMediaQuery } from '../hooks.js';
import { FullJobCard, inheritedCount } from '../components/JobCard.js';
import { capitalize, Cite, ConventionSelect, ErrorBox, formatDateFr, Loading, PageHeading, period, Positions, statusLabel, TableWrap, usePageTitle } from '../components/ui.js';
import { gridInForce, loadGrid, todayIso, useAsync, useConventions } from '../data.js';
import { href, Link, navigate, useLocation } from '../router.js';
import type { ConventionView, GridJob, GridTrack, GridView } from '../types.js';
import { preferredIdcc, rememberIdcc } from './SearchPage.js';

function fold(s: string): string {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

export function GridPage() {
  const { query } = useLocation();
  const convs = useConventions();
  const conventions = convs.state === 'done' ? convs.data : [];
  const idcc = conventions.length ? preferredIdcc(conventions, query.get('idcc')) : '';
  const conv = conventions.find((c) => c.idcc === idcc);
  const at = query.get('at') ?? '';
  const track = query.get('filiere') ?? '';
  usePageTitle(conv ? `Grille — ${capitalize(conv.shortTitle)}` : 'Grilles de classification');
  const grid = useAsync(() => loadGrid(idcc, at || undefined), idcc ? `${idcc}:${at}` : null);
  const go = (params: Record<string, string>) => navigate(href('/grilles', { idcc, at, filiere: track, ...params }), { replace: false, keepScroll: true });
  const effectiveAt = at || todayIso();
  const inForce = conv ? gridInForce(conv, effectiveAt) : undefined;

  return (
    <>
      <PageHeading lead="Les filières, positions et emplois-repères d’une convention, tels que le texte les écrit, dans la version en vigueur à la date choisie.">
        Grilles de classification
      </PageHeading>
      {convs.state === 'loading' ? <Loading /> : null}
      {convs.state === 'error' ? <ErrorBox error={convs.error} /> : null}
      {conv ? (
        <div className="card">
          <div className="field-row">
            <ConventionSelect
              conventions={conventions}
              value={idcc}
              onChange={(v) => {
                rememberIdcc(v);
                navigate(href('/grilles', { idcc: v }), { keepScroll: true });
              }}
            />
            <div className="field narrow">
              <label htmlFor="date-grille">En vigueur au</label>
              <input id="date-grille" type="date" value={at} onChange={(e) => go({ at: e.target.value })} />
            </div>
          </div>
          <fieldset>
            <legend>Versions de la grille</legend>
            <div className="version-list">
              {conv.grids.map((g) => (
                <label key={g.id} className="choice">
                  <input type="radio" name="version" checked={inForce?.id === g.id} onChange={() => go({ at: g.effectiveFrom })} />
                  <span className="choice-text">
                    <span>{g.title.length > 70 ? `${g.title.slice(0, 68)}…` : g.title}</span>
                    <small>{period(g)}</small>
                  </span>
                </label>
              ))}
            </div>
          </fieldset>
          {conv.grids.length > 1 ? (
            <p>
              <Link to={href('/grilles/comparer', { idcc })}>Comparer l’ancienne et la nouvelle grille (tableaux de correspondance)</Link>
            </p>
          ) : null}
        </div>
      ) : null}
      {grid.state === 'loading' && idcc ? <Loading label="Chargement de la grille…" /> : null}
      {grid.state === 'error' ? <ErrorBox error={grid.error} /> : null}
      {grid.state === 'done' && conv ? <GridBody grid={grid.data} conv={conv} track={track} onTrack={(t) => go({ filiere: t })} openJob={query.get('emploi')} /> : null}
    </>
  );
}

function PositionsTable({ grid, codes, caption }: { grid: GridView; codes: GridView['positions']; caption: string }) {
  const narrow = useMediaQuery(NARROW);
  if (codes.length === 0) return null;
  const jobsAt = (code: string, track: string | null) => grid.jobs.filter((j) => j.positions.includes(code) && (!track || j.track === track || j.track.startsWith(`${track}/`)));
  if (narrow)
    return (
      <ul className="position-list" aria-label={caption}>
        {codes.map((p) => {
          const jobs = jobsAt(p.code, p.track);
          return (
            <li key={`${p.track ?? ''}-${p.code}`}>
              <span className="chip">{p.code}</span> {p.label ? <span className="muted small">{p.label} </span> : null}
              <strong>{statusLabel(p.status)}</strong>
              {jobs.length ? <span className="small"> — {jobs.map((j) => j.title).join(' ; ')}</span> : null}
            </li>
          );
        })}
      </ul>
    );
  return (
    <TableWrap label={caption}>
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Position</th>
            <th scope="col">Statut</th>
            <th scope="col">Emplois-repères</th>
          </tr>
        </thead>
        <tbody>
          {codes.map((p) => {
            const jobs = jobsAt(p.code, p.track);
            return (
              <tr key={`${p.track ?? ''}-${p.code}`}>
                <th scope="row">
                  <span className="chip">{p.code}</span>
                  {p.label ? <span className="muted small"> {p.label}</span> : null}
                </th>
                <td>{statusLabel(p.status)}</td>
                <td>{jobs.length === 0 ? <span className="muted">—</span> : jobs.map((j) => j.title).join(' ; ')}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableWrap>
  );
}

function JobItem({ grid, job, conv, open: initiallyOpen, headingLevel }: { grid: GridView; job: GridJob; conv: ConventionView; open: boolean; headingLevel: 2 | 3 }) {
  const inherited = inheritedCount(grid, job);
  const [open, setOpen] = useState(initiallyOpen);
  return (
    <details id={`emploi-${job.id}`} open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>
        <span className="job-summary">
          <span>{job.title}</span>
          <Positions positions={job.positions} />
          <span className="muted small">{job.statuses.map(statusLabel).join(' à ')}</span>
          {job.duties.length ? (
            <span className="muted small">
              {job.duties.length} fonction{job.duties.length > 1 ? 's' : ''}
              {inherited ? ` dont ${inherited} reprise${inherited > 1 ? 's' : ''}` : ''}
            </span>
          ) : null}
        </span>
      </summary>
      <div className="details-body">
        {open ? <FullJobCard grid={grid} job={job} conv={conv} headingLevel={headingLevel} hideTitle /> : null}
        <p>
          <Link className="button small" to={href('/classer', { idcc: grid.idcc, job: job.id })}>
            Classer un salarié sur cet emploi
          </Link>
        </p>
      </div>
    </details>
  );
}

function TrackSection({ grid, t, conv, filter, openJob, depth }: { grid: GridView; t: GridTrack; conv: ConventionView; filter: string; openJob: string | null; depth: number }) {
  const children = grid.tracks.filter((x) => x.parent === t.id);
  const f = fold(filter.trim());
  const jobs = grid.jobs.filter((j) => j.track === t.id && (f === '' || fold(j.title).includes(f) || j.duties.some((d) => fold(d).includes(f))));
  const positions = grid.positions.filter((p) => p.track === t.id);
  const H = depth === 0 ? 'h2' : 'h3';
  const headingId = `filiere-${t.id.replace(/[^a-z0-9]/g, '-')}`;
  const hasContent = (id: string): boolean =>
    grid.jobs.some((j) => j.track === id && (f === '' || fold(j.title).includes(f) || j.duties.some((d) => fold(d).includes(f)))) || grid.tracks.some((x) => x.parent === id && hasContent(x.id));
  if (f !== '' && !hasContent(t.id)) return null;
  return (
    <section aria-labelledby={headingId} className={depth > 0 ? 'sub-track' : undefined}>
      <H id={headingId}>{t.title}</H>
      {t.notes.map((n, i) => (
        <div key={i} className="notice">
          <p>{n.text}</p>
          <Cite source={n.source} conv={conv} compact />
        </div>
      ))}
      {f === '' ? <PositionsTable grid={grid} codes={positions} caption={`Positions ${ofTrack(t.title)}`} /> : null}
      {jobs.length ? (
        <>
          <p className="small muted">
            {jobs.length} emploi{jobs.length > 1 ? 's' : ''}-repère{jobs.length > 1 ? 's' : ''}
          </p>
          {jobs.map((j) => (
            <JobItem key={j.id} grid={grid} job={j} conv={conv} open={openJob === j.id} headingLevel={depth === 0 ? 2 : 3} />
          ))}
        </>
      ) : null}
      {children.map((c) => (
        <TrackSection key={c.id} grid={grid} t={c} conv={conv} filter={filter} openJob={openJob} depth={depth + 1} />
      ))}
    </section>
  );
}

function GridBody({ grid, conv, track, onTrack, openJob }: { grid: GridView; conv: ConventionView; track: string; onTrack: (t: string) => void; openJob: string | null }) {
  const [filter, setFilter] = useState('');
  const filterId = useId();
  const roots = grid.tracks.filter((t) => !t.parent && (track === '' || t.id === track));
  const shared = grid.positions.filter((p) => !p.track);
  return (
    <>
      <section aria-labelledby="titre-grille" className="card">
        <h2 id="titre-grille">{grid.grid.title}</h2>
        <p>
          En vigueur {period(grid.grid)}. {grid.tracks.filter((t) => !t.parent).length} filières, {new Set(grid.positions.map((p) => p.code)).size} positions, {grid.jobs.length} emplois-repères.
        </p>
        <div className="field-row">
          <div className="field">
            <label htmlFor="filiere">Filière</label>
            <select id="filiere" value={track} onChange={(e) => onTrack(e.target.value)}>
              <option value="">Toutes les filières</option>
              {grid.tracks
                .filter((t) => !t.parent)
                .map((t) => (
                  <option key={t.id} value={t.id}>
                    {t.title}
                  </option>
                ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={filterId}>Filtrer les emplois (intitulé ou fonction)</label>
            <input id={filterId} type="search" value={filter} onChange={(e) => setFilter(e.target.value)} />
          </div>
        </div>
      </section>
      {shared.length && filter === '' ? (
        <section aria-labelledby="titre-positions">
          <h2 id="titre-positions">Positions et statuts</h2>
          <PositionsTable grid={grid} codes={shared} caption="Positions communes à toutes les filières, de la plus basse à la plus haute" />
        </section>
      ) : null}
      {roots.map((t) => (
        <TrackSection key={t.id} grid={grid} t={t} conv={conv} filter={filter} openJob={openJob} depth={0} />
      ))}
      {grid.rules.length ? (
        <section aria-labelledby="titre-regles">
          <h2 id="titre-regles">Règles de classement</h2>
          <p className="muted">Ce que le texte impose en plus des positions : périodes d’accueil, minima par diplôme, conditions d’accès aux filières…</p>
          <ul className="reasons">
            {grid.rules.map((r) => (
              <li key={r.id}>
                {r.text}
                <Cite source={r.source} conv={conv} compact />
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <p className="small muted">
        Grille en vigueur du {formatDateFr(grid.grid.effectiveFrom)}
        {grid.grid.effectiveTo ? ` au ${formatDateFr(grid.grid.effectiveTo)}` : ' à aujourd’hui'} —{' '}
        <a href={conv.url} target="_blank" rel="noreferrer noopener">
          Convention sur Légifrance<span className="visually-hidden"> (nouvel onglet)</span>
        </a>
      </p>
    </>
  );
}

/** « de la filière « professionnels de santé » », whether or not the grid's title starts with « Filière ». */
export function ofTrack(title: string): string {
  return /^filière\b/i.test(title) ? `de la ${title.charAt(0).toLowerCase()}${title.slice(1)}` : `de la filière ${title}`;
}
