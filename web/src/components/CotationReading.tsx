/**
 * The cotation read in a description, for a grid without emplois-repères: the range of classes
 * and, per criterion, the lines of the user's text it rests on and the definition of each degree
 * counted, cited. A refusal shows what was read and sends the user to the questionnaire.
 */
import type { ConventionView, SearchView } from '../types.js';
import { href, Link } from '../router.js';
import { Cite, Notice, StatusText } from './ui.js';

type Reading = NonNullable<SearchView['byCotation']>;

const degrees = (d: { min: number; max: number }) => (d.min === d.max ? `degré ${d.min}` : `degrés ${d.min} à ${d.max}`);

export function CotationReading({ reading, idcc, at, conv }: { reading: Reading; idcc: string; at: string; conv: ConventionView | undefined }) {
  const declined = reading.positions.length === 0;
  const shown = declined ? reading.criteria.filter((c) => c.read) : reading.criteria;
  return (
    <Notice kind="warning" title={declined ? 'Aucun critère de cotation lu dans votre texte' : `Classes possibles : ${reading.positions.join(', ')}`}>
      <p>
        {reading.message} <Link to={href('/classer', { idcc, at })}>Répondre au questionnaire</Link>
      </p>
      {declined ? null : (
        <p>
          {reading.points.min} à {reading.points.max} points sur {reading.scale.min} à {reading.scale.max} — <StatusText statuses={reading.statuses} />
        </p>
      )}
      {reading.floors.map((f) => (
        <div key={f.rule}>
          <p>
            Plancher : au moins {f.position}
            {f.evidence.length > 0 ? <> — lu dans votre texte : « {f.evidence.slice(0, 2).join(' … ')} »</> : null}
          </p>
          <Cite source={f.source} conv={conv} compact />
        </div>
      ))}
      {shown.length > 0 ? (
        <ul className="cotation-criteria">
          {shown.map((c) => (
            <li key={c.fact}>
              <strong>{c.title}</strong> : {c.read ? degrees(c.read) : `non lu dans votre texte, ${degrees(c.counted)} comptés`}
              {c.assumed ? <p className="muted">{c.assumed}</p> : null}
              {c.widened ? (
                <p className="muted">
                  {degrees(c.counted)} comptés. {c.widened}
                </p>
              ) : null}
              {c.evidence.length > 0 ? <p>Lu dans votre texte : « {c.evidence.slice(0, 3).join(' … ')} »</p> : null}
              {!declined && (c.read || c.assumed) ? (
                <details>
                  <summary>Définition{c.definitions.length > 1 ? 's' : ''} du texte</summary>
                  {c.definitions.map((d) => (
                    <div key={d.degree}>
                      <p>Degré {d.degree}</p>
                      <Cite source={d.source} conv={conv} compact />
                    </div>
                  ))}
                </details>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
    </Notice>
  );
}
