/**
 * IDCC 3168 (professions de la photographie): worked legal examples run through the generic
 * engine. Each test states, in the comment above it, the words of the text that justify the
 * expected answer; each checks the position(s), the status and that the explanation cites the
 * text the data quotes (`source.quote`).
 *
 * Grids: 3168-2009 (accord du 9 décembre 2009, texte KALI) and 3168-2024 (avenant du 11 mars 2024).
 */
import { describe, expect, it } from 'vitest';
import { loadCatalogue, type Grid } from '../src/grids/catalogue.js';
import { classify, transpose } from '../src/classify/index.js';
import type { ClassifyResult, Reason } from '../src/classify/types.js';
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
const cites = (reasons: readonly Reason[], quote: string, code?: Reason['code']): boolean =>
  reasons.some((r) => r.source.quote === quote && (code === undefined || r.code === code));
const codes = (r: ClassifyResult): string[] => r.explanation.map((e) => e.code);
const warningCodes = (r: { warnings: { code: string }[] }): string[] => r.warnings.map((w) => w.code);

const FLOOR = 'diplome-reconnu-coefficient-175';
const TRACK_MAIN = 'filiere-scolaire-fonction-principale';
const TRACK_COMMERCIAL = 'filiere-scolaire-fonctions-commerciales';
/** The note of the filière scolaire, as the grid quotes it. */
const TRACK_NOTE = 'Il est précisé que les photographes dont la fonction principale est la réalisation';

describe('IDCC 3168, les grilles en vigueur', () => {
  it('uses the 2024 grid for 2025-01-01 (the grid these examples classify with)', () => {
    expect(g2024.id).toBe('3168-2024');
  });

  // Avenant du 11 mars 2024: « Le présent accord annule et remplace l'accord de classification des
  // salariés signé le 9 décembre 2009 » ; signed 11 March 2024, no other date of entry into force.
  it('applies 3168-2009 on 2024-03-10 and 3168-2024 from 2024-03-11', () => {
    expect(conv.gridAt('2024-03-10')?.id).toBe('3168-2009');
    expect(conv.gridAt('2024-03-11')?.id).toBe('3168-2024');
    const before = classify(conv.gridAt('2024-03-10')!, { jobId: 'operateur-vendeur-1' }, { at: '2024-03-10' });
    const after = classify(conv.gridAt('2024-03-11')!, { jobId: 'operateur-vendeur-1' }, { at: '2024-03-11' });
    expect(before.grid.id).toBe('3168-2009');
    expect(after.grid.id).toBe('3168-2024');
    expect(cites(before.explanation, g2009.source.quote, 'grid')).toBe(true);
    expect(cites(after.explanation, g2024.source.quote, 'grid')).toBe(true);
  });

  it('declares the questionnaire facts in both grids, with the same values', () => {
    for (const g of [g2009, g2024]) {
      expect(g.facts.map((f) => f.id)).toEqual(['mainFunction', 'diploma']);
      expect(g.facts.find((f) => f.id === 'diploma')?.values?.map((v) => v.id)).toEqual(['none', 'diplome-branche']);
      expect(g.facts.find((f) => f.id === 'mainFunction')?.values?.map((v) => v.id)).toEqual(['prises-de-vue', 'fonctions-commerciales', 'autre']);
    }
  });
});

describe('IDCC 3168, emplois-repères : coefficient et statut', () => {
  // « Postproduction 165. Retoucheur 1er niveau » … « 195. Retoucheur 2e niveau » (2024) ; status:
  // status: the « Employé » block of the minima of the avenant salaires du 31 janvier 2022 (150 to 210).
  it('Retoucheur 2e niveau: 195, employé, with the duties of the Retoucheur 1er niveau first', () => {
    const r = classify(g2024, { jobId: 'retoucheur-2' }, { at: '2025-01-01' });
    expect(r.outcome).toBe('result');
    expect(r.positions).toEqual(['195']);
    expect(r.status).toBe('ouvrier-employe');
    expect(r.track).toBe('studios-hors-grand-public/postproduction');
    expect(r.job).toEqual({ id: 'retoucheur-2', title: 'Retoucheur 2e niveau' });
    expect(cites(r.explanation, g2024.job('retoucheur-2')!.source.quote, 'job')).toBe(true);
    expect(cites(r.explanation, g2024.position('195')!.statusSource!.quote)).toBe(true);
    // Inherited duties: the job's duties start with those of the job it refers to.
    const duties = g2024.jobDuties(r.job!.id);
    expect(duties.slice(0, g2024.job('retoucheur-1')!.duties.length)).toEqual(g2024.job('retoucheur-1')!.duties);
    expect(duties.length).toBeGreaterThan(g2024.job('retoucheur-2')!.duties.length);
  });

  // « 220. Responsable prises de vue 1er échelon » (filière photographie professionnelle) ; status:
  // the « Maîtrise » block of the minima (220 to 275).
  it('Responsable prises de vue 1er échelon: 220, agent de maîtrise', () => {
    const r = classify(g2024, { jobId: 'responsable-prises-de-vue-1' }, { at: '2025-01-01' });
    expect(r.outcome).toBe('result');
    expect(r.positions).toEqual(['220']);
    expect(r.status).toBe('agent-de-maitrise');
    expect(cites(r.explanation, g2024.job('responsable-prises-de-vue-1')!.source.quote, 'job')).toBe(true);
    expect(cites(r.explanation, g2024.position('220')!.statusSource!.quote)).toBe(true);
    // 220 is above the diploma floor (175): the diploma does not matter, it is not asked.
    expect(r.missing.map((m) => m.fact)).not.toContain('diploma');
  });

  // « 370. Directeur de studio » ; status: the « Cadre » block of the minima (320 to 450).
  it('Directeur de studio: 370, cadre', () => {
    const r = classify(g2024, { jobId: 'directeur-de-studio' }, { at: '2025-01-01' });
    expect(r.outcome).toBe('result');
    expect(r.positions).toEqual(['370']);
    expect(r.status).toBe('cadre');
    expect(cites(r.explanation, g2024.job('directeur-de-studio')!.source.quote, 'job')).toBe(true);
    expect(cites(r.explanation, g2024.position('370')!.statusSource!.quote)).toBe(true);
    expect(r.warnings).toEqual([]);
  });
});

describe('IDCC 3168, diplôme reconnu par la branche (filière photographie professionnelle)', () => {
  // « 155. Assistant 1er niveau » … « 175. Photographe qualifié 3e niveau (Un diplôme reconnu par la
  // branche ne pourra être embauché en dessous du coefficient 175.) »: a diploma holder is placed at
  // 175 at least, above the benchmark job's 155.
  it('Assistant 1er niveau with a diploma recognised by the branch: 175, not 155', () => {
    const r = classify(g2024, { jobId: 'assistant-1', diploma: 'diplome-branche' }, { at: '2025-01-01' });
    expect(r.outcome).toBe('result');
    expect(r.positions).toEqual(['175']);
    expect(r.status).toBe('ouvrier-employe');
    expect(cites(r.explanation, ruleQuote(g2024, FLOOR), 'floor')).toBe(true);
    expect(warningCodes(r)).toContain('job-range-overridden');
  });

  // Same text, 2009 version: « (Un diplôme reconnu par la branche ne pourra être embauché en dessous
  // du coefficient 175.) » under « 175. Photographe qualifié 3e niveau ».
  it('same in the 2009 grid: Assistant 1er niveau with the diploma is 175', () => {
    const r = classify(g2009, { jobId: 'assistant-1', diploma: 'diplome-branche' }, { at: '2015-06-01' });
    expect(r.positions).toEqual(['175']);
    expect(r.status).toBe('ouvrier-employe');
    expect(cites(r.explanation, ruleQuote(g2009, FLOOR), 'floor')).toBe(true);
    expect(warningCodes(r)).toContain('job-range-overridden');
  });

  // « 165. Opérateur de prises de vue confirmé 2e niveau » is also below 175, in the same filière:
  // « ne pourra être embauché en dessous du coefficient 175 ».
  it('Opérateur de prises de vue confirmé 2e niveau (165) with the diploma: 175', () => {
    const r = classify(g2024, { jobId: 'operateur-de-prises-de-vue-confirme-2', diploma: 'diplome-branche' }, { at: '2025-01-01' });
    expect(r.positions).toEqual(['175']);
    expect(cites(r.explanation, ruleQuote(g2024, FLOOR), 'floor')).toBe(true);
  });

  // « 155. Assistant 1er niveau (période maximale de 6 mois) »: without the diploma nothing moves
  // the job off its coefficient.
  it('Assistant 1er niveau without a recognised diploma: 155', () => {
    const r = classify(g2024, { jobId: 'assistant-1', diploma: 'none' }, { at: '2025-01-01' });
    expect(r.outcome).toBe('result');
    expect(r.positions).toEqual(['155']);
    expect(r.status).toBe('ouvrier-employe');
    expect(codes(r)).not.toContain('floor');
    expect(warningCodes(r)).not.toContain('job-range-overridden');
    expect(cites(r.explanation, g2024.job('assistant-1')!.source.quote, 'job')).toBe(true);
  });

  // « Un diplôme reconnu par la branche ne pourra être embauché en dessous du coefficient 175 »:
  // for a job below 175 the answer depends on the diploma, so it is asked.
  it('Assistant 1er niveau, diploma unknown: 155 for now, and the diploma is asked', () => {
    const r = classify(g2024, { jobId: 'assistant-1' }, { at: '2025-01-01' });
    expect(r.positions).toContain('155');
    expect(r.missing.map((m) => m.fact)).toContain('diploma');
    const q = r.missing.find((m) => m.fact === 'diploma')!;
    expect(q.values?.map((v) => v.id)).toEqual(['none', 'diplome-branche']);
    expect(cites(r.explanation, g2024.job('assistant-1')!.source.quote, 'job')).toBe(true);
  });

  // « 175. Photographe qualifié 3e niveau »: already at the floor, the diploma changes nothing.
  it('Photographe qualifié 3e niveau with the diploma: 175, no override', () => {
    const r = classify(g2024, { jobId: 'photographe-qualifie-3', diploma: 'diplome-branche' }, { at: '2025-01-01' });
    expect(r.positions).toEqual(['175']);
    expect(r.status).toBe('ouvrier-employe');
    expect(warningCodes(r)).not.toContain('job-range-overridden');
    expect(cites(r.explanation, g2024.job('photographe-qualifie-3')!.source.quote, 'job')).toBe(true);
  });

  // The sentence stands in the « Filière photographie professionnelle » only: a shop job
  // (« Filière magasin (hors prises de vue) », « 155. Opérateur vendeur 1er niveau ») keeps 155.
  it('the floor does not reach the filière magasin: Opérateur vendeur 1er niveau with a diploma stays 155', () => {
    const r = classify(g2024, { jobId: 'operateur-vendeur-1', diploma: 'diplome-branche' }, { at: '2025-01-01' });
    expect(r.positions).toEqual(['155']);
    expect(codes(r)).not.toContain('floor');
    expect(cites(r.explanation, g2024.job('operateur-vendeur-1')!.source.quote, 'job')).toBe(true);
    const without = classify(g2024, { jobId: 'operateur-vendeur-1' }, { at: '2025-01-01' });
    expect(without.missing.map((m) => m.fact)).not.toContain('diploma');
  });

  it('refuses a diploma value the grid does not know, in French', () => {
    expect(() => classify(g2024, { jobId: 'assistant-1', diploma: 'bts' }, { at: '2025-01-01' })).toThrow(/diploma.*none, diplome-branche/);
  });
});

describe('IDCC 3168, filière photographie scolaire, maternité et à domicile', () => {
  // « Il est précisé que les photographes dont la fonction principale est la réalisation de prises
  // de vue sont classés dans la filière professionnelle et ne peuvent se voir attribuer un
  // coefficient de la présente filière. »: the data sends them to the filière professionnelle.
  it('Attaché commercial débutant whose main function is taking pictures: filière professionnelle', () => {
    const r = classify(g2024, { jobId: 'attache-commercial-debutant', mainFunction: 'prises-de-vue' }, { at: '2025-01-01' });
    expect(r.track).toBe('photographie-professionnelle');
    expect(warningCodes(r)).toContain('track-changed');
    expect(r.explanation.some((e) => e.code === 'track-ineligible' && e.source.quote.startsWith(TRACK_NOTE))).toBe(true);
    expect(cites(r.explanation, ruleQuote(g2024, TRACK_MAIN), 'track-ineligible')).toBe(true);
    // The benchmark job of the filière scolaire no longer applies: the professional job is asked.
    expect(r.job).toBeNull();
    expect(r.positions).not.toEqual(['155']);
    expect(r.missing.map((m) => m.fact)).toContain('jobId');
  });

  // « Ne sont concernés par cette filière que les salariés occupant principalement des fonctions
  // commerciales et réalisant accessoirement des prises de vue en clientèle. »
  it('Attaché commercial débutant mainly in sales: stays in the filière scolaire at 155', () => {
    const r = classify(g2024, { jobId: 'attache-commercial-debutant', mainFunction: 'fonctions-commerciales' }, { at: '2025-01-01' });
    expect(r.outcome).toBe('result');
    expect(r.track).toBe('photographie-scolaire');
    expect(r.positions).toEqual(['155']);
    expect(r.status).toBe('ouvrier-employe');
    expect(warningCodes(r)).not.toContain('track-changed');
    expect(cites(r.explanation, g2024.job('attache-commercial-debutant')!.source.quote, 'job')).toBe(true);
  });

  // Same sentence, stricter than the first: « Ne sont concernés par cette filière que … » excludes
  // an employee whose main function is neither sales nor pictures, and says nothing of where he
  // goes: not applicable.
  it('Attaché commercial 1er niveau whose main function is something else: not applicable', () => {
    const r = classify(g2024, { jobId: 'attache-commercial-1', mainFunction: 'autre' }, { at: '2025-01-01' });
    expect(r.outcome).toBe('not-applicable');
    expect(r.positions).toEqual([]);
    expect(cites(r.explanation, ruleQuote(g2024, TRACK_COMMERCIAL), 'track-ineligible')).toBe(true);
    expect(warningCodes(r)).toContain('not-applicable');
  });

  // Both sentences turn on the main function: for a job of the filière it is the first question.
  it('Attaché commercial 2e niveau, main function unknown: 195 for now, mainFunction asked first', () => {
    const r = classify(g2024, { jobId: 'attache-commercial-2' }, { at: '2025-01-01' });
    expect(r.positions).toEqual(['195']);
    expect(r.missing[0]?.fact).toBe('mainFunction');
    expect(cites(r.explanation, g2024.job('attache-commercial-2')!.source.quote, 'job')).toBe(true);
  });
});

describe('IDCC 3168, périodes maximales', () => {
  // « 155. Opérateur vendeur 1er niveau (période maximale de 6 mois) ». Counted from date to date:
  // since 2024-04-01 the position may be held through 2024-09-30; the due date is
  // 2024-04-01 + 6 months = 2024-10-01, and on that day the period is exceeded (6 months and 1 day).
  const OV1_2024 = '155. Opérateur vendeur 1er niveau (période maximale de 6 mois)';

  it('since 2024-04-01, on 2024-09-30 (last day of the 6 months): no warning', () => {
    const r = classify(g2024, { jobId: 'operateur-vendeur-1', positionSince: '2024-04-01' }, { at: '2024-09-30' });
    expect(r.positions).toEqual(['155']);
    expect(r.status).toBe('ouvrier-employe');
    expect(warningCodes(r)).not.toContain('entry-period-exceeded');
    expect(cites(r.explanation, OV1_2024, 'entry-period')).toBe(true);
    expect(ruleQuote(g2024, 'periode-maximale-operateur-vendeur-1')).toBe(OV1_2024);
  });

  it('since 2024-04-01, on 2024-10-01 (the due date, the day after the period): exceeded', () => {
    const r = classify(g2024, { jobId: 'operateur-vendeur-1', positionSince: '2024-04-01' }, { at: '2024-10-01' });
    expect(r.positions).toEqual(['155']);
    const w = r.warnings.find((x) => x.code === 'entry-period-exceeded');
    expect(w?.dueDate).toBe('2024-10-01');
  });

  it('since 2024-04-01, on 2024-10-02: exceeded, due 2024-10-01, citing the text', () => {
    const r = classify(g2024, { jobId: 'operateur-vendeur-1', positionSince: '2024-04-01' }, { at: '2024-10-02' });
    expect(r.outcome).toBe('result');
    expect(r.positions).toEqual(['155']);
    expect(r.status).toBe('ouvrier-employe');
    const w = r.warnings.find((x) => x.code === 'entry-period-exceeded');
    expect(w).toBeDefined();
    expect(w!.dueDate).toBe('2024-10-01');
    expect(w!.source?.quote).toBe(OV1_2024);
    expect(cites(r.explanation, OV1_2024, 'entry-period')).toBe(true);
  });

  // What to do next: the next level of the same job, « 165. Opérateur vendeur 2e niveau » (its
  // card follows « Mêmes fonctions que précédent »), due from the due date.
  it('says which position is due after the maximum period, and from when', () => {
    const r = classify(g2024, { jobId: 'operateur-vendeur-1', positionSince: '2024-04-01' }, { at: '2024-10-02' });
    const w = r.warnings.find((x) => x.code === 'entry-period-exceeded')!;
    expect(w.next).toEqual({ position: '165', job: { id: 'operateur-vendeur-2', title: 'Opérateur vendeur 2e niveau' } });
    expect(w.params).toEqual({ position: '155', since: '2024-04-01', dueDate: '2024-10-01', next: { position: '165', jobTitle: 'Opérateur vendeur 2e niveau' } });
    expect(warningText(w)).toContain('la position 165 (Opérateur vendeur 2e niveau) lui est due depuis cette date');
    expect(warningText(w)).toContain('01/10/2024');
  });

  // 2009: « 155. Opérateur vendeur 1er niveau (période maximale 3 ans) »: since 2010-09-01 the due
  // date is 2013-09-01; on 2012-01-01 nothing is due.
  it('2009 grid: since 2010-09-01, on 2012-01-01, within the 3 years', () => {
    const r = classify(g2009, { jobId: 'operateur-vendeur-1', positionSince: '2010-09-01' }, { at: '2012-01-01' });
    expect(r.grid.id).toBe('3168-2009');
    expect(r.positions).toEqual(['155']);
    expect(r.status).toBe('ouvrier-employe');
    expect(warningCodes(r)).not.toContain('entry-period-exceeded');
    expect(cites(r.explanation, '155. Opérateur vendeur 1er niveau (période maximale 3 ans)', 'entry-period')).toBe(true);
  });

  // Same 2009 text: on 2013-09-01, 3 years after 2010-09-01, the period is over.
  it('2009 grid: since 2010-09-01, on 2013-09-01: exceeded, due 2013-09-01', () => {
    const r = classify(g2009, { jobId: 'operateur-vendeur-1', positionSince: '2010-09-01' }, { at: '2013-09-01' });
    expect(r.warnings.find((x) => x.code === 'entry-period-exceeded')?.dueDate).toBe('2013-09-01');
  });

  // « 155. Assistant 1er niveau (période maximale de 6 mois) » (2024) — the 2009 line
  // « 155. Assistant 1er niveau » had no maximum period.
  it('Assistant 1er niveau: 6 months in 2024, no limit in 2009', () => {
    const r24 = classify(g2024, { jobId: 'assistant-1', diploma: 'none', positionSince: '2024-04-01' }, { at: '2024-12-01' });
    expect(r24.warnings.find((x) => x.code === 'entry-period-exceeded')?.dueDate).toBe('2024-10-01');
    expect(cites(r24.explanation, '155. Assistant 1er niveau (période maximale de 6 mois)', 'entry-period')).toBe(true);
    const r09 = classify(g2009, { jobId: 'assistant-1', diploma: 'none', positionSince: '2015-01-01' }, { at: '2020-01-01' });
    expect(r09.positions).toEqual(['155']);
    expect(codes(r09)).not.toContain('entry-period');
    expect(warningCodes(r09)).not.toContain('entry-period-exceeded');
  });
});

describe('IDCC 3168, faits manquants ou faux', () => {
  // Every coefficient of the grid is given by a benchmark job (« NNN. intitulé »): without a job
  // nothing can be said, and the job is the first question.
  it('no job: outcome unknown, the job is asked first', () => {
    const r = classify(g2024, {}, { at: '2025-01-01' });
    expect(r.outcome).toBe('unknown');
    expect(r.missing[0]?.fact).toBe('jobId');
    expect(cites(r.explanation, g2024.source.quote, 'grid')).toBe(true);
  });

  it('an unknown job is refused with a French message', () => {
    expect(() => classify(g2024, { jobId: 'photographe-de-plateau' }, { at: '2025-01-01' })).toThrow(/inconnu.*photographe-de-plateau/);
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
