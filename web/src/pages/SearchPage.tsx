/**
 * Search a job by its title or a description of what the person does: ranked benchmark jobs
 * with what matched, the cited text, the full job card and a way to classify it.
 */
import { useEffect, useId, useState, type FormEvent } from 'react';
import { api } from '../api.js';
import { CotationReading } from '../components/CotationReading.js';
import { FullJobCard } from '../components/JobCard.js';
import { capitalize, Cite, conventionNames, ConventionSelect, ErrorBox, Loading, Notice, PageHeading, period, Positions, StatusText, usePageTitle } from '../components/ui.js';
import { loadGrid, useAsync, useConventions } from '../data.js';
import { href, Link, navigate, useLocation } from '../router.js';
import type { ConventionView, SearchHit, SearchView } from '../types.js';
import { tiedText } from '../../../src/model/tie-fr.js';

const FIELD_LABELS: Record<string, string> = {
  title: 'intitulé',
  aliases: 'autre intitulé',
  duties: 'fonction',
  inherited: 'fonction reprise',
  mission: 'mission',
  activities: 'activité',
  criteria: 'critère',
  variation: 'facteur de variation',
  track: 'filière',
  twin: 'texte de l’emploi',
};

export function preferredIdcc(conventions: ConventionView[], asked?: string | null): string {
  if (asked && conventions.some((c) => c.idcc === asked)) return asked;
  const saved = localStorage.getItem('classif.idcc');
  if (saved && conventions.some((c) => c.idcc === saved)) return saved;
  return conventions[0]?.idcc ?? '';
}

export function rememberIdcc(idcc: string): void {
  try {
    localStorage.setItem('classif.idcc', idcc);
  } catch {
    /* private browsing: nothing to remember */
  }
}

function fold(s: string): string {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

/** The text with the words that matched marked (terms are normalised stems). */
export function Highlight({ text, terms }: { text: string; terms: string[] }) {
  const stems = terms.map(fold).filter((t) => t.length >= 3);
  if (stems.length === 0) return <>{text}</>;
  const parts = text.split(/([\p{L}\p{N}]+)/u);
  return (
    <>
      {parts.map((p, i) => {
        const w = fold(p);
        const hit = w.length >= 3 && stems.some((t) => w.startsWith(t) || (w.length >= 4 && t.startsWith(w)));
        return hit ? <mark key={i}>{p}</mark> : <span key={i}>{p}</span>;
      })}
    </>
  );
}

function ResultCard({ hit, rank, idcc, at, conv, level, uncertain, tied }: { hit: SearchHit; rank: number; idcc: string; at: string; conv: ConventionView | undefined; level: 3 | 4; uncertain: boolean; tied: boolean }) {
  const Title = level === 3 ? 'h3' : 'h4';
  const Sub = level === 3 ? 'h4' : 'h5';
  const [open, setOpen] = useState(false);
  const cardId = useId();
  const grid = useAsync(() => loadGrid(idcc, at || undefined), open ? `${idcc}:${at}` : null);
  const job = grid.state === 'done' ? grid.data.jobs.find((j) => j.id === hit.job.id) : undefined;
  const shown = hit.evidence.slice(0, 4);
  return (
    <li className="card">
      <div className="result-head">
        <span className="rank" aria-hidden="true">
          {rank}.
        </span>
        <Title>{hit.job.title}</Title>
      </div>
      <p>
        {hit.positions.length > 1 ? 'Positions' : 'Position'} <Positions positions={hit.positions} /> — <StatusText statuses={hit.statuses} joiner=" à " />
        <br />
        <span className="muted">{hit.trackTitle}</span>
      </p>
      {hit.confidence !== undefined ? (
        <p className="meter">
          Vraisemblance : {Math.round(hit.confidence * 100)} %{rank === 1 && tied ? ' pour le métier — niveau à départager' : uncertain && rank === 1 ? ' — réponse incertaine, à vérifier' : ''}
        </p>
      ) : (
        <p className="meter">Proximité de l’intitulé : {Math.round(Math.min(1, hit.score) * 100)} %</p>
      )}
      {shown.length > 0 ? (
        <>
          <Sub>Ce qui correspond</Sub>
          <ul className="evidence">
            {shown.map((e, i) => (
              <li key={i}>
                <span className="field-name">{FIELD_LABELS[e.field] ?? 'texte'} :</span> « <Highlight text={e.text} terms={e.terms} /> »
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <Cite source={hit.source} conv={conv} compact />
      <div className="actions">
        <button type="button" className="button secondary small" aria-expanded={open} aria-controls={cardId} onClick={() => setOpen((o) => !o)}>
          {open ? 'Masquer la fiche' : 'Voir la fiche complète'}
        </button>
        <Link className="button small" to={href('/classer', { idcc, job: hit.job.id, at })}>
          Classer cet emploi
        </Link>
      </div>
      <div id={cardId} hidden={!open}>
        {open && grid.state === 'loading' ? <Loading label="Chargement de la fiche…" /> : null}
        {open && grid.state === 'error' ? <ErrorBox error={grid.error} /> : null}
        {open && grid.state === 'done' && job ? <FullJobCard grid={grid.data} job={job} conv={conv} at={at} headingLevel={level} hideTitle /> : null}
      </div>
    </li>
  );
}

export function SearchPage() {
  const { path, query } = useLocation();
  const convs = useConventions();
  const q = query.get('q') ?? '';
  const at = query.get('at') ?? '';
  const conventions = convs.state === 'done' ? convs.data : [];
  // No convention chosen: every convention is searched (a shop owner need not know theirs).
  const asked = query.get('idcc') ?? '';
  const idcc = conventions.some((c) => c.idcc === asked) ? asked : '';
  const conv = conventions.find((c) => c.idcc === idcc);
  usePageTitle(q ? `Recherche « ${q.slice(0, 40)} »` : 'Rechercher un emploi');

  const [text, setText] = useState(q);
  const [date, setDate] = useState(at);
  const [chosen, setChosen] = useState(idcc);
  useEffect(() => setText(q), [q]);
  useEffect(() => setDate(at), [at]);
  useEffect(() => setChosen(idcc), [idcc]);

  const key = q && conventions.length ? `${idcc}|${q}|${at}` : null;
  const results = useAsync(
    (signal) =>
      idcc
        ? api<SearchView>(href(`/api/conventions/${encodeURIComponent(idcc)}/search`, { q, limit: 8, at }), { signal }).then((one) => ({ query: one.query, conventions: [one] }))
        : api<SearchAll>(href('/api/search', { q, limit: 4, at }), { signal }),
    key,
  );
  const [empty, setEmpty] = useState(false);

  const submit = (e?: FormEvent) => {
    e?.preventDefault();
    if (text.trim() === '') {
      setEmpty(true);
      document.getElementById('q')?.focus();
      return;
    }
    setEmpty(false);
    if (chosen) rememberIdcc(chosen);
    navigate(href('/recherche', { idcc: chosen, q: text.trim(), at: date }), { keepScroll: true });
  };

  return (
    <>
      <PageHeading lead="Tapez l’intitulé du poste, ou décrivez ce que fait la personne : classif retrouve l’emploi-repère de la convention, sa position et son statut, en citant le texte.">
        Rechercher un emploi
      </PageHeading>
      {convs.state === 'error' ? <ErrorBox error={convs.error} title="Impossible de charger les conventions" /> : null}
      <form className="card" role="search" aria-label="Rechercher un emploi-repère" onSubmit={submit}>
        <div className="field">
          <label htmlFor="q">
            Intitulé ou description du poste
            <span className="hint"> — l'intitulé tel que la fiche de paie l'écrit, ou quelques phrases sur les tâches</span>
          </label>
          <textarea
            id="q"
            name="q"
            rows={3}
            value={text}
            onChange={(e) => setText(e.target.value)}
            // Enter searches, as in any search box; Shift+Enter starts a new line of a description.
            onKeyDown={(e) => {
              if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
                e.preventDefault();
                submit();
              }
            }}
            aria-describedby="q-aide"
            aria-invalid={empty ? true : undefined}
          />
          <p id="q-aide" className="hint">
            Entrée lance la recherche ; Maj+Entrée passe à la ligne.
          </p>
          {empty ? (
            <p className="notice notice-error" role="alert">
              Tapez un intitulé d’emploi ou quelques mots sur les tâches avant de lancer la recherche.
            </p>
          ) : null}
        </div>
        {conventions.length ? (
          <ConventionSelect conventions={conventions} value={chosen} onChange={setChosen} label="Convention collective" anyLabel="Toutes les conventions (je ne connais pas la mienne)" />
        ) : (
          <Loading />
        )}
        <details>
          <summary>Date d’application (facultatif)</summary>
          <div className="details-body">
            <div className="field">
              <label htmlFor="at">
                Grille en vigueur au
                <span className="hint"> — aujourd’hui si vide ; utile pour un classement passé</span>
              </label>
              <input id="at" type="date" value={date} onChange={(e) => setDate(e.target.value)} />
            </div>
          </div>
        </details>
        <div className="actions">
          <button type="submit" className="button">
            Rechercher
          </button>
          <Link to={href('/classer', { idcc: chosen || undefined })}>Ou répondre aux questions pas à pas</Link>
        </div>
      </form>

      {key === null && path === '/' ? (
        <>
          <ConventionFinder />
          <Tools />
        </>
      ) : null}

      {key !== null ? (
        <section aria-labelledby="titre-resultats" aria-busy={results.state === 'loading'}>
          {results.state === 'loading' ? <Loading label="Recherche en cours…" /> : null}
          {results.state === 'error' ? <ErrorBox error={results.error} /> : null}
          {results.state === 'done' ? <AllResults data={results.data} at={at} conventions={conventions} one={conv} /> : null}
        </section>
      ) : null}
    </>
  );
}

interface SearchAll {
  query: string;
  conventions: SearchView[];
}

/** The answers of one convention or of all, each under the name of its convention. */
function AllResults({ data, at, conventions, one }: { data: SearchAll; at: string; conventions: ConventionView[]; one: ConventionView | undefined }) {
  if (one) return <Results data={data.conventions[0]!} idcc={one.idcc} at={at} conv={one} headingId="titre-resultats" />;
  const n = data.conventions.length;
  return (
    <>
      <h2 id="titre-resultats">
        {n === 0 ? 'Aucun emploi-repère trouvé' : n === 1 ? 'Une convention a un emploi-repère proche' : `${n} conventions ont un emploi-repère proche`} de « {data.query} »
      </h2>
      {n === 0 ? (
        <Notice>
          <p>Essayez un autre intitulé, ou décrivez les tâches en quelques phrases.</p>
        </Notice>
      ) : (
        <p>Chaque convention collective a ses propres emplois-repères. Celle qui s’applique dépend de l’activité principale de l’entreprise : si vous ne la connaissez pas, le code APE (NAF) de l’entreprise la donne (plus bas, « Trouver votre convention »).</p>
      )}
      {data.conventions.map((v) => {
        const conv = conventions.find((c) => c.idcc === v.idcc);
        return (
          <section key={v.idcc} className="convention-group" aria-labelledby={`groupe-${v.idcc}`}>
            <Results data={v} idcc={v.idcc} at={at} conv={conv} headingId={`groupe-${v.idcc}`} grouped />
          </section>
        );
      })}
      {n > 0 ? <ConventionFinder /> : null}
    </>
  );
}

function Results({ data, idcc, at, conv, headingId, grouped }: { data: SearchView; idcc: string; at: string; conv: ConventionView | undefined; headingId: string; grouped?: boolean }) {
  const n = data.results.length;
  const name = conv ? `${capitalize(conv.shortTitle)} (IDCC ${conv.idcc})` : `IDCC ${data.idcc}`;
  return (
    <>
      {grouped ? (
        <h3 id={headingId} className="group-title">
          {name}
        </h3>
      ) : (
        <h2 id={headingId}>
          {data.byCotation ? 'Lecture des critères de cotation' : n === 0 ? 'Aucun emploi-repère trouvé' : n === 1 ? '1 emploi-repère' : `${n} emplois-repères`} pour « {data.query} »
        </h2>
      )}
      <p className="muted">
        {grouped && conv ? `${conv.title} — ` : ''}Recherche {data.mode === 'title' ? 'par intitulé' : 'par description'}
        {grouped ? '' : ` — ${name}`}, grille « {data.grid.title} » ({period(data.grid)}).
      </p>
      {data.byCotation ? <CotationReading reading={data.byCotation} idcc={idcc} at={at} conv={conv} /> : null}
      {n === 0 && !data.byCotation ? (
        <Notice>
          <p>Essayez un autre intitulé, ou décrivez les tâches en quelques phrases. Vous pouvez aussi parcourir la grille ou répondre aux questions pas à pas.</p>
          <p>
            <Link to={href('/grilles', { idcc, at })}>Parcourir la grille</Link> · <Link to={href('/classer', { idcc, at })}>Classer pas à pas</Link>
          </p>
        </Notice>
      ) : null}
      {data.withoutCard ? (
        <Notice kind="warning" title={data.withoutCard.positions.length > 0 ? 'Aucun emploi-repère n’est sûr : lecture des critères' : 'Aucun emploi-repère n’est sûr'}>
          <p>{data.withoutCard.message}</p>
          {data.withoutCard.criteria.length > 0 ? (
            <ul>
              {data.withoutCard.criteria.map((c) => (
                <li key={c.criterion}>
                  <strong>{c.title}</strong> ({c.position}) : « {c.evidence.join(' … ')} » — <Cite source={c.source} conv={conv} compact />
                </li>
              ))}
            </ul>
          ) : null}
          <p>
            <Link to={href('/classer', { idcc, at })}>Répondre au questionnaire</Link>
          </p>
        </Notice>
      ) : data.tiedWith && n > 0 ? (
        <Notice kind="warning" title="Niveau à départager">
          <p>{tiedText(data.results[0]!, data.tiedWith)}</p>
          <p>
            <Link to={href('/classer', { idcc, at })}>Répondre au questionnaire</Link>
          </p>
        </Notice>
      ) : data.uncertain && n > 0 ? (
        <Notice kind="warning" title="Réponse incertaine">
          <p>Plusieurs emplois-repères sont proches, ou aucun ne correspond nettement. Comparez leurs fonctions, ou précisez la description.</p>
        </Notice>
      ) : null}
      <ol className="results">
        {data.results.map((hit, i) => (
          <ResultCard key={hit.job.id} hit={hit} rank={i + 1} idcc={idcc} at={at} conv={conv} level={grouped ? 4 : 3} uncertain={data.uncertain} tied={data.tiedWith !== undefined} />
        ))}
      </ol>
    </>
  );
}

function Tools() {
  return (
    <section aria-labelledby="titre-outils">
      <h2 id="titre-outils">Les autres outils</h2>
      <ul className="card-grid" style={{ listStyle: 'none', padding: 0 }}>
        <li className="card">
          <h3>
            <Link to="/classer">Classer pas à pas</Link>
          </h3>
          <p>Une question à la fois : l’emploi, le diplôme, l’expérience… jusqu’à la position et au statut, avec les raisons. À imprimer et remettre au salarié.</p>
        </li>
        <li className="card">
          <h3>
            <Link to="/grilles">Parcourir les grilles</Link>
          </h3>
          <p>Les filières, positions et emplois-repères de chaque convention, à une date donnée ; l’ancienne et la nouvelle grille comparées, question par question.</p>
        </li>
        <li className="card">
          <h3>
            <Link to="/audits">Auditer une liste du personnel</Link>
          </h3>
          <p>Déposez l’export de la paie (CSV ou Excel) : classif vérifie chaque classement et signale ce qui ne va pas, texte à l’appui.</p>
        </li>
      </ul>
    </section>
  );
}

interface FoundConvention extends ConventionView {
  matched: 'idcc' | 'naf' | 'name';
}

/**
 * Which convention applies? The company's APE (NAF) code is on its Kbis and its payslips; the
 * champ d'application of each text names the codes it covers.
 */
export function ConventionFinder() {
  const convs = useConventions();
  const [text, setText] = useState('');
  const [asked, setAsked] = useState<string | null>(null);
  const found = useAsync((signal) => api<FoundConvention[]>(href('/api/conventions/find', { q: asked }), { signal }), asked);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (text.trim()) setAsked(text.trim());
  };
  return (
    <section className="card" aria-labelledby="titre-trouver-convention">
      <h2 id="titre-trouver-convention">Trouver votre convention collective</h2>
      <form onSubmit={submit} role="search" aria-label="Trouver une convention collective">
        <div className="field">
          <label htmlFor="convention-cherchee">
            Code APE (NAF) de l’entreprise, nom de la convention ou IDCC
            <span className="hint"> — le code APE figure sur le Kbis et les bulletins de paie, par exemple 47.78A</span>
          </label>
          <input id="convention-cherchee" type="text" value={text} onChange={(e) => setText(e.target.value)} autoComplete="off" />
        </div>
        <div className="actions">
          <button type="submit" className="button secondary">
            Trouver
          </button>
        </div>
      </form>
      {asked !== null && found.state === 'loading' ? <Loading /> : null}
      {found.state === 'error' ? <ErrorBox error={found.error} /> : null}
      <div aria-live="polite">
      {asked !== null && found.state === 'done' ? (
        found.data.length === 0 ? (
          <p role="status">Aucune des conventions prises en charge ne correspond à « {asked} ». {convs.state === 'done' ? `Conventions prises en charge : ${conventionNames(convs.data)}.` : ''}</p>
        ) : (
          <ul className="plain">
            {found.data.map((c) => (
              <li key={c.idcc}>
                <strong>
                  {capitalize(c.shortTitle)} (IDCC {c.idcc})
                </strong>{' '}
                — {c.title}
                {c.naf.length ? <> ; codes NAF : {c.naf.join(', ')}</> : null}
                {c.nafSource ? <Cite source={c.nafSource} conv={c} compact /> : null}
                <br />
                <Link to={href('/recherche', { idcc: c.idcc })}>Chercher un emploi dans cette convention</Link> · <Link to={href('/grilles', { idcc: c.idcc })}>Voir sa grille</Link>
              </li>
            ))}
          </ul>
        )
      ) : null}
      </div>
    </section>
  );
}
