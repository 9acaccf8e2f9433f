/**
 * The pages a single-use link opens: accept an invitation (choose one's password, or accept
 * from one's session) and choose a new password. The token travels after `#`, so the browser
 * never sends it to the server in an address or a Referer; it is cleared from the address bar
 * once used.
 */
import { useState } from 'react';
import { api } from '../api.js';
import { ROUTES, type InvitationPreview } from '../account-api.js';
import { ErrorBox, formatDateFr, Loading, Notice, PageHeading, usePageTitle } from '../components/ui.js';
import { useAsync } from '../data.js';
import { href, Link } from '../router.js';
import { ROLE_LABELS, useSession } from '../session.js';
import { useSignIn } from './LoginPage.js';

const tokenFromHash = () => decodeURIComponent(window.location.hash.slice(1));

const PASSWORD_HINT = '10 caractères au moins ; une phrase de quelques mots sans rapport entre eux est solide et facile à retenir. Ni votre adresse e-mail, ni un mot de passe courant.';

/** The password fields of a new password, with its hint; the form checks that both match. */
function NewPasswordFields({ password, setPassword, confirm, setConfirm }: { password: string; setPassword: (v: string) => void; confirm: string; setConfirm: (v: string) => void }) {
  return (
    <>
      <div className="field">
        <label htmlFor="nouveau-mot-de-passe">Mot de passe</label>
        <input
          id="nouveau-mot-de-passe"
          type="password"
          autoComplete="new-password"
          minLength={10}
          maxLength={200}
          aria-describedby="aide-mot-de-passe"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          required
        />
        <p className="hint" id="aide-mot-de-passe">
          {PASSWORD_HINT}
        </p>
      </div>
      <div className="field">
        <label htmlFor="confirmation-mot-de-passe">Mot de passe, une seconde fois</label>
        <input id="confirmation-mot-de-passe" type="password" autoComplete="new-password" value={confirm} onChange={(e) => setConfirm(e.target.value)} required />
      </div>
    </>
  );
}

/** Sends a form that opens a session, drops the spent token from the address bar, goes to the account page. */
function useTokenForm(send: () => Promise<unknown>, check?: () => string | null) {
  const spend = async () => {
    await send();
    window.history.replaceState(null, '', window.location.pathname);
  };
  return useSignIn(spend, () => '/compte', check);
}

const mismatch = (a: string, b: string) => (a === b ? null : 'Les deux mots de passe saisis diffèrent.');

export function InvitationPage() {
  usePageTitle('Invitation');
  const [token] = useState(tokenFromHash);
  const { me } = useSession();
  const preview = useAsync((signal) => api<InvitationPreview>(ROUTES.invitationPreview, { body: { token }, signal }), token ? `invitation-${token}` : null);
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const create = useTokenForm(
    () => api(ROUTES.invitationRegister, { body: { token, name: name.trim(), password } }),
    () => mismatch(password, confirm),
  );
  const accept = useTokenForm(() => api(ROUTES.invitationAccept, { body: { token } }));

  if (!token)
    return (
      <div className="narrow-page">
        <PageHeading>Invitation</PageHeading>
        <Notice>
          <p>Ce lien ne contient pas d’invitation : ouvrez le lien complet que vous avez reçu.</p>
        </Notice>
      </div>
    );
  if (preview.state === 'loading' || me === undefined)
    return (
      <div className="narrow-page">
        <PageHeading>Invitation</PageHeading>
        <Loading />
      </div>
    );
  if (preview.state === 'error')
    return (
      <div className="narrow-page">
        <PageHeading>Invitation</PageHeading>
        <ErrorBox error={preview.error} title="Invitation inutilisable" />
      </div>
    );
  const inv = preview.data;
  const role = ROLE_LABELS[inv.role] ?? inv.role;
  return (
    <div className="narrow-page">
      <PageHeading lead={`${inv.organisation.name} vous invite à la rejoindre comme ${role}. Invitation adressée à ${inv.email}, valable jusqu’au ${formatDateFr(inv.expiresAt)}.`}>
        Rejoindre {inv.organisation.name}
      </PageHeading>
      {me ? (
        <section className="card" aria-labelledby="titre-accepter">
          <h2 id="titre-accepter">Accepter avec votre compte</h2>
          {me.user?.email === inv.email ? (
            <form onSubmit={accept.submit}>
              <p>
                Vous êtes connecté comme {me.user.email}. En acceptant, vous rejoignez {inv.organisation.name} ({role}).
              </p>
              {accept.error ? <ErrorBox error={accept.error} title="L’invitation n’a pas pu être acceptée" /> : null}
              <div className="actions">
                <button type="submit" className="button" disabled={accept.busy}>
                  Accepter l’invitation
                </button>
              </div>
            </form>
          ) : (
            <Notice>
              <p>
                Vous êtes connecté comme {me.user?.email ?? me.token?.name}, mais l’invitation est adressée à {inv.email}. Déconnectez-vous, puis rouvrez ce lien pour l’accepter avec le bon compte.
              </p>
            </Notice>
          )}
        </section>
      ) : (
        <>
          <form className="card" onSubmit={create.submit} aria-labelledby="titre-creer">
            <h2 id="titre-creer">Créer votre compte</h2>
            <p>Votre compte aura l’adresse {inv.email}. Choisissez votre mot de passe : personne d’autre ne le connaîtra.</p>
            <div className="field">
              <label htmlFor="nom-invite">Votre nom</label>
              <input id="nom-invite" type="text" autoComplete="name" maxLength={200} value={name} onChange={(e) => setName(e.target.value)} required />
            </div>
            <NewPasswordFields password={password} setPassword={setPassword} confirm={confirm} setConfirm={setConfirm} />
            {create.error ? <ErrorBox error={create.error} title="Le compte n’a pas pu être créé" /> : null}
            <div className="actions">
              <button type="submit" className="button" disabled={create.busy}>
                {create.busy ? 'Création…' : 'Créer mon compte et rejoindre'}
              </button>
            </div>
          </form>
          <p>
            Vous avez déjà un compte classif à l’adresse {inv.email} ?{' '}
            <Link to={href('/connexion', { retour: `/invitation#${token}` })}>Connectez-vous</Link>, puis acceptez l’invitation.
          </p>
        </>
      )}
    </div>
  );
}

export function ResetPasswordPage() {
  usePageTitle('Nouveau mot de passe');
  const [token] = useState(tokenFromHash);
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const { busy, error, submit } = useTokenForm(
    () => api(ROUTES.passwordReset, { body: { token, password } }),
    () => mismatch(password, confirm),
  );
  return (
    <div className="narrow-page">
      <PageHeading lead="Vos autres sessions seront fermées ; vous resterez connecté ici.">Choisir un nouveau mot de passe</PageHeading>
      {token ? (
        <form className="card" onSubmit={submit}>
          <NewPasswordFields password={password} setPassword={setPassword} confirm={confirm} setConfirm={setConfirm} />
          {error ? <ErrorBox error={error} title="Le mot de passe n’a pas été changé" /> : null}
          <div className="actions">
            <button type="submit" className="button" disabled={busy}>
              {busy ? 'Enregistrement…' : 'Enregistrer le mot de passe'}
            </button>
          </div>
        </form>
      ) : (
        <Notice>
          <p>Ce lien ne contient pas de jeton de réinitialisation : ouvrez le lien complet que vous avez reçu, ou demandez-en un à un administrateur de votre organisation.</p>
        </Notice>
      )}
    </div>
  );
}
