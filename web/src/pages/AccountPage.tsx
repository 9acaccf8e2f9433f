/**
 * The account: who I am, my organisation and my role; its members and their roles (admins
 * manage them); API tokens for payroll software.
 */
import { useId, useState, type FormEvent } from 'react';
import { api } from '../api.js';
import { ROUTES, type ApiToken, type Me, type Member, type Page, type Role } from '../account-api.js';
import { ErrorBox, formatDateFr, Loading, Notice, PageHeading, usePageTitle, TableWrap } from '../components/ui.js';
import { useAsync } from '../data.js';
import { href, Link } from '../router.js';
import { ROLE_LABELS, useSession } from '../session.js';

const ROLES: Role[] = ['admin', 'member', 'read-only'];
const TOKEN_ROLES: Role[] = ['read-only', 'member'];
const ROLE_HELP: Record<Role, string> = {
  admin: 'gère les membres, les jetons et toutes les données',
  member: 'classe, enregistre des décisions, lance des audits',
  'read-only': 'consulte les décisions et les audits, sans rien modifier',
};

/** A labelled choice of role, for a new member or a new token. */
function RoleField({ id, label, roles, value, onChange }: { id: string; label: string; roles: Role[]; value: Role; onChange: (role: Role) => void }) {
  return (
    <div className="field narrow">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value as Role)}>
        {roles.map((r) => (
          <option key={r} value={r}>
            {ROLE_LABELS[r]}
          </option>
        ))}
      </select>
    </div>
  );
}

function items<T>(data: Page<T> | T[]): T[] {
  return Array.isArray(data) ? data : data.items;
}

export function AccountPage() {
  usePageTitle('Mon compte');
  const { me } = useSession();
  if (me === undefined)
    return (
      <>
        <PageHeading>Mon compte</PageHeading>
        <Loading />
      </>
    );
  if (me === null)
    return (
      <>
        <PageHeading>Mon compte</PageHeading>
        <Notice>
          <p>
            Vous n’êtes pas connecté. <Link to={href('/connexion', { retour: '/compte' })}>Se connecter</Link> ou <Link to="/inscription">créer un compte</Link>.
          </p>
        </Notice>
      </>
    );
  const admin = me.role === 'admin';
  return (
    <>
      <PageHeading>Mon compte</PageHeading>
      <section className="card" aria-labelledby="titre-profil">
        <h2 id="titre-profil">Profil</h2>
        <dl className="kv">
          <dt>Nom</dt>
          <dd>{me.user?.name || me.token?.name || '—'}</dd>
          <dt>E-mail</dt>
          <dd>{me.user?.email ?? '—'}</dd>
          <dt>Organisation</dt>
          <dd>{me.organisation?.name ?? 'aucune'}</dd>
          <dt>Rôle</dt>
          <dd>{me.role ? ROLE_LABELS[me.role] ?? me.role : '—'}</dd>
        </dl>
        {me.memberships.length > 1 ? <SwitchOrganisation me={me} /> : null}
        {admin && me.organisation ? <RenameOrganisation name={me.organisation.name} /> : null}
      </section>
      {me.organisation ? <Members me={me} admin={admin} /> : null}
      {me.organisation ? <Tokens admin={admin} /> : null}
    </>
  );
}

function Members({ me, admin }: { me: Me; admin: boolean }) {
  const members = useAsync((signal) => api<Page<Member>>(ROUTES.members, { signal }), 'members');
  const [email, setEmail] = useState('');
  const [memberName, setMemberName] = useState('');
  const [role, setRole] = useState<Role>('member');
  const [error, setError] = useState<Error | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [temporary, setTemporary] = useState<{ email: string; password: string } | null>(null);
  const roleId = useId();

  const add = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setDone(null);
    try {
      const added = await api<Member>(ROUTES.members, { body: { email: email.trim(), role, ...(memberName.trim() ? { name: memberName.trim() } : {}) } });
      setDone(`${added.email} a été ajouté comme ${ROLE_LABELS[added.role] ?? added.role}.`);
      setTemporary(added.temporaryPassword ? { email: added.email, password: added.temporaryPassword } : null);
      setEmail('');
      setMemberName('');
      members.reload();
    } catch (err) {
      setError(err as Error);
    }
  };
  const change = async (m: Member, r: Role) => {
    setError(null);
    setDone(null);
    try {
      await api(ROUTES.member(m.userId), { method: 'PATCH', body: { role: r } });
      setDone(`Rôle de ${m.name || m.email} : ${ROLE_LABELS[r]}.`);
      members.reload();
    } catch (err) {
      setError(err as Error);
    }
  };
  const remove = async (m: Member) => {
    if (!window.confirm(`Retirer ${m.name || m.email} de l’organisation ?`)) return;
    setError(null);
    try {
      await api(ROUTES.member(m.userId), { method: 'DELETE' });
      setDone(`${m.name || m.email} a été retiré de l’organisation.`);
      members.reload();
    } catch (err) {
      setError(err as Error);
    }
  };

  return (
    <section className="card" aria-labelledby="titre-membres">
      <h2 id="titre-membres">Membres de {me.organisation?.name}</h2>
      <ul className="small muted">
        {ROLES.map((r) => (
          <li key={r}>
            <strong>{ROLE_LABELS[r]}</strong> : {ROLE_HELP[r]}
          </li>
        ))}
      </ul>
      {members.state === 'loading' ? <Loading /> : null}
      {members.state === 'error' ? <ErrorBox error={members.error} /> : null}
      {members.state === 'done' ? (
        <TableWrap label="Membres et rôles">
          <table>
            <caption className="visually-hidden">Membres et rôles</caption>
            <thead>
              <tr>
                <th scope="col">Membre</th>
                <th scope="col">Rôle</th>
                {admin ? <th scope="col">Action</th> : null}
              </tr>
            </thead>
            <tbody>
              {items(members.data).map((m) => (
                <tr key={m.userId}>
                  <td>
                    {m.name ? (
                      <>
                        {m.name}
                        <br />
                      </>
                    ) : null}
                    <span className="small">{m.email}</span>
                  </td>
                  <td>
                    {admin && m.userId !== me.user?.id ? (
                      <>
                        <label className="visually-hidden" htmlFor={`role-${m.userId}`}>
                          Rôle de {m.name || m.email}
                        </label>
                        <select id={`role-${m.userId}`} value={m.role} onChange={(e) => void change(m, e.target.value as Role)} style={{ minWidth: '10rem' }}>
                          {ROLES.map((r) => (
                            <option key={r} value={r}>
                              {ROLE_LABELS[r]}
                            </option>
                          ))}
                        </select>
                      </>
                    ) : (
                      (ROLE_LABELS[m.role] ?? m.role) + (m.userId === me.user?.id ? ' (vous)' : '')
                    )}
                  </td>
                  {admin ? (
                    <td>
                      {m.userId !== me.user?.id ? (
                        <button type="button" className="button danger small" onClick={() => void remove(m)}>
                          Retirer<span className="visually-hidden"> {m.name || m.email}</span>
                        </button>
                      ) : null}
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      ) : null}
      {done ? (
        <p className="notice notice-success" role="status">
          {done}
        </p>
      ) : null}
      {temporary ? (
        <div className="notice notice-warning">
          <p className="notice-title">Compte créé pour {temporary.email}</p>
          <p>Transmettez-lui ce mot de passe provisoire ; il ne sera plus affiché :</p>
          <code className="token-value">{temporary.password}</code>
        </div>
      ) : null}
      {error ? <ErrorBox error={error} /> : null}
      {admin ? (
        <form onSubmit={add} aria-labelledby="titre-ajout-membre">
          <h3 id="titre-ajout-membre">Ajouter un membre</h3>
          <p className="small muted">Si la personne n’a pas encore de compte classif, un compte est créé avec un mot de passe provisoire, affiché ici une seule fois.</p>
          <div className="field-row">
            <div className="field">
              <label htmlFor="membre-email">Adresse e-mail</label>
              <input id="membre-email" type="email" value={email} onChange={(e) => setEmail(e.target.value)} required />
            </div>
            <div className="field">
              <label htmlFor="membre-nom">
                Nom <span className="hint">(facultatif, pour un nouveau compte)</span>
              </label>
              <input id="membre-nom" type="text" value={memberName} onChange={(e) => setMemberName(e.target.value)} autoComplete="off" />
            </div>
            <RoleField id={roleId} label="Rôle" roles={ROLES} value={role} onChange={setRole} />
          </div>
          <button type="submit" className="button">
            Ajouter
          </button>
        </form>
      ) : null}
    </section>
  );
}

function Tokens({ admin }: { admin: boolean }) {
  const tokens = useAsync((signal) => api<Page<ApiToken>>(ROUTES.tokens, { signal }), 'tokens');
  const [name, setName] = useState('');
  // An integrator's token is for sending files and decisions: a member's rights by default (read-only stays a choice).
  const [role, setRole] = useState<Role>('member');
  const [created, setCreated] = useState<ApiToken | null>(null);
  const [error, setError] = useState<Error | null>(null);

  const create = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      setCreated(await api<ApiToken>(ROUTES.tokens, { body: { name: name.trim(), role } }));
      setName('');
      tokens.reload();
    } catch (err) {
      setError(err as Error);
    }
  };
  const revoke = async (t: ApiToken) => {
    if (!window.confirm(`Révoquer le jeton « ${t.name} » ? Les logiciels qui l’utilisent n’auront plus accès.`)) return;
    setError(null);
    try {
      await api(ROUTES.token(t.id), { method: 'DELETE' });
      tokens.reload();
    } catch (err) {
      setError(err as Error);
    }
  };

  return (
    <section className="card" aria-labelledby="titre-jetons">
      <h2 id="titre-jetons">Jetons d’API</h2>
      <p>
        Un jeton permet à un logiciel (la paie, un SIRH) d’interroger classif au nom de l’organisation : en-tête <code>Authorization: Bearer &lt;jeton&gt;</code>.
      </p>
      {tokens.state === 'loading' ? <Loading /> : null}
      {tokens.state === 'error' ? <ErrorBox error={tokens.error} /> : null}
      {tokens.state === 'done' ? (
        items(tokens.data).length === 0 ? (
          <p className="muted">Aucun jeton.</p>
        ) : (
          <TableWrap label="Jetons d’API">
            <table>
              <caption className="visually-hidden">Jetons d’API de l’organisation</caption>
              <thead>
                <tr>
                  <th scope="col">Nom</th>
                  <th scope="col">Rôle</th>
                  <th scope="col">Créé le</th>
                  <th scope="col">Dernier usage</th>
                  {admin ? <th scope="col">Action</th> : null}
                </tr>
              </thead>
              <tbody>
                {items(tokens.data).map((t) => (
                  <tr key={t.id}>
                    <td>
                      {t.name}
                      <br />
                      <code className="small">{t.prefix}…</code>
                      {t.revokedAt ? <span className="tag tag-error"> révoqué le {formatDateFr(t.revokedAt)}</span> : null}
                    </td>
                    <td>{t.role ? ROLE_LABELS[t.role] ?? t.role : '—'}</td>
                    <td>{formatDateFr(t.createdAt)}</td>
                    <td>{t.lastUsedAt ? formatDateFr(t.lastUsedAt) : 'jamais'}</td>
                    {admin ? (
                      <td>
                        {t.revokedAt ? null : (
                        <button type="button" className="button danger small" onClick={() => void revoke(t)}>
                          Révoquer<span className="visually-hidden"> le jeton {t.name}</span>
                        </button>
                        )}
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )
      ) : null}
      {created?.token ? (
        <div className="notice notice-success" role="status">
          <p className="notice-title">Jeton « {created.name} » créé</p>
          <p>Copiez-le maintenant : il ne sera plus affiché.</p>
          <code className="token-value" data-testid="jeton">
            {created.token}
          </code>
        </div>
      ) : null}
      {error ? <ErrorBox error={error} /> : null}
      {admin ? (
        <form onSubmit={create} aria-labelledby="titre-nouveau-jeton">
          <h3 id="titre-nouveau-jeton">Nouveau jeton</h3>
          <div className="field-row">
            <div className="field">
              <label htmlFor="jeton-nom">
                Nom <span className="hint">— par exemple « logiciel de paie »</span>
              </label>
              <input id="jeton-nom" type="text" value={name} onChange={(e) => setName(e.target.value)} required />
            </div>
            <RoleField id="jeton-role" label="Droits" roles={TOKEN_ROLES} value={role} onChange={setRole} />
          </div>
          <button type="submit" className="button">
            Créer le jeton
          </button>
        </form>
      ) : (
        <p className="muted small">Seuls les administrateurs créent et révoquent les jetons.</p>
      )}
    </section>
  );
}

function SwitchOrganisation({ me }: { me: Me }) {
  const { refresh } = useSession();
  const [error, setError] = useState<Error | null>(null);
  const change = async (organisationId: string) => {
    setError(null);
    try {
      await api(ROUTES.switchOrganisation, { body: { organisationId } });
      await refresh();
    } catch (err) {
      setError(err as Error);
    }
  };
  return (
    <div className="field">
      <label htmlFor="organisation-active">Organisation active</label>
      <select id="organisation-active" value={me.organisation?.id ?? ''} onChange={(e) => void change(e.target.value)}>
        {me.memberships.map((m) => (
          <option key={m.organisationId} value={m.organisationId}>
            {m.organisationName} ({ROLE_LABELS[m.role] ?? m.role})
          </option>
        ))}
      </select>
      {error ? <ErrorBox error={error} /> : null}
    </div>
  );
}

function RenameOrganisation({ name }: { name: string }) {
  const { refresh } = useSession();
  const [value, setValue] = useState(name);
  const [error, setError] = useState<Error | null>(null);
  const [saved, setSaved] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setSaved(false);
    try {
      await api(ROUTES.organisation, { method: 'PATCH', body: { name: value.trim() } });
      await refresh();
      setSaved(true);
    } catch (err) {
      setError(err as Error);
    }
  };
  return (
    <form onSubmit={submit}>
      <div className="field">
        <label htmlFor="organisation-nom">Nom de l’organisation</label>
        <input id="organisation-nom" type="text" value={value} onChange={(e) => setValue(e.target.value)} required />
      </div>
      {error ? <ErrorBox error={error} /> : null}
      {saved ? (
        <p className="notice notice-success" role="status">
          Nom enregistré.
        </p>
      ) : null}
      <button type="submit" className="button secondary small">
        Renommer
      </button>
    </form>
  );
}
