/**
 * The questionnaire: one question at a time, always the next fact the engine says is missing;
 * the answer as it stands beside it, with its reasons; going back; saving the decision and
 * printing the written classification.
 */
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { api } from '../api.js';
import { ROUTES, type Decision, type Employee, type Page } from '../account-api.js';
import { answerText, FactQuestion } from '../components/FactQuestion.js';
import { Letter, verdictText, type LetterAnswer } from '../components/Letter.js';
import { ResultPanel } from '../components/ResultPanel.js';
import { ConventionSelect, ErrorBox, Loading, Notice, PageHeading, questionText, usePageTitle } from '../components/ui.js';
import { loadGrid, useAsync, useConventions } from '../data.js';
import { href, Link, navigate, useLocation } from '../router.js';
import { canWrite, useSession } from '../session.js';
import type { ClassifyResult, ConventionView, Facts, FactValue, GridView, MissingFact } from '../types.js';
import { preferredIdcc, rememberIdcc } from './SearchPage.js';

interface State {
  idcc: string;
  at: string;
  answers: LetterAnswer[];
  skipped: string[];
  /** The employee the decision will be for (chosen on their page, or in the form). */
  employeeId?: string;
  /** The decision this classification corrects (« corriger ce classement »). */
  previousId?: string;
  /** Name and job title typed for the written classification, kept with the answers. */
  employeeName?: string;
  jobTitle?: string;
}

/**
 * Kept in localStorage, not in the tab: signing up or in (perhaps in another tab) must not lose
 * the answers given before.
 */
const STORE = 'classif.questionnaire';
const JOB_FACT: MissingFact = { fact: 'jobId', question: "Quel emploi-repère correspond à l'emploi ?", type: 'job' };

function loadState(): State | undefined {
  try {
    const s = JSON.parse(localStorage.getItem(STORE) ?? 'null') as State | null;
    return s && typeof s.idcc === 'string' && Array.isArray(s.answers) ? s : undefined;
  } catch {
    return undefined;
  }
}

function saveState(s: State): void {
  try {
    localStorage.setItem(STORE, JSON.stringify(s));
  } catch {
    /* storage full or disabled: the questionnaire still works */
  }
}

export function factsOf(answers: LetterAnswer[]): Facts {
  return Object.fromEntries(answers.map((a) => [a.fact.fact, a.value]));
}

/** The questionnaire as a decision left it: its answers, for its employee, correcting it. */
async function correctionState(id: string): Promise<State> {
  const d = await api<Decision>(ROUTES.decision(id));
  const defs = await api<{ facts: (MissingFact & { id: string })[] }>(href(`/api/conventions/${encodeURIComponent(d.idcc)}/facts`, { at: d.at }));
  const answers: LetterAnswer[] = Object.entries((d.facts ?? {}) as Facts).map(([fact, value]) => {
    const def = defs.facts.find((f) => f.id === fact);
    return { fact: fact === 'jobId' ? JOB_FACT : def ? { ...def, fact } : { fact, question: fact, type: 'enum' }, value };
  });
  const POST = 'Poste dans l’entreprise : ';
  const first = (d.comment ?? '').split('\n')[0] ?? '';
  return {
    idcc: d.idcc,
    at: d.at,
    answers,
    skipped: [],
    previousId: d.id,
    ...(d.employeeId ? { employeeId: d.employeeId } : {}),
    ...(first.startsWith(POST) ? { jobTitle: first.slice(POST.length) } : {}),
  };
}

export function QuestionnairePage() {
  const { query } = useLocation();
  const convs = useConventions();
  usePageTitle('Classer un emploi pas à pas');
  const conventions = convs.state === 'done' ? convs.data : [];
  const [state, setState] = useState<State | undefined>(undefined);

  // The state comes from the address (a job chosen in the search) or from this tab's last visit.
  useEffect(() => {
    if (!conventions.length) return;
    const askedIdcc = query.get('idcc');
    const job = query.get('job');
    const employeeId = query.get('salarie') ?? undefined;
    const correct = query.get('corriger');
    const at = query.get('at') ?? '';
    const stored = loadState();
    if (correct) {
      void correctionState(correct).then((next) => {
        setState(next);
        saveState(next);
        navigate('/classer', { replace: true, keepScroll: true });
      }, () => setState(stored ?? { idcc: preferredIdcc(conventions, askedIdcc), at, answers: [], skipped: [] }));
      return;
    }
    let next: State;
    const who = employeeId ? { employeeId } : {};
    if (job) next = { idcc: preferredIdcc(conventions, askedIdcc), at, answers: [{ fact: JOB_FACT, value: job }], skipped: [], ...who };
    else if (stored && (!askedIdcc || stored.idcc === askedIdcc) && !employeeId) next = stored;
    else next = { idcc: preferredIdcc(conventions, askedIdcc), at, answers: [], skipped: [], ...who };
    setState(next);
    saveState(next);
    if (job || employeeId) navigate(href('/classer', { idcc: next.idcc }), { replace: true, keepScroll: true });
    // Only when the conventions arrive or the address names another job, employee or decision.
  }, [conventions.length, query.get('job'), query.get('idcc'), query.get('salarie'), query.get('corriger')]);

  useEffect(() => {
    if (state) saveState(state);
  }, [state]);

  return (
    <>
      {/* Printed, the page is the written classification alone. */}
      <div className="no-print">
        <PageHeading lead="Une question à la fois. À chaque réponse, classif recalcule la position et le statut et cite le texte qui les fonde. Vous pouvez revenir en arrière à tout moment.">
          Classer un emploi pas à pas
        </PageHeading>
      </div>
      {convs.state === 'loading' ? <Loading /> : null}
      {convs.state === 'error' ? <ErrorBox error={convs.error} /> : null}
      {state && conventions.length ? <Questionnaire state={state} setState={setState} conventions={conventions} /> : null}
    </>
  );
}

function Questionnaire({ state, setState, conventions }: { state: State; setState: (s: State) => void; conventions: ConventionView[] }) {
  const { me } = useSession();
  const conv = conventions.find((c) => c.idcc === state.idcc);
  const facts = useMemo(() => factsOf(state.answers), [state.answers]);
  const key = JSON.stringify([state.idcc, state.at, facts]);
  const result = useAsync(
    (signal) => api<ClassifyResult>(`/api/conventions/${encodeURIComponent(state.idcc)}/classify`, { body: { facts, ...(state.at ? { at: state.at } : {}) }, signal }),
    key,
  );
  const grid = useAsync(() => loadGrid(state.idcc, state.at || undefined), `${state.idcc}:${state.at}`);
  const [editing, setEditing] = useState<string | null>(null);
  const employeeName = state.employeeName ?? '';
  const jobTitle = state.jobTitle ?? '';
  const setEmployeeName = (v: string) => setState({ ...state, employeeName: v });
  const setJobTitle = (v: string) => setState({ ...state, jobTitle: v });
  // The last answer that came back, kept on screen while the next one is computed.
  const [last, setLast] = useState<ClassifyResult | undefined>(undefined);
  const done = result.state === 'done' ? result.data : undefined;
  useEffect(() => {
    if (done) setLast(done);
  }, [done]);
  const current = result.state === 'done' ? result.data : last;

  const next = current?.missing.find((m) => !state.skipped.includes(m.fact) && facts[m.fact] === undefined);
  const editedAnswer = editing ? state.answers.find((a) => a.fact.fact === editing) : undefined;
  const finished = result.state === 'done' && !next;
  const step = state.answers.length + 1;

  const answer = (fact: MissingFact, value: FactValue) => {
    const exists = state.answers.some((a) => a.fact.fact === fact.fact);
    const answers = exists ? state.answers.map((a) => (a.fact.fact === fact.fact ? { fact: a.fact, value } : a)) : [...state.answers, { fact, value }];
    setState({ ...state, answers, skipped: state.skipped.filter((s) => s !== fact.fact) });
    setEditing(null);
    focusNext.current = true;
  };
  const back = () => {
    setState({ ...state, answers: state.answers.slice(0, -1) });
    setEditing(null);
  };
  const skip = (fact: MissingFact) => {
    setState({ ...state, skipped: [...state.skipped, fact.fact] });
    focusNext.current = true;
  };
  // After an answer, focus goes to the next question's heading once it is there.
  const focusNext = useRef(false);
  useEffect(() => {
    if (!focusNext.current || result.state === 'loading') return;
    focusNext.current = false;
    document.getElementById('question')?.focus();
  }, [result.state, next?.fact]);
  const restart = () => {
    setState({ ...state, answers: [], skipped: [] });
    setEditing(null);
  };
  const changeConvention = (idcc: string) => {
    rememberIdcc(idcc);
    setState({ idcc, at: state.at, answers: [], skipped: [], ...(state.employeeId ? { employeeId: state.employeeId } : {}) });
    setEditing(null);
  };
  const g: GridView | undefined = grid.state === 'done' ? grid.data : undefined;

  return (
    <>
      <div className="card no-print">
        <div className="field-row">
          <ConventionSelect conventions={conventions} value={state.idcc} onChange={changeConvention} />
          <div className="field narrow">
            <label htmlFor="date-classement">
              Date du classement <span className="hint">(aujourd’hui si vide)</span>
            </label>
            <input id="date-classement" type="date" value={state.at} onChange={(e) => setState({ ...state, at: e.target.value })} />
          </div>
        </div>
      </div>

      <p className="visually-hidden" aria-live="polite">
        {result.state === 'done' ? `Réponse mise à jour : ${verdictText(result.data, g)}.` : ''}
      </p>

      <div className="two-cols no-print">
        <div>
          <section className="card question-card" aria-labelledby="question" id="bloc-question">
            {editedAnswer ? (
              <>
                <h2 id="question" tabIndex={-1} className="step">
                  Modifier une réponse
                </h2>
                <FactQuestion key={`edit-${editedAnswer.fact.fact}`} fact={editedAnswer.fact} initial={editedAnswer.value} idcc={state.idcc} at={state.at} onAnswer={(v) => answer(editedAnswer.fact, v)}>
                  <button type="button" className="button secondary" onClick={() => setEditing(null)}>
                    Annuler
                  </button>
                </FactQuestion>
              </>
            ) : next ? (
              <>
                <h2 id="question" tabIndex={-1} className="step">
                  Question {step}
                </h2>
                <FactQuestion key={`${next.fact}-${step}`} fact={next} idcc={state.idcc} at={state.at} onAnswer={(v) => answer(next, v)}>
                  {state.answers.length ? (
                    <button type="button" className="button secondary" onClick={back}>
                      Revenir à la question précédente
                    </button>
                  ) : null}
                  <button type="button" className="link-button" onClick={() => skip(next)}>
                    Je ne sais pas, passer
                  </button>
                </FactQuestion>
              </>
            ) : (
              <>
                <h2 id="question" tabIndex={-1}>
                  {result.state === 'loading' && !current ? 'Préparation des questions…' : 'Plus de question'}
                </h2>
                {result.state === 'loading' ? <Loading label="Calcul en cours…" /> : null}
                {finished ? (
                  <p>
                    {state.skipped.length
                      ? 'Les questions restantes ont été passées : le classement tient compte de ce qui est connu.'
                      : current?.warnings.some((w) => w.next)
                        ? 'Toutes les questions utiles ont une réponse, mais le salarié a dépassé la durée maximale dans sa position : voir « Ce qu’il faut faire ».'
                        : 'Toutes les questions utiles ont une réponse. Le classement ci-contre est complet.'}
                  </p>
                ) : null}
                {state.answers.length ? (
                  <div className="actions">
                    <button type="button" className="button secondary" onClick={back}>
                      Revenir à la question précédente
                    </button>
                  </div>
                ) : null}
              </>
            )}
            {result.state === 'error' ? <ErrorBox error={result.error} title="Cette réponse n’a pas pu être prise en compte" /> : null}
          </section>

          {state.answers.length || state.skipped.length ? (
            <section className="card" aria-labelledby="titre-reponses">
              <h2 id="titre-reponses">Vos réponses</h2>
              <ul className="answers">
                {state.answers.map((a) => (
                  <li key={a.fact.fact}>
                    <span className="q">{questionText(a.fact.question)}</span>
                    <span className="a">{answerText(a.fact, a.value, g)}</span>
                    <button type="button" className="link-button" onClick={() => setEditing(a.fact.fact)} aria-label={`Modifier la réponse : ${questionText(a.fact.question)}`}>
                      Modifier
                    </button>
                  </li>
                ))}
                {state.skipped.map((f) => {
                  const m = current?.missing.find((x) => x.fact === f);
                  return (
                    <li key={`skip-${f}`}>
                      <span className="q">{m ? questionText(m.question) : f}</span>
                      <span className="a muted">passée</span>
                      <button type="button" className="link-button" onClick={() => setState({ ...state, skipped: state.skipped.filter((s) => s !== f) })}>
                        Répondre
                      </button>
                    </li>
                  );
                })}
              </ul>
              <div className="actions">
                <button type="button" className="button secondary small" onClick={restart}>
                  Tout recommencer
                </button>
              </div>
            </section>
          ) : null}
          {current && current.outcome !== 'unknown' ? (
            <section className="card" aria-labelledby="titre-actions">
              <h2 id="titre-actions">Garder une trace</h2>
              <p>Imprimez la classification écrite à remettre au salarié, ou enregistrez-la comme décision de votre organisation.</p>
              <div className="field">
                <label htmlFor="nom-salarie">
                  Nom du salarié <span className="hint">(facultatif)</span>
                </label>
                <input id="nom-salarie" type="text" value={employeeName} onChange={(e) => setEmployeeName(e.target.value)} autoComplete="off" />
              </div>
              <div className="field">
                <label htmlFor="poste">
                  Intitulé du poste dans l’entreprise <span className="hint">(facultatif)</span>
                </label>
                <input id="poste" type="text" value={jobTitle} onChange={(e) => setJobTitle(e.target.value)} autoComplete="off" />
              </div>
              <div className="actions">
                <button type="button" className="button secondary" onClick={() => window.print()}>
                  Imprimer / PDF
                </button>
              </div>
              {me === null ? (
                <p>
                  <Link to={href('/connexion', { retour: '/classer' })}>Connectez-vous</Link> ou <Link to={href('/inscription', { retour: '/classer' })}>créez un compte</Link> pour
                  enregistrer la décision : vos réponses sont gardées.
                </p>
              ) : me && !canWrite(me) ? (
                <p className="muted">Votre rôle (lecture seule) ne permet pas d’enregistrer une décision.</p>
              ) : me ? (
                <SaveDecision state={state} facts={facts} result={current} employeeName={employeeName} jobTitle={jobTitle} disabled={result.state !== 'done'} />
              ) : null}
            </section>
          ) : null}
        </div>

        <div>
          {current ? <ResultPanel result={current} conv={conv} final={finished} grid={g} /> : null}
        </div>
      </div>
      {current ? (
        // On a phone the full answer sits below the questions: a one-line summary follows them.
        <p className="result-summary no-print" aria-hidden="true">
          <span>{verdictText(current, g)}</span>
          <a href="#titre-reponse" tabIndex={-1}>
            Détail
          </a>
        </p>
      ) : null}

      {current ? (
        <div className="print-only">
          <Letter id="classification-imprimee" result={current} answers={state.answers} conv={conv} grid={g} organisation={me?.organisation?.name} employee={employeeName} jobTitle={jobTitle} />
        </div>
      ) : null}
    </>
  );
}

function SaveDecision({
  state,
  facts,
  result,
  employeeName,
  jobTitle,
  disabled,
}: {
  state: State;
  facts: Facts;
  result: ClassifyResult;
  employeeName: string;
  jobTitle: string;
  disabled: boolean;
}) {
  const employees = useAsync((signal) => api<Page<Employee>>(href(ROUTES.employees, { limit: 200 }), { signal }), 'employees');
  const list = employees.state === 'done' ? employees.data.items : [];
  const [employeeId, setEmployeeId] = useState(state.employeeId ?? '');
  const [matricule, setMatricule] = useState('');
  const [position, setPosition] = useState('');
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const range = result.outcome === 'result' && result.positions.length > 1;

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      let empId: string | undefined = employeeId && employeeId !== NEW ? employeeId : undefined;
      if (employeeId === NEW) {
        const created = await api<Employee>(ROUTES.employees, {
          body: { matricule: matricule.trim(), idcc: state.idcc, ...(employeeName.trim() ? { name: employeeName.trim() } : {}) },
        });
        empId = created.id;
      }
      const note = [jobTitle.trim() ? `Poste dans l’entreprise : ${jobTitle.trim()}` : '', comment.trim()].filter(Boolean).join('\n');
      const saved = await api<Decision>(ROUTES.decisions, {
        body: {
          kind: 'classify',
          idcc: state.idcc,
          facts,
          ...(state.at ? { at: state.at } : {}),
          ...(empId ? { employeeId: empId } : {}),
          ...(range && position ? { position } : {}),
          ...(note ? { comment: note } : {}),
          ...(state.previousId ? { previousId: state.previousId } : {}),
        },
      });
      // Saved: the next classification starts afresh (and corrects nothing).
      saveState({ idcc: state.idcc, at: '', answers: [], skipped: [] });
      navigate(`/decisions/${encodeURIComponent(saved.id)}`);
    } catch (err) {
      setError(err as Error);
      setBusy(false);
    }
  };

  return (
    <form onSubmit={save} aria-labelledby="titre-enregistrer">
      <h3 id="titre-enregistrer">{state.previousId ? 'Enregistrer la correction' : 'Enregistrer la décision'}</h3>
      {state.previousId ? <p>La décision corrigée reste consultable : la correction en devient la version suivante.</p> : null}
      <div className="field">
        <label htmlFor="salarie-decision">Salarié concerné</label>
        <select id="salarie-decision" value={employeeId} onChange={(e) => setEmployeeId(e.target.value)}>
          <option value="">Aucun (décision sans salarié)</option>
          <option value={NEW}>Nouveau salarié{employeeName.trim() ? ` : ${employeeName.trim()}` : ''}</option>
          {list.map((emp) => (
            <option key={emp.id} value={emp.id}>
              {[emp.name, emp.matricule].filter(Boolean).join(' — ')}
            </option>
          ))}
        </select>
      </div>
      {employeeId === NEW ? (
        <div className="field">
          <label htmlFor="matricule-decision">Matricule du nouveau salarié</label>
          <input id="matricule-decision" type="text" value={matricule} onChange={(e) => setMatricule(e.target.value)} required autoComplete="off" />
        </div>
      ) : null}
      {range ? (
        <div className="field">
          <label htmlFor="position-retenue">
            Position retenue <span className="hint">— le texte laisse le choix entre {result.positions.join(', ')}</span>
          </label>
          <select id="position-retenue" value={position} onChange={(e) => setPosition(e.target.value)}>
            <option value="">Garder la plage</option>
            {result.positions.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <div className="field">
        <label htmlFor="commentaire-decision">
          Commentaire <span className="hint">(facultatif)</span>
        </label>
        <textarea id="commentaire-decision" rows={2} value={comment} onChange={(e) => setComment(e.target.value)} />
      </div>
      {error ? <ErrorBox error={error} title="La décision n’a pas été enregistrée" /> : null}
      <div className="actions">
        <button type="submit" className="button" disabled={busy || disabled}>
          {busy ? 'Enregistrement…' : state.previousId ? 'Enregistrer la correction' : 'Enregistrer la décision'}
        </button>
      </div>
      {employees.state === 'error' ? (
        <Notice kind="warning">
          <p>La liste des salariés n’a pas pu être chargée : {employees.error.message}</p>
        </Notice>
      ) : null}
    </form>
  );
}

const NEW = '__nouveau__';
