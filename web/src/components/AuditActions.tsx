/**
 * What a web user can do with an audit, without a command line: re-run it (a failed one, or with
 * today's grids), cancel it while it runs, delete it — its uploaded file (names, salaries) and its
 * reports leave the server. Deleting asks for a confirmation in the page itself.
 */
import { useState } from 'react';
import { api } from '../api.js';
import { ROUTES, type AuditJob } from '../account-api.js';
import { ErrorBox } from './ui.js';

export function AuditActions({ audit, onChange, compact }: { audit: Pick<AuditJob, 'id' | 'status' | 'fileName'>; onChange: (what: 'rerun' | 'deleted') => void; compact?: boolean }) {
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const running = audit.status === 'queued' || audit.status === 'running';
  const size = compact ? ' small' : '';

  const act = async (what: 'rerun' | 'deleted') => {
    setBusy(true);
    setError(null);
    try {
      if (what === 'rerun') await api(`${ROUTES.audit(audit.id)}/rerun`, { method: 'POST', body: {} });
      else await api(ROUTES.audit(audit.id), { method: 'DELETE' });
      setConfirming(false);
      onChange(what);
    } catch (e) {
      setError(e as Error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="audit-actions">
      <div className="actions">
        {!running ? (
          <button type="button" className={`button secondary${size}`} disabled={busy} onClick={() => void act('rerun')} aria-label={compact ? `Relancer l’audit de ${audit.fileName}` : undefined}>
            Relancer
          </button>
        ) : null}
        {confirming ? (
          <>
            <button type="button" className={`button danger${size}`} disabled={busy} onClick={() => void act('deleted')}>
              {running ? 'Confirmer l’annulation' : 'Confirmer la suppression'}
            </button>
            <button type="button" className={`link-button${size}`} onClick={() => setConfirming(false)}>
              Garder l’audit
            </button>
          </>
        ) : (
          <button type="button" className={`button secondary${size}`} disabled={busy} onClick={() => setConfirming(true)} aria-label={compact ? `${running ? 'Annuler' : 'Supprimer'} l’audit de ${audit.fileName}` : undefined}>
            {running ? 'Annuler l’audit' : 'Supprimer'}
          </button>
        )}
      </div>
      {confirming ? (
        <p className="small" role="status">
          {running ? 'L’audit sera arrêté, puis supprimé' : 'L’audit sera supprimé'} avec le fichier envoyé et ses rapports. Ce n’est pas réversible.
        </p>
      ) : null}
      {error ? <ErrorBox error={error} title={running ? 'L’audit n’a pas pu être annulé' : 'L’action n’a pas abouti'} /> : null}
    </div>
  );
}
