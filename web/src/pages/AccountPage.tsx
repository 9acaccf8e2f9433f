/**
 * The account: who I am, my organisation and my role; its members and their roles (admins
 * invite them, with a link shown once, and hand them password-reset links); API tokens for
 * payroll software.
 */
import { useId, useState, type FormEvent } from 'react';
import { api } from '../api.js';
import { ROUTES, type ApiToken, type Invitation, type Me, type Member, type NewInvitation, type OneTimeToken, type Page, type Role } from '../account-api.js';
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

/** A link of this site built from a path the server gave (`/invitation#…`), to pass on as it is. */
const absolute = (path: string) => `${window.location.origin}${path}`;

/** A link shown once, for the admin to pass on. */
function OneTimeLink({ title, text, link }: { title: string; text: string; link: string }) {
  return (
    <div className="notice notice-warning" role="status">
      <p className="notice-title">{title}</p>
      <p>{text}</p>
      <code className="token-value" data-testid="lien-unique">
        {link}
      </code>
    </div>
  );
}

function Members({ me, admin }: { me: Me; admin: boolean }) {
  const members = useAsync((signal) => api<Page<Member>>(ROUTES.members, { signal }), 'members');
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('member');
  const [error, setError] = useState<Error | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [shown, setShown] = useState<{ title: string; text: string; link: string } | null>(null);
  const [invitationsVersion, setInvitationsVersion] = useState(0);
  const roleId = useId();

  const start = () => {
    setError(null);
    setDone(null);
    setShown(null);
  };
  const invite = async (e: FormEvent) => {
    e.preventDefault();
    start();
    try {
      const created = await api<NewInvitation>(ROUTES.members, { body: { email: email.trim(), role } });
      setShown({
        title: `Invitation de ${created.invitation.email} comme ${ROLE_LABELS[created.invitation.role] ?? created.invitation.role}`,
        text: `Transmettez ce lien à la personne : il ne sera plus affiché. Valable une seule fois, jusqu’au ${formatDateFr(created.invitation.expiresAt)}. Elle y choisira son mot de passe, ou acceptera depuis son compte si elle en a déjà un.`,
        link: absolute(created.path),
      });
      setEmail('');
      setInvitationsVersion((v) => v + 1);
    } catch (err) {
      setError(err as Error);
    }
  };
  const change = async (m: Member, r: Role) => {
    start();
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
    start();
    try {
      await api(ROUTES.member(m.userId), { method: 'DELETE' });
      setDone(`${m.name || m.email} a été retiré de l’organisation.`);
      members.reload();
    } catch (err) {
      setError(err as Error);
    }
  };
  const reset = async (m: Member) => {
    if (!window.confirm(`Créer un lien de réinitialisation du mot de passe de ${m.name || m.email} ? Ses sessions seront fermées quand il servira.`)) return;
    start();
    try {
      const issued = await api<OneTimeToken & { expiresAt: string }>(ROUTES.memberPasswordReset(m.userId), { body: {} });
      setShown({
        title: `Réinitialisation du mot de passe de ${m.name || m.email}`,
        text: `Transmettez ce lien à la personne seulement : il ne sera plus affiché. Valable une seule fois, jusqu’au ${formatDateFr(issued.expiresAt)}.`,
        link: absolute(issued.path),
      });
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
                {admin ? <th scope="col">Actions</th> : null}
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
                        <div className="actions">
                          <button type="button" className="button secondary small" onClick={() => void reset(m)}>
                            Réinitialiser le mot de passe<span className="visually-hidden"> de {m.name || m.email}</span>
                          </button>
                          <button type="button" className="button danger small" onClick={() => void remove(m)}>
                            Retirer<span className="visually-hidden"> {m.name || m.email}</span>
                          </button>
                        </div>
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
      {shown ? <OneTimeLink {...shown} /> : null}
      {error ? <ErrorBox error={error} /> : null}
      {admin ? <PendingInvitations version={invitationsVersion} onError={setError} /> : null}
      {admin ? (
        <form onSubmit={invite} aria-labelledby="titre-ajout-membre">
          <h3 id="titre-ajout-membre">Inviter une personne</h3>
          <p className="small muted">
            Aucun compte n’est créé pour elle : vous recevez un lien d’invitation, à usage unique, que vous lui transmettez. Elle y choisit son propre mot de passe, ou accepte depuis son compte si elle en a déjà un.
          </p>
          <div className="field-row">
            <div className="field">
              <label htmlFor="membre-email">Adresse e-mail</label>
              <input id="membre-email" type="email" value={email} onChange={(e) => setEmail(e.target.value)} required />
            </div>
            <RoleField id={roleId} label="Rôle" roles={ROLES} value={role} onChange={setRole} />
          </div>
          <button type="submit" className="button">
            Inviter
          </button>
        </form>
      ) : null}
    </section>
  );
}

/** Invitations not yet accepted; an admin may revoke them. */
function PendingInvitations({ version, onError }: { version: number; onError: (e: Error) => void }) {
  const invitations = useAsync((signal) => api<Page<Invitation>>(ROUTES.invitations, { signal }), `invitations-${version}`);
  const revoke = async (i: Invitation) => {
    if (!window.confirm(`Révoquer l’invitation de ${i.email} ? Son lien ne servira plus.`)) return;
    try {
      await api(ROUTES.invitation(i.id), { method: 'DELETE' });
      invitations.reload();
    } catch (err) {
      onError(err as Error);
    }
  };
  if (invitations.state === 'loading') return <Loading />;
  if (invitations.state === 'error') return <ErrorBox error={invitations.error} />;
  const list = items(invitations.data);
  return (
    <>
      <h3 id="titre-invitations">Invitations en attente</h3>
      {list.length === 0 ? (
        <p className="muted">Aucune invitation en attente.</p>
      ) : (
        <TableWrap label="Invitations en attente">
          <table aria-labelledby="titre-invitations">
            <thead>
              <tr>
                <th scope="col">Adresse invitée</th>
                <th scope="col">Rôle</th>
                <th scope="col">Valable jusqu’au</th>
                <th scope="col">Action</th>
              </tr>
            </thead>
            <tbody>
              {list.map((i) => (
                <tr key={i.id}>
                  <td>{i.email}</td>
                  <td>{ROLE_LABELS[i.role] ?? i.role}</td>
                  <td>{formatDateFr(i.expiresAt)}</td>
                  <td>
                    <button type="button" className="button danger small" onClick={() => void revoke(i)}>
                      Révoquer<span className="visually-hidden"> l’invitation de {i.email}</span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </>
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
