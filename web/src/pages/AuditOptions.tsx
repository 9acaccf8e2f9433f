/**
 * What the audits page asks besides the file: the columns step (each header of the file and the
 * column it is read as, changeable before the audit runs; the choices are kept for the next file
 * of the same shape), and the organisation's wage scales.
 */
import { useState } from 'react';
import { api } from '../api.js';
import { ErrorBox, formatDateFr, Loading, TableWrap } from '../components/ui.js';
import { useAsync } from '../data.js';

export interface ColumnPreview {
  headerLine: number;
  headers: { header: string; column: string | null; kept: boolean }[];
  columns: { id: string; help: string; required: boolean }[];
}

/** The beginning of a CSV is enough to read its headers; an Excel workbook is sent whole. */
const CSV_PREVIEW_BYTES = 256 * 1024;

export async function previewColumns(file: File, signal?: AbortSignal): Promise<ColumnPreview> {
  const form = new FormData();
  const excel = /\.xlsx$/i.test(file.name);
  form.append('file', excel ? file : file.slice(0, CSV_PREVIEW_BYTES), file.name);
  return api<ColumnPreview>('/api/audits/columns', { body: form, ...(signal ? { signal } : {}) });
}

/** The user's changes to what was detected: header → column (or `ignorer`). */
export type ColumnChoices = Record<string, string>;

export function ColumnsStep({ preview, choices, onChange }: { preview: ColumnPreview; choices: ColumnChoices; onChange: (c: ColumnChoices) => void }) {
  const chosen = (h: ColumnPreview['headers'][number]) => choices[h.header] ?? h.column ?? 'ignorer';
  const used = new Set(preview.headers.map(chosen));
  const missing = preview.columns.filter((c) => c.required && !used.has(c.id));
  return (
    <fieldset className="field">
      <legend>Colonnes du fichier</legend>
      <p className="small">
        En-têtes lus à la ligne {preview.headerLine} du fichier. Vérifiez la colonne retenue pour chacun ; un en-tête non reconnu peut être associé à une colonne. Vos choix
        sont gardés pour les prochains fichiers de même forme.
      </p>
      {missing.length ? (
        <p className="notice notice-error" aria-live="polite">
          Colonne(s) obligatoire(s) sans en-tête : {missing.map((c) => `${c.id} (${c.help})`).join(' ; ')}.
        </p>
      ) : null}
      <TableWrap label="Colonnes du fichier">
        <table>
          <caption className="visually-hidden">En-têtes du fichier et colonne retenue</caption>
          <thead>
            <tr>
              <th scope="col">En-tête du fichier</th>
              <th scope="col">Lu comme</th>
            </tr>
          </thead>
          <tbody>
            {preview.headers.map((h, i) =>
              h.header.trim() === '' ? null : (
                <tr key={`${i}-${h.header}`}>
                  <th scope="row">
                    <label htmlFor={`colonne-${i}`}>{h.header}</label>
                    {h.kept ? <span className="small muted"> (choix gardé)</span> : null}
                  </th>
                  <td>
                    <select
                      id={`colonne-${i}`}
                      value={chosen(h)}
                      onChange={(e) => {
                        const next = { ...choices };
                        if (e.target.value === (h.column ?? 'ignorer')) delete next[h.header];
                        else next[h.header] = e.target.value;
                        onChange(next);
                      }}
                    >
                      <option value="ignorer">— ignorée —</option>
                      {preview.columns.map((c) => (
                        <option key={c.id} value={c.id}>
                          {c.id} : {c.help}
                        </option>
                      ))}
                    </select>
                  </td>
                </tr>
              ),
            )}
          </tbody>
        </table>
      </TableWrap>
    </fieldset>
  );
}

interface Scale {
  id: string;
  fileName: string;
  idccs: string[];
  rows: number;
  createdAt: string;
}

/** The organisation's wage scales: loaded here, used by its audits next to the shipped ones. */
export function WageScales({ canEdit }: { canEdit: boolean }) {
  const scales = useAsync((signal) => api<{ items: Scale[] }>('/api/wage-scales', { signal }), 'wage-scales');
  const [error, setError] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);

  const add = async (file: File | undefined) => {
    if (!file) return;
    setError(null);
    setBusy(true);
    try {
      await api('/api/wage-scales', { body: { fileName: file.name, csv: await file.text() } });
      scales.reload();
    } catch (e) {
      setError(e as Error);
    } finally {
      setBusy(false);
    }
  };
  const remove = async (id: string) => {
    setError(null);
    try {
      await api(`/api/wage-scales/${encodeURIComponent(id)}`, { method: 'DELETE' });
      scales.reload();
    } catch (e) {
      setError(e as Error);
    }
  };

  return (
    <section aria-labelledby="titre-baremes">
      <h2 id="titre-baremes">Barèmes de salaires</h2>
      <p>
        Pour un minimum que classif ne connaît pas (accord d’entreprise, barème récent), chargez un fichier CSV <code>idcc;position;niveau;date_effet;montant</code>, une ligne
        par minimum (niveau facultatif, date JJ/MM/AAAA, montant mensuel brut à temps plein). Les audits suivants de l’organisation l’utilisent.
      </p>
      {scales.state === 'loading' ? <Loading label="Chargement des barèmes…" /> : null}
      {scales.state === 'error' ? <ErrorBox error={scales.error} /> : null}
      {scales.state === 'done' && scales.data.items.length > 0 ? (
        <ul>
          {scales.data.items.map((s) => (
            <li key={s.id}>
              {s.fileName} — IDCC {s.idccs.join(', ')}, {s.rows} ligne(s), chargé le {formatDateFr(s.createdAt)}{' '}
              {canEdit ? (
                <button type="button" className="button secondary small" onClick={() => void remove(s.id)}>
                  Supprimer<span className="visually-hidden"> le barème {s.fileName}</span>
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      ) : scales.state === 'done' ? (
        <p className="muted">Aucun barème chargé.</p>
      ) : null}
      {error ? <ErrorBox error={error} title="Le barème n’a pas été chargé" /> : null}
      {canEdit ? (
        <div className="field">
          <label htmlFor="bareme">Charger un barème (CSV)</label>
          <input id="bareme" type="file" accept=".csv,text/csv" disabled={busy} onChange={(e) => void add(e.target.files?.[0])} />
        </div>
      ) : null}
    </section>
  );
}
