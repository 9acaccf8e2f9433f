/**
 * IDCC 3168 (professions de la photographie): what the worked legal examples of
 * grids/3168-photographie/examples.yaml (run by test/grid-examples.test.ts) do not say — the
 * questionnaire's facts, inherited duties, the wording of a due position, refused input and the
 * transposition 2009 → 2024. Each test states, in the comment above it, the words of the text.
 *
 * Grids: 3168-2009 (accord du 9 décembre 2009, texte KALI) and 3168-2024 (avenant du 11 mars 2024).
 */
import { describe, expect, it } from 'vitest';
import { loadCatalogue, type Grid } from '../src/grids/catalogue.js';
import { classify, transpose } from '../src/classify/index.js';
import { reasonText, warningText } from '../src/model/reasons-fr.js';

const conv = loadCatalogue({ only: ['3168'] }).convention('3168')!;
const g2024 = conv.gridAt('2025-01-01')!;
const g2009 = conv.grid('3168-2009')!;

/** The `source.quote` of a rule, so that a test fails if the data no longer cites it. */
function ruleQuote(grid: Grid, id: string): string {
  const rule = grid.rules.find((r) => r.id === id);
  if (!rule) throw new Error(`règle ${id} absente de ${grid.id}`);
  return rule.source.quote;
}

describe('IDCC 3168, le questionnaire', () => {
  it('declares the questionnaire facts in both grids, with the same values', () => {
    for (const g of [g2009, g2024]) {
      expect(g.facts.map((f) => f.id)).toEqual(['mainFunction', 'diploma']);
      expect(g.facts.find((f) => f.id === 'diploma')?.values?.map((v) => v.id)).toEqual(['none', 'diplome-branche']);
      expect(g.facts.find((f) => f.id === 'mainFunction')?.values?.map((v) => v.id)).toEqual(['prises-de-vue', 'fonctions-commerciales', 'autre']);
    }
  });

  // « Postproduction 165. Retoucheur 1er niveau » … « 195. Retoucheur 2e niveau »: the second level builds on the first.
  it('Retoucheur 2e niveau: the duties of the Retoucheur 1er niveau come first', () => {
    const duties = g2024.jobDuties('retoucheur-2');
    expect(duties.slice(0, g2024.job('retoucheur-1')!.duties.length)).toEqual(g2024.job('retoucheur-1')!.duties);
    expect(duties.length).toBeGreaterThan(g2024.job('retoucheur-2')!.duties.length);
  });

  it('refuses a diploma value the grid does not know, in French', () => {
    expect(() => classify(g2024, { jobId: 'assistant-1', diploma: 'bts' }, { at: '2025-01-01' })).toThrow(/diploma.*none, diplome-branche/);
  });

  it('an unknown job is refused with a French message', () => {
    expect(() => classify(g2024, { jobId: 'photographe-de-plateau' }, { at: '2025-01-01' })).toThrow(/inconnu.*photographe-de-plateau/);
  });
});

describe('IDCC 3168, périodes maximales', () => {
  // « 155. Opérateur vendeur 1er niveau (période maximale de 6 mois) », then « 165. Opérateur vendeur
  // 2e niveau » (its card follows « Mêmes fonctions que précédent »): the next level of the same job is
  // due from the due date, 2024-04-01 + 6 months.
  it('says which position is due after the maximum period, and from when', () => {
    const r = classify(g2024, { jobId: 'operateur-vendeur-1', positionSince: '2024-04-01' }, { at: '2024-10-02' });
    const w = r.warnings.find((x) => x.code === 'entry-period-exceeded')!;
    expect(w.next).toEqual({ position: '165', job: { id: 'operateur-vendeur-2', title: 'Opérateur vendeur 2e niveau' } });
    expect(w.params).toEqual({ position: '155', since: '2024-04-01', dueDate: '2024-10-01', next: { position: '165', jobTitle: 'Opérateur vendeur 2e niveau' } });
    expect(warningText(w)).toContain('la position 165 (Opérateur vendeur 2e niveau) lui est due depuis cette date');
    expect(warningText(w)).toContain('01/10/2024');
  });
});

describe('IDCC 3168, transposition 2009 → 2024', () => {
  // 2009: « 155. Opérateur vendeur 1er niveau (période maximale 3 ans) » ; 2024: « 155. Opérateur
  // vendeur 1er niveau (période maximale de 6 mois) »: same coefficient, shorter entry period.
  it('Opérateur vendeur 1er niveau keeps 155; the maximum period goes from 3 years to 6 months', () => {
    const t = transpose(conv, { from: '155', facts: { jobId: 'operateur-vendeur-1' }, at: '2025-01-01' });
    expect(t.from.grid.id).toBe('3168-2009');
    expect(t.to.grid.id).toBe('3168-2024');
    expect(t.to.positions).toEqual(['155']);
    expect(t.to.status).toBe('ouvrier-employe');
    const explanationCodes = t.explanation.map((e) => e.code);
    expect(explanationCodes).toContain('unchanged');
    expect(explanationCodes).toContain('entry-period-changed');
    const period = t.explanation.find((e) => e.code === 'entry-period-changed' && e.source.quote === '155. Opérateur vendeur 1er niveau (période maximale de 6 mois)');
    expect(period).toBeDefined();
    // The change is reported: from the 2009 period to the 2024 one.
    expect(period!.params).toMatchObject({ from: 'P3Y', to: 'P6M', before: ['P3Y'], after: ['P6M'] });
    expect(reasonText(period!)).toMatch(/^« Opérateur vendeur 1er niveau » : période maximale 3 ans → 6 mois\. /);
    expect(ruleQuote(g2009, 'periode-maximale-operateur-vendeur-1')).toBe('155. Opérateur vendeur 1er niveau (période maximale 3 ans)');
  });
});
