import { useEffect, useRef, useState, type ReactNode } from 'react';
import { href, Link, useLocation } from './router.js';
import { useSession } from './session.js';
import { useConventions } from './data.js';
import { conventionNames } from './components/ui.js';
import { SearchPage } from './pages/SearchPage.js';
import { QuestionnairePage } from './pages/QuestionnairePage.js';
import { GridPage } from './pages/GridPage.js';
import { ComparePage } from './pages/ComparePage.js';
import { AuditsPage } from './pages/AuditsPage.js';
import { AuditReportPage } from './pages/AuditReportPage.js';
import { DecisionPage } from './pages/DecisionPage.js';
import { EmployeesPage, EmployeePage } from './pages/EmployeesPage.js';
import { LoginPage, RegisterPage } from './pages/LoginPage.js';
import { AccountPage } from './pages/AccountPage.js';
import { InvitationPage, ResetPasswordPage } from './pages/TokenPages.js';
import { NotFoundPage } from './pages/NotFoundPage.js';

function route(path: string): ReactNode {
  let m: RegExpExecArray | null;
  if (path === '/' || path === '/recherche') return <SearchPage />;
  if (path === '/classer') return <QuestionnairePage />;
  if (path === '/grilles') return <GridPage />;
  if (path === '/grilles/comparer') return <ComparePage />;
  if (path === '/audits') return <AuditsPage />;
  if ((m = /^\/audits\/([^/]+)$/.exec(path))) return <AuditReportPage id={decodeURIComponent(m[1]!)} />;
  if ((m = /^\/decisions\/([^/]+)$/.exec(path))) return <DecisionPage id={decodeURIComponent(m[1]!)} />;
  if (path === '/salaries') return <EmployeesPage />;
  if ((m = /^\/salaries\/([^/]+)$/.exec(path))) return <EmployeePage id={decodeURIComponent(m[1]!)} />;
  if (path === '/connexion') return <LoginPage />;
  if (path === '/inscription') return <RegisterPage />;
  if (path === '/compte') return <AccountPage />;
  if (path === '/invitation') return <InvitationPage />;
  if (path === '/reinitialiser') return <ResetPasswordPage />;
  return <NotFoundPage />;
}

/** The item of the menu a page belongs to. */
function section(path: string, signedIn: boolean): string {
  if (path === '/' || path === '/recherche') return '/';
  const first = `/${path.split('/')[1] ?? ''}`;
  if (first === '/decisions') return '/classer';
  if (['/inscription', '/connexion', '/compte', '/invitation', '/reinitialiser'].includes(first)) return signedIn ? '/compte' : '/connexion';
  return first;
}

/** The sign-in link returns to the page it was followed from (not to the sign-in pages themselves). */
function signInLink(path: string, query: URLSearchParams): string {
  if (path === '/connexion' || path === '/inscription') return href('/connexion', { retour: query.get('retour') });
  const search = query.toString();
  return href('/connexion', { retour: path === '/' && !search ? null : `${path}${search ? `?${search}` : ''}` });
}

function Header() {
  const { path, query } = useLocation();
  const { me, logout } = useSession();
  const [open, setOpen] = useState(false);
  useEffect(() => setOpen(false), [path]);
  const current = section(path, !!me);
  const items: { to: string; label: string }[] = [
    { to: '/', label: 'Rechercher un emploi' },
    { to: '/classer', label: 'Classer' },
    { to: '/grilles', label: 'Grilles' },
    { to: '/audits', label: 'Audit du personnel' },
    ...(me ? [{ to: '/salaries', label: 'Salariés' }] : []),
    me ? { to: '/compte', label: 'Mon compte' } : { to: signInLink(path, query), label: 'Se connecter' },
  ];
  return (
    <header className="site-header">
      <div className="header-inner">
        <Link to="/" className="brand">
          classif<span className="brand-tag">classer un emploi selon sa convention collective</span>
        </Link>
        <button type="button" className="menu-toggle" aria-expanded={open} aria-controls="menu-principal" onClick={() => setOpen((o) => !o)}>
          Menu
        </button>
        <nav id="menu-principal" className="main-nav" aria-label="Menu principal" data-open={open ? 'true' : 'false'}>
          <ul>
            {items.map((it) => (
              <li key={it.label}>
                <Link to={it.to} aria-current={current === it.to.split('?')[0] ? 'page' : undefined}>
                  {it.label}
                </Link>
              </li>
            ))}
            {me ? (
              <li>
                <a
                  href="/connexion"
                  onClick={(e) => {
                    e.preventDefault();
                    void logout().then(() => {
                      window.location.assign('/connexion');
                    });
                  }}
                >
                  Se déconnecter
                </a>
              </li>
            ) : null}
          </ul>
        </nav>
      </div>
    </header>
  );
}

export function App() {
  const { path } = useLocation();
  const convs = useConventions();
  const covered = convs.state === 'done' ? conventionNames(convs.data) : '';
  const first = useRef(true);
  // After a navigation, focus goes to the new page's title (announced by screen readers).
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const h1 = document.getElementById('titre-page');
    if (h1) h1.focus({ preventScroll: true });
    else document.getElementById('contenu')?.focus({ preventScroll: true });
  }, [path]);
  return (
    <>
      <a className="skip-link" href="#contenu">
        Aller au contenu
      </a>
      <Header />
      <main id="contenu" tabIndex={-1}>
        {route(path)}
      </main>
      <footer className="site-footer">
        <div className="inner">
          <p>
            classif applique les grilles de classification des conventions collectives {covered ? `: ${covered}` : 'prises en charge'}. Chaque réponse cite le texte sur lequel elle repose ;
            les textes font foi sur{' '}
            <a href="https://www.legifrance.gouv.fr/" rel="noreferrer noopener" target="_blank">
              Légifrance<span className="visually-hidden"> (nouvel onglet)</span>
            </a>
            .
          </p>
          <p>Ce service aide à classer ; il ne remplace pas le conseil d’un juriste en cas de doute ou de litige.</p>
        </div>
      </footer>
    </>
  );
}
