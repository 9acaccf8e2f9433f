/**
 * The organisation's employees, and for each one the classification decisions made.
 */
import { useState, type FormEvent } from 'react';
import { api } from '../api.js';
import { ROUTES, type Decision, type Employee, type Page } from '../account-api.js';
import { verdictText } from '../components/Letter.js';
import { capitalize, ErrorBox, formatDateFr, Loading, Notice, PageHeading, TableWrap, usePageTitle } from '../components/ui.js';
import { useAsync, useConventions } from '../data.js';
import { href, Link } from '../router.js';
import { canWrite, useSession } from '../session.js';

function SignedOut({ back }: { back: string }) {
  return (
    <Notice>
      <p>
        <Link to={href('/connexion', { retour: back })}>Connectez-vous</Link> pour voir les salariés de votre organisation.
      </p>
    </Notice>
  );
}

export function EmployeesPage() {
  usePageTitle('Salariés');
  const { me } = useSession();
  const convs = useConventions();
  const employees = useAsync((signal) => api<Page<Employee>>(href(ROUTES.employees, { limit: 200 }), { signal }), me ? `employees:${me.organisation?.id}` : null);
  const [name, setName] = useState('');
  const [matricule, setMatricule] = useState('');
  const [idcc, setIdcc] = useState('');
  const [error, setError] = useState<Error | null>(null);

  const add = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await api(ROUTES.employees, { body: { matricule: matricule.trim(), ...(name.trim() ? { name: name.trim() } : {}), ...(idcc ? { idcc } : {}) } });
      setName('');
      setMatricule('');
      employees.reload();
    } catch (err) {
      setError(err as Error);
    }
  };

  const list = employees.state === 'done' ? employees.data.items : [];
  return (
    <>
      <PageHeading lead="Les salariés de votre organisation et les décisions de classement enregistrées pour chacun.">Salariés</PageHeading>
      {me === null ? <SignedOut back="/salaries" /> : null}
      {me && employees.state === 'loading' ? <Loading /> : null}
      {employees.state === 'error' ? <ErrorBox error={employees.error} /> : null}
      {me && employees.state === 'done' ? (
        list.length === 0 ? (
          <p className="muted">Aucun salarié enregistré. Ils s’ajoutent ici, ou en enregistrant une décision depuis le questionnaire.</p>
        ) : (
          <TableWrap label="Salariés de l’organisation">
            <table>
              <caption className="visually-hidden">Salariés de l’organisation</caption>
              <thead>
                <tr>
                  <th scope="col">Salarié</th>
                  <th scope="col">Matricule</th>
                  <th scope="col">Convention</th>
                </tr>
              </thead>
              <tbody>
                {list.map((emp) => (
                  <tr key={emp.id}>
                    <td>
                      <Link to={`/salaries/${encodeURIComponent(emp.id)}`}>{emp.name || emp.matricule || emp.id}</Link>
                    </td>
                    <td>{emp.matricule || '—'}</td>
                    <td>{emp.idcc ? `IDCC ${emp.idcc}` : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )
      ) : null}
      {me && canWrite(me) ? (
        <form className="card" onSubmit={add} aria-labelledby="titre-ajout-salarie">
          <h2 id="titre-ajout-salarie">Ajouter un salarié</h2>
          <div className="field-row">
            <div className="field">
              <label htmlFor="salarie-nom">
                Nom <span className="hint">(facultatif)</span>
              </label>
              <input id="salarie-nom" type="text" value={name} onChange={(e) => setName(e.target.value)} autoComplete="off" />
            </div>
            <div className="field narrow">
              <label htmlFor="salarie-matricule">Matricule</label>
              <input id="salarie-matricule" type="text" value={matricule} onChange={(e) => setMatricule(e.target.value)} required autoComplete="off" />
            </div>
            <div className="field narrow">
              <label htmlFor="salarie-idcc">Convention</label>
              <select id="salarie-idcc" value={idcc} onChange={(e) => setIdcc(e.target.value)}>
                <option value="">—</option>
                {(convs.state === 'done' ? convs.data : []).map((c) => (
                  <option key={c.idcc} value={c.idcc}>
                    {capitalize(c.shortTitle)} ({c.idcc})
                  </option>
                ))}
              </select>
            </div>
          </div>
          {error ? <ErrorBox error={error} /> : null}
          <button type="submit" className="button">
            Ajouter
          </button>
        </form>
      ) : null}
    </>
  );
}

export function EmployeePage({ id }: { id: string }) {
  const { me } = useSession();
  const employee = useAsync((signal) => api<Employee>(ROUTES.employee(id), { signal }), me ? `employee:${id}` : null);
  const decisions = useAsync((signal) => api<Page<Decision>>(ROUTES.employeeDecisions(id), { signal }).then((d) => d.items), me ? `employee-decisions:${id}` : null);
  const emp = employee.state === 'done' ? employee.data : undefined;
  usePageTitle(emp ? `Salarié — ${emp.name || emp.matricule}` : 'Salarié');
  return (
    <>
      <PageHeading>{emp ? emp.name || emp.matricule || 'Salarié' : 'Salarié'}</PageHeading>
      <p>
        <Link to="/salaries">← Tous les salariés</Link>
      </p>
      {me === null ? <SignedOut back={`/salaries/${id}`} /> : null}
      {employee.state === 'error' ? <ErrorBox error={employee.error} /> : null}
      {emp ? (
        <dl className="kv">
          <dt>Matricule</dt>
          <dd>{emp.matricule || '—'}</dd>
          <dt>Convention</dt>
          <dd>{emp.idcc ? `IDCC ${emp.idcc}` : '—'}</dd>
        </dl>
      ) : null}
      <h2>Décisions de classement</h2>
      {decisions.state === 'loading' && me ? <Loading /> : null}
      {decisions.state === 'error' ? <ErrorBox error={decisions.error} /> : null}
      {decisions.state === 'done' ? (
        decisions.data.length === 0 ? (
          <p className="muted">Aucune décision enregistrée pour ce salarié.</p>
        ) : (
          <ul>
            {decisions.data.map((d) => (
              <li key={d.id}>
                <Link to={`/decisions/${encodeURIComponent(d.id)}`}>
                  {formatDateFr(d.createdAt)} — {d.position ? `position ${d.position}` : d.result ? verdictText(d.result) : `IDCC ${d.idcc}`}
                </Link>
                {d.result?.job ? ` (${d.result.job.title})` : ''}
                {d.latest ? '' : ' — corrigée depuis'}
              </li>
            ))}
          </ul>
        )
      ) : null}
      {emp && me && canWrite(me) ? (
        <p>
          <Link className="button" to={href('/classer', { idcc: emp.idcc ?? undefined, salarie: emp.id })}>
            Nouveau classement
          </Link>
        </p>
      ) : null}
    </>
  );
}
