/**
 * Small pieces shared by the pages: headings, messages, citations, statuses and positions.
 */
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { STATUS_LABELS } from '../../../src/model/labels.js';
import { citationOf, citationWhere, READ_ON_LEGIFRANCE } from '../../../src/report/citation.js';
import type { ApiError } from '../api.js';
import type { ConventionView, GridView, Source, Status } from '../types.js';

export function usePageTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} — classif`;
  }, [title]);
}

/** The page's h1; focused after each navigation so that screen readers announce the new page. */
export function PageHeading({ children, lead }: { children: ReactNode; lead?: ReactNode }) {
  return (
    <div className="page-heading">
      <h1 id="titre-page" tabIndex={-1}>
        {children}
      </h1>
      {lead ? <p className="lead">{lead}</p> : null}
    </div>
  );
}

export function ErrorBox({ error, title }: { error: ApiError | Error | string; title?: string }) {
  const message = typeof error === 'string' ? error : error.message;
  return (
    <div className="notice notice-error" role="alert">
      {title ? <p className="notice-title">{title}</p> : null}
      <p>{message}</p>
    </div>
  );
}

export function Loading({ label = 'Chargement…' }: { label?: string }) {
  return (
    <p className="loading" role="status">
      <span className="spinner" aria-hidden="true" />
      {label}
    </p>
  );
}

/** A question without the hint in brackets the engine adds for people using the CLI. */
export function questionText(question: string): string {
  return question.replace(/\s*\(utilisez[^)]*\)/, '');
}

export function formatDateFr(iso: string | null | undefined): string {
  if (!iso) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

export function formatDateLong(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(d);
}

export function period(g: { effectiveFrom: string; effectiveTo: string | null }): string {
  return g.effectiveTo ? `du ${formatDateFr(g.effectiveFrom)} au ${formatDateFr(g.effectiveTo)}` : `depuis le ${formatDateFr(g.effectiveFrom)}`;
}

export function statusLabel(s: Status | string | null | undefined): string {
  if (!s) return 'statut inconnu';
  return (STATUS_LABELS as Record<string, string>)[s] ?? s;
}

export function StatusText({ statuses, joiner = ' ou ' }: { statuses: readonly (Status | string)[]; joiner?: string }) {
  if (statuses.length === 0) return <span>statut à préciser</span>;
  return <span className="status">{statuses.map((s) => statusLabel(s)).join(joiner)}</span>;
}

/** Levels inside a position, as the grid's text names them (the answers give their ids). */
export function levelText(levels: readonly string[], grid: Pick<GridView, 'levels'> | undefined): string {
  return levels.map((l) => grid?.levels.find((x) => x.id === l)?.title ?? l.replace(/-/g, ' ')).join(' ou ');
}

/** « Commerce à distance » for a title written in lower case. */
export function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** « 195 », « 195, 205 », « 150 à 450 » for a long range. */
export function rangeText(positions: readonly string[]): string {
  if (positions.length === 0) return '—';
  if (positions.length <= 3) return positions.join(', ');
  return `${positions[0]} à ${positions[positions.length - 1]}`;
}

/**
 * A range that spans several filières, per filière: « filière « professionnels de santé » : A à F ;
 * filière « collaborateurs … » : 1.1 à 3.6 » (one range across both would mix them).
 */
export function rangeByTrack(positions: readonly string[], grid: GridView | undefined): string {
  if (!grid || positions.length <= 3) return rangeText(positions);
  const groups = new Map<string, string[]>();
  for (const code of positions) {
    const track = grid.positions.find((p) => p.code === code)?.track ?? '';
    groups.set(track, [...(groups.get(track) ?? []), code]);
  }
  if (groups.size < 2) return rangeText(positions);
  return [...groups]
    .map(([track, codes]) => {
      const title = grid.tracks.find((t) => t.id === track)?.title;
      const name = title ? (/^filière\b/i.test(title) ? `${title.charAt(0).toLowerCase()}${title.slice(1)}` : `filière ${title}`) : 'autres';
      return `${name} : ${rangeText(codes)}`;
    })
    .join(' ; ');
}

export function Positions({ positions }: { positions: readonly string[] }) {
  return (
    <span className="positions">
      {positions.map((p) => (
        <span key={p} className="chip">
          {p}
        </span>
      ))}
    </span>
  );
}

/** A citation: the quote, the text and article it stands in, and the link to Légifrance. */
export function Cite({ source, conv, compact }: { source: Source; conv?: ConventionView | undefined; compact?: boolean }) {
  const c = citationOf(source, conv);
  return (
    <figure className={compact ? 'cite cite-compact' : 'cite'}>
      <blockquote>
        <p>« {c.quote} »</p>
      </blockquote>
      <figcaption>
        <span className="cite-doc">{citationWhere(c)}</span>
        {c.url ? (
          <>
            {' — '}
            <a href={c.url} target="_blank" rel="noreferrer noopener">
              {READ_ON_LEGIFRANCE}
              <span className="visually-hidden"> (nouvel onglet)</span>
            </a>
          </>
        ) : null}
      </figcaption>
    </figure>
  );
}

/** « photographie (IDCC 3168), optique-lunetterie de détail (IDCC 1431) et … », from the catalogue. */
export function conventionNames(conventions: readonly ConventionView[]): string {
  const names = conventions.map((c) => `${c.shortTitle.charAt(0).toLowerCase()}${c.shortTitle.slice(1)} (IDCC ${c.idcc})`);
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} et ${names[names.length - 1]}` : (names[0] ?? '');
}

/** A labelled select of the supported conventions. */
export function ConventionSelect({
  conventions,
  value,
  onChange,
  label = 'Convention collective',
  anyLabel,
}: {
  conventions: ConventionView[];
  value: string;
  onChange: (idcc: string) => void;
  label?: string;
  /** When given, a first choice (value '') for every convention at once. */
  anyLabel?: string;
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        {anyLabel ? <option value="">{anyLabel}</option> : null}
        {conventions.map((c) => (
          <option key={c.idcc} value={c.idcc}>
            {capitalize(c.shortTitle)} (IDCC {c.idcc})
          </option>
        ))}
      </select>
    </div>
  );
}

export function Notice({ kind = 'info', title, children }: { kind?: 'info' | 'warning' | 'success'; title?: string; children: ReactNode }) {
  return (
    <div className={`notice notice-${kind}`}>
      {title ? <p className="notice-title">{title}</p> : null}
      {children}
    </div>
  );
}

/**
 * A wide table's frame, scrolling sideways on a phone: when it scrolls, it is a labelled region
 * the keyboard can reach and scroll (WCAG 2.1.1).
 */
/** One term of a description list, shown only when it has a value. */
export function Entry({ label, children }: { label: string; children: ReactNode }) {
  if (children === null || children === undefined || children === false || children === '') return null;
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

export function TableWrap({ label, children }: { label: string; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const [scrolls, setScrolls] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const check = () => setScrolls(el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1);
    check();
    const ro = new ResizeObserver(check);
    ro.observe(el);
    for (const child of Array.from(el.children)) ro.observe(child);
    return () => ro.disconnect();
  }, []);
  return (
    <div ref={ref} className="table-wrap" {...(scrolls ? { role: 'region', 'aria-label': label, tabIndex: 0 } : {})}>
      {children}
    </div>
  );
}
