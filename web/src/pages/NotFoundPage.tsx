import { PageHeading, usePageTitle } from '../components/ui.js';
import { Link } from '../router.js';

export function NotFoundPage() {
  usePageTitle('Page introuvable');
  return (
    <>
      <PageHeading>Page introuvable</PageHeading>
      <p>Cette adresse ne correspond à aucune page de classif.</p>
      <p>
        <Link to="/">Revenir à la recherche d’un emploi</Link>
      </p>
    </>
  );
}
