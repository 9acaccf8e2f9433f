/**
 * The SMIC and the branches' scales are revised every year: when the amount an audit uses is the latest the data
 * knows and more than a year old, the report says so, naming it, its date and when the data was last checked.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalogue } from '../src/grids/catalogue.js';
import type { WageScale } from '../src/model/wages.js';
import { auditRoster } from '../src/roster/audit.js';
import { outdatedScaleNote, outdatedSmicNote } from '../src/roster/outdated-minimum.js';
import { openRoster } from '../src/roster/read.js';

const catalogue = loadCatalogue();
const scale = (id: string, effectiveFrom: string, lastVerified?: string): WageScale => ({
  id,
  title: `Accord ${id}`,
  grid: 'g',
  effectiveFrom,
  ...(lastVerified ? { lastVerified } : {}),
  rows: [{ position: '1', amount: 1900 }],
  levelFactors: [],
  source: { doc: 'd', quote: 'q' },
});

describe('outdatedScaleNote', () => {
  const only = scale('2024', '2024-07-01', '2026-11-22');

  it('says nothing up to a year after the scale started, and names it, its date and its check a day later', () => {
    expect(outdatedScaleNote('9999', [only], only, '2025-07-01')).toBeUndefined();
    const note = outdatedScaleNote('9999', [only], only, '2025-07-02');
    expect(note).toContain('IDCC 9999');
    expect(note).toContain('« Accord 2024 »');
    expect(note).toContain("s'applique depuis le 01/07/2024, plus d'un an avant le 02/07/2025");
    expect(note).toContain('vérifiées pour la dernière fois le 22/11/2026');
  });

  it('the example of the issue: an audit on 1 December 2026 with a scale of 1 July 2024 and nothing newer', () => {
    expect(outdatedScaleNote('9999', [only], only, '2026-12-01')).toContain('plus d\'un an avant le 01/12/2026');
  });

  it('says nothing when a newer scale is known, even one not yet in force at the date', () => {
    const newer = scale('2027', '2027-01-01', '2026-11-22');
    expect(outdatedScaleNote('9999', [only, newer], only, '2026-12-01')).toBeUndefined();
  });

  it('a scale the user loaded was never checked here, and the note says so', () => {
    const mine = scale('mine', '2024-07-01');
    expect(outdatedScaleNote('9999', [mine], mine, '2026-12-01')).toContain("barème chargé par l'utilisateur, jamais vérifié ici");
  });
});

describe('outdatedSmicNote', () => {
  const latest = catalogue.smic.rates.at(-1)!;
  const yearAfter = `${Number(latest.from.slice(0, 4)) + 1}${latest.from.slice(4)}`;

  it('the shipped table is dated', () => {
    expect(catalogue.smic.lastVerified).toBe('2026-12-07');
  });

  it('trusts the latest rate for a year, and names it, its act and the check the day after', () => {
    expect(outdatedSmicNote(catalogue.smic, latest.from)).toBeUndefined();
    expect(outdatedSmicNote(catalogue.smic, yearAfter)).toBeUndefined();
    const dayAfter = new Date(Date.parse(`${yearAfter}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const note = outdatedSmicNote(catalogue.smic, dayAfter)!;
    expect(note).toContain(`depuis le ${latest.from.split('-').reverse().join('/')}`);
    expect(note).toContain(latest.act);
    expect(note).toContain('vérifiées pour la dernière fois le 07/12/2026');
  });

  it('says nothing of an older rate that a newer one followed', () => {
    expect(outdatedSmicNote(catalogue.smic, '2025-12-31')).toBeUndefined();
  });
});

describe('the audit says when its scale is outdated', () => {
  const dir = mkdtempSync(join(tmpdir(), 'classif-outdated-'));
  let n = 0;
  async function notes(row: string, at: string): Promise<string[]> {
    const path = join(dir, `f${++n}.csv`);
    writeFileSync(path, ['matricule;idcc;emploi;position;niveau;statut;salaire_mensuel_brut;temps_travail', row].join('\n'));
    const summary = await auditRoster(await openRoster(path), { at, catalogue }, () => undefined);
    return summary.notes.filter((x) => x.includes('dernier barème'));
  }
  // IDCC 2198: the latest scale of texts/ is the accord du 29 juin 2023, in force on 1 September 2023.
  const row = 'A1;2198;Préparateur de commandes;A;débutant;employé;2100;1';
  const last = catalogue.convention('2198')!.wageScales.at(-1)!;

  it('knows the scale it is about', () => {
    expect(last.effectiveFrom).toBe('2023-09-01');
    expect(last.lastVerified).toBe('2026-11-22');
  });

  it('not on the day the scale is a year old', async () => {
    expect(await notes(row, '2024-09-01')).toEqual([]);
  });

  it('one day more: a note naming the scale, its date and its check', async () => {
    const [note, ...more] = await notes(row, '2024-09-02');
    expect(more).toEqual([]);
    expect(note).toContain(`« ${last.title} »`);
    expect(note).toContain('01/09/2023');
    expect(note).toContain('22/11/2026');
  });
});
