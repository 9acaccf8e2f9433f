/**
 * Upload a staff list (CSV or Excel, as payroll exports it) for an audit of its classifications;
 * the upload's progress, then the report page follows the analysis.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { ColumnsStep, previewColumns, WageScales, type ColumnChoices, type ColumnPreview } from './AuditOptions.js';
import { api, upload } from '../api.js';
import { ROUTES, type AuditJob, type Page } from '../account-api.js';
import { ErrorBox, formatDateFr, Loading, Notice, PageHeading, usePageTitle, TableWrap } from '../components/ui.js';
import { todayIso, useAsync, useConventions } from '../data.js';
import type { ConventionView } from '../types.js';
import { auditTemplate } from '../../../src/service/audit-template.js';
import { href, Link, navigate } from '../router.js';
import { canWrite, useSession } from '../session.js';
import { AuditActions } from '../components/AuditActions.js';

/** The staff-list template (the same as the command line's: a row per convention of the catalogue), for Excel: « ; », UTF-8 with BOM. */
function templateHref(conventions: readonly ConventionView[]): string {
  return `data:text/csv;charset=utf-8,${encodeURIComponent(`\ufeff${auditTemplate(conventions)}\r\n`)}`;
}

export const AUDIT_STATUS: Record<string, string> = {
  queued: 'en attente',
  running: 'en cours',
  done: 'terminé',
  failed: 'échec',
};

const COLUMNS: [string, string][] = [
  ['matricule', 'identifiant du salarié dans la paie (obligatoire)'],
  ['idcc', 'IDCC de la convention (obligatoire)'],
  ['position', 'coefficient, niveau ou catégorie tenu par la paie (obligatoire)'],
  ['emploi', 'intitulé de l’emploi dans l’entreprise'],
  ['niveau', 'niveau dans la position, pour les grilles qui en distinguent'],
  ['statut', 'employé, agent de maîtrise, cadre'],
  ['date_entree, date_position', 'dates d’entrée dans l’entreprise et dans la position'],
  ['diplome, annees_exercice, encadrement', 'diplôme, années d’exercice du métier, personnes encadrées'],
  ['nom, prenom', 'nom du salarié, repris dans les constats'],
  ['salaire_mensuel_brut', 'salaire de base mensuel brut (« Salaire de base », « Brut de base »)'],
  ['heures_sup, prime_anciennete', 'montants des heures supplémentaires et de la prime d’ancienneté compris dans le salaire (facultatif) : retirés avant la comparaison au minimum quand la convention les exclut'],
  ['horaire_mensuel, horaire_reference, temps_travail, modalite_temps', 'heures par mois (et horaire d’un temps plein, 151,67 h par défaut), ou part du temps plein ; un forfait jours compte comme un temps plein'],
  ['sexe', 'F ou H (facultatif, pour la répartition femmes-hommes)'],
];

export function AuditsPage() {
  usePageTitle('Audit d’une liste du personnel');
  const { me } = useSession();
  return (
    <>
      <PageHeading lead="Déposez la liste du personnel exportée de la paie : classif vérifie la position de chaque salarié à la date choisie (grille en vigueur, périodes d’accueil, minima de diplôme, statut, salaire minimum) et cite le texte de chaque constat.">
        Audit d’une liste du personnel
      </PageHeading>
      {me === undefined ? <Loading /> : null}
      {me === null ? (
        <Notice title="Un compte est nécessaire">
          <p>Les listes du personnel contiennent des données personnelles : elles sont traitées dans l’espace de votre organisation, visible de ses seuls membres.</p>
          <p>
            <Link to={href('/connexion', { retour: '/audits' })}>Se connecter</Link> ou <Link to="/inscription">créer un compte</Link>.
          </p>
        </Notice>
      ) : null}
      {me ? (
        <>
          {canWrite(me) ? <UploadForm /> : <Notice>Votre rôle (lecture seule) permet de consulter les audits, pas d’en lancer.</Notice>}
          <AuditList />
          <WageScales canEdit={canWrite(me)} />
        </>
      ) : null}
      <section aria-labelledby="titre-colonnes">
        <h2 id="titre-colonnes">Les colonnes lues</h2>
        <p>
          Une ligne par salarié, avec une ligne d’en-tête, éventuellement précédée de lignes de titre et de période. Les intitulés usuels des logiciels de paie sont reconnus
          (« Coefficient », « Horaire mensuel », « Libellé emploi », « Date d’embauche »…), en CSV (séparateur « ; » ou « , », encodage Windows ou UTF-8) ou en Excel (.xlsx) ;
          un en-tête non reconnu peut être associé à une colonne à l’étape « Colonnes ». Une DSN mensuelle (fichier .dsn, .txt ou .edi tel que le logiciel de paie
          le produit) se dépose telle quelle, ou plusieurs mois réunis dans un .zip : matricule, emploi, convention, positionnement, statut, temps de travail et
          salaire de base y sont lus directement, et l’historique des mois date la position. Le rapport dit, pour chaque contrôle, combien de lignes ont pu être vérifiées.
        </p>
        <TableWrap label="Colonnes de la liste du personnel">
          <table>
            <caption>Colonnes de la liste du personnel</caption>
            <thead>
              <tr>
                <th scope="col">Colonne</th>
                <th scope="col">Contenu</th>
              </tr>
            </thead>
            <tbody>
              {COLUMNS.map(([c, d]) => (
                <tr key={c}>
                  <th scope="row">
                    <code>{c}</code>
                  </th>
                  <td>{d}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      </section>
    </>
  );
}

function UploadForm() {
  const [file, setFile] = useState<File | null>(null);
  const [at, setAt] = useState(todayIso());
  const [sent, setSent] = useState<number | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [member, setMember] = useState(false);
  const [preview, setPreview] = useState<ColumnPreview | null>(null);
  const [previewError, setPreviewError] = useState<Error | null>(null);
  const [choices, setChoices] = useState<ColumnChoices>({});
  const conventions = useConventions();

  // The columns step: as soon as a file is chosen, its headers and what they are read as.
  useEffect(() => {
    setPreview(null);
    setPreviewError(null);
    setChoices({});
    if (!file) return;
    const ctl = new AbortController();
    previewColumns(file, ctl.signal).then(
      (p) => !ctl.signal.aborted && setPreview(p),
      (e: Error) => !ctl.signal.aborted && e.name !== 'AbortError' && setPreviewError(e),
    );
    return () => ctl.abort();
  }, [file]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!file) {
      setFieldError('Choisissez le fichier de la liste du personnel.');
      document.getElementById('fichier')?.focus();
      return;
    }
    setFieldError(null);
    setError(null);
    setSent(0);
    const form = new FormData();
    form.append('file', file, file.name);
    if (member) form.append('adherent', 'oui');
    if (Object.keys(choices).length > 0) form.append('colonnes', JSON.stringify(choices));
    try {
      const job = await upload<AuditJob>(`${ROUTES.audits}?at=${encodeURIComponent(at)}`, form, setSent);
      navigate(`/audits/${encodeURIComponent(job.id)}`);
    } catch (err) {
      setError(err as Error);
      setSent(null);
    }
  };

  return (
    <form className="card" onSubmit={submit} noValidate aria-labelledby="titre-depot">
      <h2 id="titre-depot">Nouvel audit</h2>
      <div className="field">
        <label htmlFor="fichier">
          Liste du personnel <span className="hint">— CSV, Excel (.xlsx), DSN ou .zip de DSN</span>
        </label>
        <input
          id="fichier"
          name="file"
          type="file"
          accept=".csv,.txt,.tsv,.xlsx,.dsn,.edi,.zip,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/zip"
          onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          aria-invalid={fieldError ? true : undefined}
          aria-describedby={fieldError ? 'fichier-erreur' : undefined}
        />
        {fieldError ? (
          <p id="fichier-erreur" className="notice notice-error">
            {fieldError}
          </p>
        ) : null}
      </div>
      {previewError ? <ErrorBox error={previewError} title="Les colonnes du fichier n’ont pas pu être lues" /> : null}
      {preview ? <ColumnsStep preview={preview} choices={choices} onChange={setChoices} /> : file && !previewError ? <Loading label="Lecture des colonnes…" /> : null}
      <div className="field">
        <label>
          <input type="checkbox" checked={member} onChange={(e) => setMember(e.target.checked)} /> L’employeur adhère à une organisation signataire de la convention
        </label>
        <p className="small muted">
          Certains barèmes s’appliquent aux adhérents avant leur extension. Case non cochée : adhésion non indiquée, les dates valables pour toutes les entreprises sont
          retenues et le rapport le dit.
        </p>
      </div>
      <div className="field">
        <label htmlFor="date-audit">
          Date de l’audit <span className="hint">— les classements sont vérifiés à cette date</span>
        </label>
        <input id="date-audit" type="date" value={at} onChange={(e) => setAt(e.target.value)} required />
      </div>
      {sent !== null ? (
        <div className="field" aria-live="polite">
          <label htmlFor="envoi">Envoi du fichier : {Math.round(sent * 100)} %</label>
          <progress id="envoi" className="progress" max={1} value={sent} />
        </div>
      ) : null}
      {error ? <ErrorBox error={error} title="L’audit n’a pas pu être lancé" /> : null}
      <div className="actions">
        <button type="submit" className="button" disabled={sent !== null}>
          {sent !== null ? 'Envoi…' : 'Lancer l’audit'}
        </button>
        <a href={templateHref(conventions.state === 'done' ? conventions.data : [])} download="modele-liste-du-personnel.csv">
          Télécharger un modèle de fichier (CSV)
        </a>
      </div>
    </form>
  );
}

function AuditList() {
  const audits = useAsync((signal) => api<Page<AuditJob>>(ROUTES.audits, { signal }), 'audits');
  if (audits.state === 'loading') return <Loading label="Chargement des audits…" />;
  if (audits.state === 'error') return audits.error.status === 404 ? null : <ErrorBox error={audits.error} />;
  const list = audits.data.items;
  return (
    <section aria-labelledby="titre-audits">
      <h2 id="titre-audits">Audits de l’organisation</h2>
      {list.length === 0 ? (
        <p className="muted">Aucun audit pour l’instant.</p>
      ) : (
        <TableWrap label="Audits de l’organisation">
          <table>
            <caption className="visually-hidden">Audits déjà lancés, le plus récent d’abord</caption>
            <thead>
              <tr>
                <th scope="col">Fichier</th>
                <th scope="col">Date de l’audit</th>
                <th scope="col">État</th>
                <th scope="col">Lancé le</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {list.map((a) => (
                <tr key={a.id}>
                  <td>
                    <Link to={`/audits/${encodeURIComponent(a.id)}`}>{a.fileName}</Link>
                  </td>
                  <td>{formatDateFr(a.at)}</td>
                  <td>{AUDIT_STATUS[a.status] ?? a.status}</td>
                  <td>{formatDateFr(a.createdAt)}</td>
                  <td>
                    <AuditActions audit={a} onChange={() => audits.reload()} compact />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </section>
  );
}
