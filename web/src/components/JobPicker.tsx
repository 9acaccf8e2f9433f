/**
 * Choosing a benchmark job: the grid's jobs by filière, or, once something is typed, the ranked
 * answers of the search (title or description). Radio buttons, so the keyboard works as usual.
 */
import { useEffect, useId, useState } from 'react';
import { api } from '../api.js';
import { loadGrid, useAsync } from '../data.js';
import { href } from '../router.js';
import type { GridView, SearchView } from '../types.js';
import { ErrorBox, Loading, rangeText, statusLabel } from './ui.js';
import { trackLabel } from './JobCard.js';

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}

export function JobPicker({
  idcc,
  at,
  value,
  onChange,
  legend,
}: {
  idcc: string;
  at: string;
  value: string | undefined;
  onChange: (id: string) => void;
  legend: string;
}) {
  const name = useId();
  const [text, setText] = useState('');
  const q = useDebounced(text.trim(), 300);
  const grid = useAsync(() => loadGrid(idcc, at || undefined), `${idcc}:${at}`);
  const search = useAsync(
    (signal) => api<SearchView>(href(`/api/conventions/${encodeURIComponent(idcc)}/search`, { q, limit: 12, at }), { signal }),
    q.length >= 2 ? `${idcc}|${q}|${at}` : null,
  );
  if (grid.state === 'loading') return <Loading label="Chargement des emplois-repères…" />;
  if (grid.state === 'error') return <ErrorBox error={grid.error} />;
  const g: GridView = grid.data;
  const chosen = value ? g.jobs.find((j) => j.id === value) : undefined;

  const option = (id: string, title: string, detail: string) => (
    <label key={id} className="choice">
      <input type="radio" name={name} value={id} checked={value === id} onChange={() => onChange(id)} />
      <span className="choice-text">
        <span>{title}</span>
        <small>{detail}</small>
      </span>
    </label>
  );
  const detailOf = (positions: string[], statuses: string[]) => `${positions.length > 1 ? 'positions' : 'position'} ${rangeText(positions)} — ${statuses.map(statusLabel).join(' à ')}`;

  let list;
  if (q.length >= 2) {
    if (search.state === 'loading') list = <Loading label="Recherche…" />;
    else if (search.state === 'error') list = <ErrorBox error={search.error} />;
    else if (search.data.results.length === 0) list = <p>Aucun emploi-repère ne correspond. Effacez la recherche pour voir la liste complète.</p>;
    else
      list = (
        <div className="choices" role="presentation">
          {search.data.results.map((r) => option(r.job.id, r.job.title, `${detailOf(r.positions, r.statuses)} — ${r.trackTitle}`))}
        </div>
      );
  } else {
    const tracks = [...new Set(g.jobs.map((j) => j.track))];
    list = tracks.map((t) => (
      <div key={t}>
        <p className="field-label small">{trackLabel(g, t)}</p>
        <div className="choices">{g.jobs.filter((j) => j.track === t).map((j) => option(j.id, j.title, detailOf(j.positions, j.statuses)))}</div>
      </div>
    ));
  }

  return (
    <fieldset>
      <legend>{legend}</legend>
      <div className="field">
        <label htmlFor={`${name}-filtre`}>
          Chercher un emploi-repère
          <span className="hint"> — un intitulé ou quelques mots sur les tâches ; la liste se met à jour</span>
        </label>
        <input id={`${name}-filtre`} type="search" value={text} onChange={(e) => setText(e.target.value)} autoComplete="off" />
      </div>
      <p className="small" aria-live="polite">
        {chosen ? (
          <>
            Emploi choisi : <strong>{chosen.title}</strong>
          </>
        ) : (
          'Aucun emploi choisi.'
        )}
      </p>
      <div className="scroll-box" role="group" aria-label="Emplois-repères">
        {list}
      </div>
    </fieldset>
  );
}
