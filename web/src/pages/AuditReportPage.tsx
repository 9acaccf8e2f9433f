/**
 * One audit: its progress while the file is read, then the report — key figures, head-count
 * charts by position and status (and by sex when the file says it), findings grouped by rule
 * with their citations, and the downloads.
 */
import { useEffect, useState } from 'react';
import { api, ApiError, csrfHeaders } from '../api.js';
import { ROUTES, type AuditJob } from '../account-api.js';
import { BarChart, type BarRow, type Series } from '../components/BarChart.js';
import { Cite, ErrorBox, formatDateFr, Loading, Notice, PageHeading, statusLabel, usePageTitle, TableWrap } from '../components/ui.js';
import { useAsync, useConventions } from '../data.js';
import { Link, navigate } from '../router.js';
import { AuditActions } from '../components/AuditActions.js';
import type { AuditSummary, ConventionView, Finding, RuleId } from '../types.js';
import { STATUSES } from '../../../src/model/status.js';
import { coverageLines } from '../../../src/report/coverage-text.js';
import { conventionLabel, formatExpected, RULE_LABELS, SEVERITY_LABELS } from '../../../src/report/labels.js';
import { AUDIT_STATUS } from './AuditsPage.js';
import { NARROW, useMediaQuery } from '../hooks.js';

const STATUS_ORDER: readonly string[] = STATUSES;
const STATUS_COLORS: Record<string, string> = {
  'ouvrier-employe': '#1f5fa8',
  'agent-de-maitrise': '#a04f00',
  'non-cadre': '#7a6a1f',
  cadre: '#237044',
  'cadre-superieur': '#6b3fa0',
  unknown: '#5f6368',
};
const SEX_SERIES: Series[] = [
  { key: 'F', label: 'Femmes', color: '#a04f00' },
  { key: 'H', label: 'Hommes', color: '#1f5fa8' },
  { key: 'U', label: 'Non renseigné', color: '#8a8f94' },
];
const nf = new Intl.NumberFormat('fr-FR');

export function AuditReportPage({ id }: { id: string }) {
  usePageTitle('Rapport d’audit');
  const [job, setJob] = useState<AuditJob | null>(null);
  const [error, setError] = useState<Error | null>(null);

  const [round, setRound] = useState(0);
  // Polls the audit until it is done or failed (again after a re-run).
  useEffect(() => {
    let stop = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = async () => {
      try {
        const audit = await api<AuditJob>(ROUTES.audit(id));
        if (stop) return;
        setJob(audit);
        setError(null);
        if (audit.status !== 'done' && audit.status !== 'failed') timer = setTimeout(tick, 600);
      } catch (e) {
        if (!stop) setError(e as Error);
      }
    };
    void tick();
    return () => {
      stop = true;
      if (timer) clearTimeout(timer);
    };
  }, [id, round]);

  return (
    <>
      <PageHeading>Rapport d’audit{job?.fileName ? ` — ${job.fileName}` : ''}</PageHeading>
      <p>
        <Link to="/audits">← Tous les audits</Link>
      </p>
      {error ? <ErrorBox error={error} /> : null}
      {!job && !error ? <Loading /> : null}
      {job ? <AuditActions audit={job} onChange={(what) => (what === 'deleted' ? navigate('/audits') : setRound((r) => r + 1))} /> : null}
      {job && job.status !== 'done' && job.status !== 'failed' ? <Progress job={job} /> : null}
      {job?.status === 'failed' ? <ErrorBox error={job.error ?? 'L’audit a échoué.'} title="L’audit n’a pas pu aboutir" /> : null}
      {job?.status === 'done' ? <Report id={id} job={job} /> : null}
    </>
  );
}

function Progress({ job }: { job: AuditJob }) {
  const p = job.progress;
  const fraction = job.status === 'running' && p.bytesTotal > 0 ? Math.min(1, p.percent / 100) : undefined;
  return (
    <section className="card" aria-labelledby="titre-progression">
      <h2 id="titre-progression">Analyse {AUDIT_STATUS[job.status] ?? job.status}</h2>
      <div className="field">
        <label htmlFor="progression">
          {job.status === 'queued' ? 'En attente de traitement…' : `Lignes lues : ${nf.format(p.rows)}${fraction !== undefined ? ` (${Math.round(fraction * 100)} %)` : ''}`}
        </label>
        {fraction !== undefined ? <progress id="progression" className="progress" max={1} value={fraction} /> : <progress id="progression" className="progress" />}
      </div>
      <p className="muted small" aria-live="polite">
        La page se met à jour d’elle-même ; vous pouvez la quitter et revenir plus tard.
      </p>
    </section>
  );
}

function Figures({ s }: { s: AuditSummary }) {
  const items: [string, number][] = [
    ['lignes lues', s.rows],
    ['salariés concernés', s.employeesWithFindings],
    ['constats', s.findings],
    ['erreurs', s.bySeverity.error ?? 0],
    ['avertissements', s.bySeverity.warning ?? 0],
  ];
  return (
    <ul className="figures">
      {items.map(([label, v]) => (
        <li key={label} className="figure">
          <span className="value">{nf.format(v)}</span>
          {label}
        </li>
      ))}
    </ul>
  );
}

function Headcount({ s, idcc, conv }: { s: AuditSummary; idcc: string; conv: ConventionView | undefined }) {
  const rows = s.headcount.filter((h) => h.idcc === idcc);
  const known = rows.filter((r) => r.status !== null);
  const unknown = rows.filter((r) => r.status === null).sort((a, b) => b.total - a.total);
  const ordered = [...known, ...unknown];
  const rank = (st: string) => (STATUS_ORDER.includes(st) ? STATUS_ORDER.indexOf(st) : 99);
  const statuses = [...new Set(ordered.map((r) => r.status ?? 'unknown'))].sort((a, b) => rank(a) - rank(b));
  const series: Series[] = statuses.map((st) => ({ key: st, label: st === 'unknown' ? 'position inconnue' : statusLabel(st), color: STATUS_COLORS[st] ?? STATUS_COLORS.unknown! }));
  const barRows: BarRow[] = ordered.map((r) => ({ label: r.position, values: { [r.status ?? 'unknown']: r.total } }));
  const total = rows.reduce((a, r) => a + r.total, 0);
  const women = rows.reduce((a, r) => a + r.F, 0);
  const men = rows.reduce((a, r) => a + r.H, 0);
  const showSex = s.hasSex && women + men > 0;
  const sexRows: BarRow[] = ordered.map((r) => ({ label: r.position, values: { F: r.F, H: r.H, U: r.total - r.F - r.H }, note: `${r.F} F · ${r.H} H${r.total > r.F + r.H ? ` · ${r.total - r.F - r.H} n.r.` : ''}` }));
  const spread = conv?.sexSpreadSource;
  const label = conventionLabel(idcc, conv ? { [idcc]: conv } : undefined);
  return (
    <section aria-labelledby={`effectifs-${idcc}`}>
      <h3 id={`effectifs-${idcc}`}>{label}</h3>
      <BarChart
        title={`Effectifs par position et statut — ${label}`}
        desc={`${nf.format(total)} salariés sur ${rows.length} positions ; chaque barre est colorée selon le statut de la position. Le tableau qui suit donne les valeurs.`}
        series={series}
        rows={barRows}
      />
      {showSex ? (
        <>
          <h4>Femmes et hommes par position</h4>
          <BarChart
            title={`Femmes et hommes par position — ${label}`}
            desc={`${nf.format(women)} femmes et ${nf.format(men)} hommes, en barres empilées par position. Le tableau qui suit donne les valeurs.`}
            series={SEX_SERIES.filter((x) => x.key !== 'U' || total > women + men)}
            rows={sexRows}
          />
          {spread ? <Cite source={spread} conv={conv} compact /> : null}
        </>
      ) : null}
      <details>
        <summary>Tableau des effectifs — {label}</summary>
        <div className="details-body">
          <TableWrap label={`Tableau des effectifs — ${label}`}>
          <table>
            <caption className="visually-hidden">Effectifs par position — {label}</caption>
            <thead>
              <tr>
                <th scope="col">Position</th>
                <th scope="col">Statut</th>
                <th scope="col" className="num">
                  Effectif
                </th>
                {s.hasSex ? (
                  <>
                    <th scope="col" className="num">
                      Femmes
                    </th>
                    <th scope="col" className="num">
                      Hommes
                    </th>
                  </>
                ) : null}
              </tr>
            </thead>
            <tbody>
              {ordered.map((r) => (
                <tr key={r.position}>
                  <th scope="row">{r.position}</th>
                  <td>{r.status ? statusLabel(r.status) : 'position inconnue'}</td>
                  <td className="num">{nf.format(r.total)}</td>
                  {s.hasSex ? (
                    <>
                      <td className="num">{nf.format(r.F)}</td>
                      <td className="num">{nf.format(r.H)}</td>
                    </>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
          </TableWrap>
        </div>
      </details>
    </section>
  );
}

const PAGE = 50;

/** Per rule, the rows checked and those that could not be, with why: no finding never means "not checked". */
function Coverage({ s }: { s: AuditSummary }) {
  const lines = coverageLines(s);
  if (lines.length === 0) return null;
  return (
    <section aria-labelledby="titre-couverture">
      <h2 id="titre-couverture">Couverture des contrôles</h2>
      <p>Pour chaque contrôle, les lignes vérifiées (certaines sur une hypothèse indiquée) et celles qui n’ont pas pu l’être, avec la raison.</p>
      <TableWrap label="Couverture des contrôles">
        <table>
          <caption className="visually-hidden">Lignes vérifiées et non vérifiées par contrôle</caption>
          <thead>
            <tr>
              <th scope="col">Contrôle</th>
              <th scope="col" className="num">
                Vérifiées
              </th>
              <th scope="col" className="num">
                Non vérifiées
              </th>
              <th scope="col">Hypothèses et raisons</th>
            </tr>
          </thead>
          <tbody>
            {lines.map((l) => (
              <tr key={l.rule}>
                <th scope="row">{l.title}</th>
                <td className="num">{nf.format(l.checked)}</td>
                <td className="num">{nf.format(l.notChecked)}</td>
                <td>
                  {l.assumptions.length + l.reasons.length === 0 ? (
                    '—'
                  ) : (
                    <ul className="small">
                      {l.assumptions.map((a) => (
                        <li key={a}>{a}</li>
                      ))}
                      {l.reasons.map((r) => (
                        <li key={r}>non vérifiées, {r}</li>
                      ))}
                    </ul>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </section>
  );
}

function RuleFindings({ rule, count, samples, omitted, convs }: { rule: RuleId; count: number; samples: Finding[]; omitted: number; convs: ConventionView[] }) {
  const [shown, setShown] = useState(PAGE);
  const narrow = useMediaQuery(NARROW);
  const label = RULE_LABELS[rule] ?? { title: rule, explanation: '' };
  const sev = samples[0]?.severity;
  const headingId = `regle-${rule}`;
  return (
    <section aria-labelledby={headingId} className="card">
      <h3 id={headingId}>
        {label.title} <span className="muted">({nf.format(count)})</span>{' '}
        {sev ? <span className={`tag tag-${sev}`}>{SEVERITY_LABELS[sev]}</span> : null}
      </h3>
      <p>{label.explanation}</p>
      {samples.length === 0 ? null : narrow ? (
        <ul className="finding-list">
          {samples.slice(0, shown).map((f, i) => {
            const expected = formatExpected(f);
            return (
              <li key={`${f.line}-${i}`}>
                <p className="small muted">
                  Ligne {f.line} — matricule {f.matricule || '—'}
                  {f.name ? ` — ${f.name}` : ''}
                </p>
                <p>
                  {f.message}
                  {expected ? (
                    <>
                      <br />
                      <strong>{expected}</strong>
                    </>
                  ) : null}
                </p>
                <Cite source={f.source} conv={convs.find((c) => c.idcc === f.idcc)} compact />
              </li>
            );
          })}
        </ul>
      ) : (
      <TableWrap label={`Constats : ${label.title}`}>
        <table>
          <caption className="visually-hidden">Constats : {label.title}</caption>
          <thead>
            <tr>
              <th scope="col">Ligne</th>
              <th scope="col">Matricule</th>
              <th scope="col">Constat</th>
              <th scope="col">Texte</th>
            </tr>
          </thead>
          <tbody>
            {samples.slice(0, shown).map((f, i) => {
              const expected = formatExpected(f);
              return (
                <tr key={`${f.line}-${i}`}>
                  <td className="num">{f.line}</td>
                  <td>
                    {f.matricule || '—'}
                    {f.name ? (
                      <>
                        <br />
                        {f.name}
                      </>
                    ) : null}
                  </td>
                  <td>
                    {f.message}
                    {expected ? (
                      <>
                        <br />
                        <strong>{expected}</strong>
                      </>
                    ) : null}
                  </td>
                  <td style={{ minWidth: '14rem' }}>
                    <Cite source={f.source} conv={convs.find((c) => c.idcc === f.idcc)} compact />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableWrap>
      )}
      {samples.length > shown ? (
        <button type="button" className="button secondary small" onClick={() => setShown((n) => n + PAGE * 4)}>
          Afficher plus de constats ({nf.format(samples.length - shown)} de plus)
        </button>
      ) : null}
      {omitted > 0 ? <p className="small muted">… et {nf.format(omitted)} autres constats, dans l’export CSV.</p> : null}
    </section>
  );
}

/** Findings kept per rule for the page; the CSV export has them all. */
const PER_RULE = 200;
/** The page stops reading the findings after this many bytes (a file of a million rows). */
const MAX_BYTES = 25 * 1024 * 1024;

interface Samples {
  byRule: Map<RuleId, Finding[]>;
  /** True when the page stopped reading before the end (more findings in the CSV). */
  cut: boolean;
}

/**
 * The first findings of each rule, as the audit kept them (`/samples`): the page need not wait for
 * a whole report to be made from a large audit's findings. An audit done before they were kept
 * answers 404: its NDJSON report is read instead.
 */
async function loadSamples(id: string, summary: AuditSummary, signal: AbortSignal): Promise<Samples> {
  const res = await fetch(ROUTES.auditSamples(id), { credentials: 'same-origin', headers: csrfHeaders('GET'), signal });
  if (res.status === 404) return streamSamples(id, summary, signal);
  if (!res.ok) throw new ApiError(res.status === 409 ? 'Le rapport n’est pas encore prêt.' : 'Les constats n’ont pas pu être chargés.', res.status);
  const kept = (await res.json()) as { byRule: Record<string, Finding[]>; omitted: Record<string, number> };
  const byRule = new Map<RuleId, Finding[]>();
  for (const [rule, list] of Object.entries(kept.byRule) as [RuleId, Finding[]][]) byRule.set(rule, list.slice(0, PER_RULE));
  return { byRule, cut: false };
}

/**
 * The first findings of each rule, read from the NDJSON report as it streams: reading stops once
 * every rule has its share, so a large audit does not load the browser.
 */
async function streamSamples(id: string, summary: AuditSummary, signal: AbortSignal): Promise<Samples> {
  const res = await fetch(ROUTES.auditReport(id, 'ndjson'), { credentials: 'same-origin', headers: csrfHeaders('GET'), signal });
  if (!res.ok || !res.body) throw new ApiError(res.status === 409 ? 'Le rapport n’est pas encore prêt.' : 'Les constats n’ont pas pu être chargés.', res.status);
  const wanted = new Map<RuleId, number>();
  for (const [rule, n] of Object.entries(summary.byRule) as [RuleId, number][]) wanted.set(rule, Math.min(PER_RULE, n));
  const byRule = new Map<RuleId, Finding[]>();
  const complete = () => [...wanted].every(([rule, n]) => (byRule.get(rule)?.length ?? 0) >= n);
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let rest = '';
  let bytes = 0;
  let cut = false;
  const take = (line: string) => {
    if (!line.trim()) return;
    const item = JSON.parse(line) as Finding & { type?: string };
    if (item.type !== 'finding') return;
    const list = byRule.get(item.rule) ?? [];
    if (list.length < PER_RULE) {
      list.push(item);
      byRule.set(item.rule, list);
    }
  };
  for (;;) {
    if (complete()) {
      await reader.cancel();
      break;
    }
    if (bytes > MAX_BYTES) {
      cut = true;
      await reader.cancel();
      break;
    }
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    rest += decoder.decode(value, { stream: true });
    const lines = rest.split('\n');
    rest = lines.pop() ?? '';
    for (const line of lines) take(line);
  }
  take(rest);
  return { byRule, cut };
}

function Report({ id, job }: { id: string; job: AuditJob }) {
  const convs = useConventions();
  const s = job.summary;
  const samples = useAsync((signal) => (s ? loadSamples(id, s, signal) : Promise.resolve({ byRule: new Map(), cut: false })), `samples:${id}`);
  const conventions = convs.state === 'done' ? convs.data : [];
  if (!s) return <ErrorBox error="Le résumé de l’audit est absent." />;
  const rules = (Object.keys(RULE_LABELS) as RuleId[])
    .map((rule) => {
      const count = s.byRule[rule] ?? 0;
      const list = samples.state === 'done' ? (samples.data.byRule.get(rule) ?? []) : [];
      return { rule, count, samples: list, omitted: Math.max(0, count - list.length) };
    })
    .filter((x) => x.count > 0);
  const idccs = [...new Set(s.headcount.map((h) => h.idcc))];
  return (
    <>
      <section aria-labelledby="titre-synthese">
        <h2 id="titre-synthese">Synthèse</h2>
        <p>
          Fichier « {job.fileName} », audité au {formatDateFr(s.at)}
          {s.format ? ` (${s.format.toUpperCase()}${s.encoding ? `, ${s.encoding}` : ''})` : ''}.
        </p>
        <Figures s={s} />
        <div className="actions">
          <a className="button" href={ROUTES.auditReport(id, 'pdf')} download>
            Télécharger le rapport (PDF)
          </a>
          <a className="button secondary" href={ROUTES.auditReport(id, 'csv')} download>
            Tous les constats (CSV)
          </a>
          <a className="button secondary" href={ROUTES.auditReport(id, 'html')} target="_blank" rel="noopener">
            Rapport imprimable (HTML)<span className="visually-hidden"> (nouvel onglet)</span>
          </a>
        </div>
        {s.findings === 0 ? (
          <Notice kind="success" title="Aucun constat">
            <p>Toutes les lignes lues sont classées conformément aux grilles en vigueur au {formatDateFr(s.at)}.</p>
          </Notice>
        ) : null}
        {s.unknownColumns.length ? <p className="small muted">Colonnes non reconnues, ignorées : {s.unknownColumns.join(', ')}.</p> : null}
        {s.notes.map((n, i) => (
          <p key={i} className="small">
            {n}
          </p>
        ))}
      </section>

      <Coverage s={s} />

      {idccs.length ? (
        <section aria-labelledby="titre-effectifs">
          <h2 id="titre-effectifs">Effectifs par position et statut</h2>
          {idccs.map((idcc) => (
            <Headcount key={idcc} s={s} idcc={idcc} conv={conventions.find((c) => c.idcc === idcc)} />
          ))}
        </section>
      ) : null}

      {rules.length ? (
        <section aria-labelledby="titre-constats">
          <h2 id="titre-constats">Constats par règle</h2>
          {samples.state === 'loading' ? <Loading label="Chargement des constats…" /> : null}
          {samples.state === 'error' ? <ErrorBox error={samples.error} /> : null}
          {samples.state === 'done' && samples.data.cut ? (
            <Notice kind="warning">
              <p>Le fichier compte beaucoup de constats : la page montre les premiers de chaque règle. L’export CSV les contient tous.</p>
            </Notice>
          ) : null}
          {rules.map((x) => (
            <RuleFindings key={x.rule} {...x} convs={conventions} />
          ))}
        </section>
      ) : null}
    </>
  );
}
