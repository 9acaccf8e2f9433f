/**
 * One question of the questionnaire, in the form its type calls for: radio buttons for a choice,
 * check boxes for several, a number, oui/non, a date, or the job picker.
 */
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import type { FactValue, GridView, MissingFact } from '../types.js';
import { JobPicker } from './JobPicker.js';
import { formatDateFr } from './ui.js';

/** A value in words, for the list of answers and the printed classification. */
export function answerText(fact: MissingFact, value: FactValue, grid?: GridView): string {
  if (fact.type === 'boolean') return value === true ? 'Oui' : 'Non';
  if (fact.type === 'date' && typeof value === 'string') return formatDateFr(value);
  if (fact.type === 'job' && typeof value === 'string') return grid?.jobs.find((j) => j.id === value)?.title ?? value;
  const label = (v: string) => fact.values?.find((x) => x.id === v)?.label ?? v;
  if (Array.isArray(value)) return value.length === 0 ? 'Aucun' : value.map(label).join(' ; ');
  if (typeof value === 'string') return label(value);
  const n = String(value).replace('.', ',');
  if (typeof value !== 'number' || !fact.unit) return n;
  // French: 0 and 1 (and anything under 2) take the singular, « 1 an », « 0,5 an ».
  return `${n} ${Math.abs(value) < 2 ? fact.unit.replace(/s$/, '') : fact.unit}`;
}

function parseNumber(raw: string, integer: boolean): number | undefined {
  const s = raw.trim().replace(/\s/g, '').replace(',', '.');
  if (s === '' || !/^-?\d+(\.\d+)?$/.test(s)) return undefined;
  const n = Number(s);
  if (!Number.isFinite(n) || (integer && !Number.isInteger(n))) return undefined;
  return n;
}

export function FactQuestion({
  fact,
  initial,
  idcc,
  at,
  onAnswer,
  children,
}: {
  fact: MissingFact;
  initial?: FactValue | undefined;
  idcc: string;
  at: string;
  onAnswer: (value: FactValue) => void;
  /** Extra buttons (back, skip). */
  children?: ReactNode;
}) {
  const id = useId();
  const [value, setValue] = useState<FactValue | undefined>(initial);
  const [draft, setDraft] = useState(initial === undefined ? '' : String(initial).replace('.', ','));
  const [error, setError] = useState<string | null>(null);
  const errorId = `${id}-erreur`;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (fact.type === 'integer' || fact.type === 'number') {
      const n = parseNumber(draft, fact.type === 'integer');
      if (n === undefined) {
        setError(fact.type === 'integer' ? 'Indiquez un nombre entier, par exemple 3.' : 'Indiquez un nombre, par exemple 2 ou 2,5.');
        return;
      }
      setError(null);
      onAnswer(n);
      return;
    }
    if (fact.type === 'enum-list') {
      onAnswer(Array.isArray(value) ? value : []);
      return;
    }
    if (value === undefined || value === '') {
      setError(
        fact.type === 'date'
          ? 'Cette réponse ne peut pas être acceptée : la date est vide ou incomplète. Indiquez le jour, le mois et l’année, ou « Je ne sais pas, passer ».'
          : fact.type === 'job'
            ? 'Choisissez un emploi-repère dans la liste, ou « Je ne sais pas, passer ».'
            : 'Choisissez une réponse, ou « Je ne sais pas, passer ».',
      );
      return;
    }
    setError(null);
    onAnswer(value);
  };

  const described = error ? errorId : undefined;
  let control: ReactNode;
  switch (fact.type) {
    case 'enum':
      control = (
        <fieldset aria-describedby={described}>
          <legend>{fact.question}</legend>
          <div className="choices">
            {(fact.values ?? []).map((v) => (
              <label key={v.id} className="choice">
                <input type="radio" name={id} value={v.id} checked={value === v.id} onChange={() => setValue(v.id)} />
                <span className="choice-text">{v.label}</span>
              </label>
            ))}
          </div>
        </fieldset>
      );
      break;
    case 'enum-list': {
      const list = Array.isArray(value) ? value : [];
      control = (
        <fieldset aria-describedby={`${id}-aide`}>
          <legend>{fact.question}</legend>
          <p id={`${id}-aide`} className="hint">
            Cochez tout ce qui s’applique ; ne cochez rien si aucun ne s’applique.
          </p>
          <div className="choices">
            {(fact.values ?? []).map((v) => (
              <label key={v.id} className="choice">
                <input
                  type="checkbox"
                  name={id}
                  value={v.id}
                  checked={list.includes(v.id)}
                  onChange={(e) => setValue(e.target.checked ? [...list, v.id] : list.filter((x) => x !== v.id))}
                />
                <span className="choice-text">{v.label}</span>
              </label>
            ))}
          </div>
        </fieldset>
      );
      break;
    }
    case 'boolean':
      control = (
        <fieldset aria-describedby={described}>
          <legend>{fact.question}</legend>
          <div className="choices-inline">
            {[
              { v: true, label: 'Oui' },
              { v: false, label: 'Non' },
            ].map((o) => (
              <label key={o.label} className="choice">
                <input type="radio" name={id} checked={value === o.v} onChange={() => setValue(o.v)} />
                <span className="choice-text">{o.label}</span>
              </label>
            ))}
          </div>
        </fieldset>
      );
      break;
    case 'integer':
    case 'number':
      control = (
        <div className="field">
          <label htmlFor={id}>{fact.question}</label>
          <input
            id={id}
            type="text"
            inputMode={fact.type === 'integer' ? 'numeric' : 'decimal'}
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            aria-invalid={error ? true : undefined}
            aria-describedby={described}
            autoComplete="off"
            style={{ maxWidth: '10rem' }}
          />
        </div>
      );
      break;
    case 'date':
      control = (
        <div className="field">
          <label htmlFor={id}>{fact.question}</label>
          <input id={id} type="date" value={typeof value === 'string' ? value : ''} onChange={(e) => setValue(e.target.value)} aria-invalid={error ? true : undefined} aria-describedby={described} />
        </div>
      );
      break;
    case 'job':
      control = <JobPicker idcc={idcc} at={at} value={typeof value === 'string' ? value : undefined} onChange={(v) => setValue(v)} legend={fact.question} />;
      break;
    default:
      control = (
        <div className="field">
          <label htmlFor={id}>{fact.question}</label>
          <input id={id} type="text" value={draft} onChange={(e) => (setDraft(e.target.value), setValue(e.target.value))} />
        </div>
      );
  }

  return (
    <form onSubmit={submit} noValidate>
      {control}
      {error ? (
        <p id={errorId} className="notice notice-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="actions">
        <button type="submit" className="button">
          Valider la réponse
        </button>
        {children}
      </div>
    </form>
  );
}
