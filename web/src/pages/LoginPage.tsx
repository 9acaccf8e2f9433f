/**
 * Sign in, and create an account (which creates its organisation, of which one is admin).
 */
import { useState, type FormEvent } from 'react';
import { api } from '../api.js';
import { ROUTES } from '../account-api.js';
import { ErrorBox, PageHeading, usePageTitle } from '../components/ui.js';
import { href, Link, navigate, useLocation } from '../router.js';
import { useSession } from '../session.js';

/** Where to go after signing in: a page of this site only. */
function returnTo(query: URLSearchParams): string {
  const r = query.get('retour') ?? '';
  return r.startsWith('/') && !r.startsWith('//') ? r : '/compte';
}

/** The other form (sign in ↔ sign up), keeping the page to return to. */
function withReturn(path: string, query: URLSearchParams): string {
  const r = query.get('retour');
  return r ? href(path, { retour: r }) : path;
}

/**
 * Sends a sign-in or sign-up form, then reloads the session and goes on; keeps the error to show.
 * `check` may refuse the form before it is sent (two passwords that differ).
 */
export function useSignIn(send: () => Promise<unknown>, next: () => string, check: () => string | null = () => null) {
  const { refresh } = useSession();
  const [error, setError] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const problem = check();
    if (problem) {
      setError(new Error(problem));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await send();
      await refresh();
      navigate(next());
    } catch (err) {
      setError(err as Error);
      setBusy(false);
    }
  };
  return { busy, error, submit };
}

export function LoginPage() {
  usePageTitle('Se connecter');
  const { query } = useLocation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const { busy, error, submit } = useSignIn(() => api(ROUTES.login, { body: { email: email.trim(), password } }), () => returnTo(query));

  return (
    <div className="narrow-page">
      <PageHeading>Se connecter</PageHeading>
      <form className="card" onSubmit={submit}>
        <div className="field">
          <label htmlFor="email">Adresse e-mail</label>
          <input id="email" type="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} required />
        </div>
        <div className="field">
          <label htmlFor="password">Mot de passe</label>
          <input id="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
        </div>
        {error ? <ErrorBox error={error} title="Connexion refusée" /> : null}
        <div className="actions">
          <button type="submit" className="button" disabled={busy}>
            {busy ? 'Connexion…' : 'Se connecter'}
          </button>
        </div>
      </form>
      <p>
        Pas encore de compte ? <Link to={withReturn('/inscription', query)}>Créer un compte</Link>
      </p>
      <p className="muted small">La recherche, le questionnaire et les grilles restent utilisables sans compte ; il sert à enregistrer des décisions, auditer une liste du personnel et travailler à plusieurs.</p>
    </div>
  );
}

export function RegisterPage() {
  usePageTitle('Créer un compte');
  const { query } = useLocation();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [organisation, setOrganisation] = useState('');
  const { busy, error, submit } = useSignIn(
    () => api(ROUTES.register, { body: { name: name.trim(), email: email.trim(), password, organisationName: organisation.trim() } }),
    () => returnTo(query),
  );

  return (
    <div className="narrow-page">
      <PageHeading lead="Le compte crée l’espace de votre entreprise, dont vous êtes administrateur : vous pourrez y inviter vos collègues.">Créer un compte</PageHeading>
      <form className="card" onSubmit={submit}>
        <div className="field">
          <label htmlFor="name">Votre nom</label>
          <input id="name" type="text" autoComplete="name" value={name} onChange={(e) => setName(e.target.value)} required />
        </div>
        <div className="field">
          <label htmlFor="organisation">Nom de l’entreprise ou de l’organisation</label>
          <input id="organisation" type="text" autoComplete="organization" value={organisation} onChange={(e) => setOrganisation(e.target.value)} required />
        </div>
        <div className="field">
          <label htmlFor="email">Adresse e-mail</label>
          <input id="email" type="email" autoComplete="email" value={email} onChange={(e) => setEmail(e.target.value)} required />
        </div>
        <div className="field">
          <label htmlFor="password">
            Mot de passe <span className="hint">— 10 caractères au moins</span>
          </label>
          <input id="password" type="password" autoComplete="new-password" minLength={10} value={password} onChange={(e) => setPassword(e.target.value)} required />
        </div>
        {error ? <ErrorBox error={error} title="Le compte n’a pas pu être créé" /> : null}
        <div className="actions">
          <button type="submit" className="button" disabled={busy}>
            {busy ? 'Création…' : 'Créer le compte'}
          </button>
        </div>
      </form>
      <p>
        Déjà un compte ? <Link to={withReturn('/connexion', query)}>Se connecter</Link>
      </p>
    </div>
  );
}
