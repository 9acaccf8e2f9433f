/**
 * The audit's findings as data: every code renders through the one French renderer, and the audit
 * gives typical findings their code and parameters (positions, ISO dates, amounts as numbers, the
 * user's headers), the message being that reason rendered.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalogue } from '../src/grids/catalogue.js';
import type { FindingCode, FindingReason } from '../src/model/finding-reason.js';
import { FINDING_CODES, findingText } from '../src/model/findings-fr.js';
import { auditRoster, type Finding } from '../src/roster/audit.js';
import { openRoster } from '../src/roster/read.js';

const pay = { pay: 1500, deductions: null, compared: 1500, time: null, membersOnly: null };
const outdated = { position: '150', gridTitle: 'Ancienne grille', newGridTitle: 'Nouvelle grille', deadline: '2024-06-10', transposed: { positions: ['1.4'], trackTitle: null, toSpecify: [] } };

/** One reason of each code: a code added without a sample here does not compile. */
const SAMPLES: { [K in FindingCode]: Extract<FindingReason, { code: K }>['params'] } = {
  'invalid-row.no-grid': { idcc: '9999', at: '2025-06-01' },
  'invalid-row.unreadable': { line: 3, error: 'guillemet non fermé' },
  'invalid-row.convention': { line: 3, header: '« IDCC »', error: 'IDCC 9999 inconnu.' },
  'invalid-row.cell': { line: 3, header: '« Salaire »', error: 'montant attendu', value: 'à voir' },
  'duplicate-matricule': { matricule: 'A1', previousLine: 2 },
  'unknown-position': { value: '225', header: '« Coefficient »', idcc: '3168', grids: [{ title: 'Grille', positions: ['150', '155'] }] },
  'unknown-position.not-in-force': { position: '1.3', gridTitle: 'Grille 2022', from: '2023-06-10', at: '2023-06-09', currentGridTitle: 'Grille 2013', currentPositions: ['150'] },
  'unknown-position.abolished': { position: '150', since: '2022-02-01', replacedBy: '155', quote: 'supprimé' },
  'grid-outdated': outdated,
  'grid-outdated.admitted': outdated,
  'entry-period-exceeded': { position: '155', level: null, since: '2024-04-01', max: 'P6M', dueDate: '2024-10-01', ruleText: 'Six mois au plus.', assumedFromEntry: { positionDateHeader: null, entryDateHeader: '« Entrée »' } },
  'below-diploma-minimum': { position: '155', minPosition: '175', ruleText: 'Pas en dessous de 175.' },
  'status-below-required.declared': { value: 'ouvrier', header: '« Statut »', status: 'agent-de-maitrise', position: '230' },
  'status-below-required': { status: 'ouvrier-employe', position: 'A', required: 'agent-de-maitrise', because: null },
  'track-requires-diploma': { position: 'B', trackTitle: 'Filière santé', diploma: 'aucun', none: true, otherwiseTrackTitle: 'Filière vente', ruleText: 'Diplôme requis.' },
  'job-position-mismatch': { jobTitle: 'Directeur', job: 'Directeur de magasin', jobPositions: ['320'], position: '155', placement: 'below', jobTrackTitle: 'Filière vente', confidence: 0.93, uncertain: false },
  'below-minimum-wage': { ...pay, position: '230', level: null, minimum: 2059, scaleTitle: 'Avenant', scaleFrom: '2022-02-01', comparedPayText: null },
  'below-minimum-wage.smic': { ...pay, position: '150', smic: { amount: 1801.8, from: '2025-01-01', act: 'Décret' }, conventional: 1622, at: '2025-06-01' },
};

describe('the French sentences of findings', () => {
  it('renders every code, from its parameters only', () => {
    expect(new Set(FINDING_CODES)).toEqual(new Set(Object.keys(SAMPLES)));
    for (const code of FINDING_CODES) {
      const text = findingText({ code, params: SAMPLES[code] } as FindingReason);
      expect(text.length, code).toBeGreaterThan(20);
      expect(text, code).not.toMatch(/undefined|null|\[object|NaN|\d{4}-\d{2}-\d{2}/);
    }
  });

  it('formats dates, durations and amounts itself', () => {
    expect(findingText({ code: 'entry-period-exceeded', params: SAMPLES['entry-period-exceeded'] })).toBe(
      "Date de position absente : la position est supposée tenue depuis l'entrée (« Entrée » : 01/04/2024). En position 155 depuis le 01/04/2024 : la période maximale de 6 mois a pris fin le 01/10/2024. Six mois au plus.",
    );
    expect(findingText({ code: 'below-minimum-wage.smic', params: SAMPLES['below-minimum-wage.smic'] })).toBe(
      "Salaire 1\u202f500,00 € : inférieur au SMIC mensuel (1\u202f801,80 € depuis le 01/01/2025, Décret), plancher qui s'applique parce que le minimum conventionnel de la position 150 (1\u202f622,00 €) lui est inférieur.",
    );
  });
});

const catalogue = loadCatalogue();
const dir = mkdtempSync(join(tmpdir(), 'classif-findings-fr-'));
let n = 0;
const HEADER = 'matricule;idcc;emploi;position;niveau;statut;date_entree;date_position;diplome;annees_exercice;encadrement;salaire_mensuel_brut;temps_travail;sexe';

async function audit(rows: string[], at: string, header = HEADER): Promise<Finding[]> {
  const path = join(dir, `f${++n}.csv`);
  writeFileSync(path, [header, ...rows].join('\n'));
  const findings: Finding[] = [];
  await auditRoster(await openRoster(path), { at, catalogue }, (f) => void findings.push(f));
  // Every finding's message is its reason rendered.
  for (const f of findings) expect(f.message).toBe(findingText(f.reason));
  return findings;
}
const of = (fs: Finding[], rule: string) => fs.find((f) => f.rule === rule)!;

describe('the reasons of typical findings', () => {
  it('below the minimum: amounts as numbers, the scale and its date', async () => {
    // 3168 coefficient 250: 2 242 € from 2022-02-01 (avenant du 31 janvier 2022); half time.
    const f = of(await audit(['A1;3168;Retoucheur expert;250;;;;;;;;1 000,00;50 %;'], '2023-01-01'), 'below-minimum-wage');
    expect(f.reason).toMatchObject({
      code: 'below-minimum-wage',
      params: { position: '250', minimum: 2242, pay: 1000, compared: 1000, time: { kind: 'part-time', share: 0.5, hours: null, fullTime: 2000 }, scaleFrom: '2022-02-01' },
    });
    const smic = of(await audit(['A1;3168;Agent administratif débutant;150;;;;;;;;1 700;1;'], '2025-06-01'), 'below-minimum-wage');
    expect(smic.reason).toMatchObject({ code: 'below-minimum-wage.smic', params: { position: '150', pay: 1700, time: null, smic: { amount: 1801.8 } } });
  });

  it('entry period over: ISO dates and the ISO duration, the position and the rule text', async () => {
    const f = of(await audit(['A1;3168;Opérateur vendeur 1er niveau;155;;employé;;01/04/2024;;;;;;'], '2024-10-01'), 'entry-period-exceeded');
    expect(f.reason).toEqual({
      code: 'entry-period-exceeded',
      params: { position: '155', level: null, since: '2024-04-01', max: 'P6M', dueDate: '2024-10-01', ruleText: expect.stringContaining('6 mois'), assumedFromEntry: null },
    });
    // Without a position date, from the entry date: the user's headers are in the reason.
    const assumed = of(await audit(['A1;3168;Opérateur vendeur 1er niveau;155;;employé;01/04/2024;;;;;;;'], '2024-10-01'), 'entry-period-exceeded');
    expect(assumed.reason.params).toMatchObject({ assumedFromEntry: { positionDateHeader: '« date_position »', entryDateHeader: '« date_entree »' } });
  });

  it('statut below: the statuses as codes, the engine reason that requires it', async () => {
    const f = of(await audit(['A1;1431;Opticien;A;;employé;;;BTS;2;0;;;'], '2025-06-01'), 'status-below-required');
    expect(f.reason).toMatchObject({ code: 'status-below-required', params: { status: 'ouvrier-employe', position: 'A', required: 'agent-de-maitrise', because: { code: 'condition-met', params: { position: 'B' } } } });
    const declared = of(await audit(['A1;3168;Responsable magasin;230;;ouvrier;;;;;;;;'], '2025-06-01'), 'status-below-required');
    expect(declared.reason).toEqual({ code: 'status-below-required.declared', params: { value: 'ouvrier', header: '« statut »', status: 'agent-de-maitrise', position: '230' } });
  });

  it('unknown position: the cell as written, the header, every grid with its positions', async () => {
    const f = of(await audit(['A1;3168;Photographe;225;;;;;;;;;;'], '2025-06-01'), 'unknown-position');
    expect(f.reason.code).toBe('unknown-position');
    const params = f.reason.params as Extract<FindingReason, { code: 'unknown-position' }>['params'];
    expect(params).toMatchObject({ value: '225', header: '« position »', idcc: '3168' });
    expect(params.grids[0]!.positions).toContain('155');
  });
});
