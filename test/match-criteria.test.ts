/**
 * A job without an emploi-repère: the grid's criteria read in the text give a range of positions,
 * each criterion cited with its definition and the lines it rests on; a text that says too little
 * of them is declined with a message that sends the user to the questionnaire. And the
 * confidence: a calibrated probability, non-decreasing in the lead of the first answer.
 */
import { describe, expect, it } from 'vitest';
import { searchGrid } from '../src/match/grid-search.js';
import { loadCatalogue } from '../src/grids/catalogue.js';
import { calibrated, calibrationOf, fitIsotonic } from '../src/match/calibration.js';
import { readCriteria } from '../src/match/criteria-reading.js';
import { matchDescription } from '../src/match/describe.js';

const catalogue = loadCatalogue();
const gridOf = (idcc: string) => catalogue.convention(idcc)!.gridAt('2025-06-01')!;

describe('criteria of a job without a card', () => {
  it('2198: a senior post with no card reads the criteria into a range of catégories, citing the avenant', () => {
    // A CSR manager: no emploi-repère of the accord describes the post.
    const text = [
      'Responsable RSE et développement durable, rattaché à la direction générale.',
      "Définit la politique environnementale de l'entreprise et la déploie auprès des équipes, en toute autonomie.",
      'Conduit des projets transverses touchant plusieurs domaines et mesure l’empreinte carbone.',
      'Bac+5 requis.',
    ].join('\n');
    const grid = gridOf('2198');
    const answer = searchGrid(grid, text, { limit: 3 });
    expect(answer.uncertain).toBe(true);
    const reading = answer.withoutCard!;
    expect(reading.positions.length).toBeGreaterThan(0);
    expect(reading.positions.every((p) => /^[A-H]$/.test(p))).toBe(true);
    expect(reading.criteria.length).toBeGreaterThanOrEqual(2);
    for (const c of reading.criteria) {
      expect(grid.criteria.map((x) => x.id)).toContain(c.criterion);
      expect(c.definition.length).toBeGreaterThan(0);
      expect(c.source.doc).toBe('avenant-2011');
      expect(c.evidence.every((line) => text.includes(line))).toBe(true);
      expect(reading.positions).toContain(c.position);
    }
    expect(reading.message).toMatch(/^Aucun emploi-repère de la grille ne décrit ce poste avec certitude/);
    expect(reading.message).toContain('questionnaire');
  });

  it('1431: a head-office post reads initiative, expertise and responsabilité in the collaborateurs track', () => {
    const text = [
      'Responsable qualité du réseau : il écrit les procédures qualité des magasins et contrôle leur application.',
      "Il a une large délégation et décide seul dans le cadre des objectifs et du budget que la direction lui fixe ; il rend compte de ses résultats au directeur général.",
      'Connaissances techniques larges et reconnues dans son domaine, il se tient en veille sur les meilleures pratiques.',
      "Il répond de l'atteinte des objectifs qualité et du développement professionnel de ses deux collaborateurs.",
    ].join('\n');
    const grid = gridOf('1431');
    const reading = readCriteria(grid, text, 'collaborateurs')!;
    expect(reading.criteria.map((c) => c.criterion).sort()).toEqual(['expertise', 'initiative', 'responsabilite']);
    expect(reading.positions.length).toBeGreaterThan(0);
    expect(reading.positions.every((p) => /^3\.\d$/.test(p))).toBe(true);
    for (const c of reading.criteria) {
      expect(c.asks.length).toBeGreaterThan(0);
      expect(c.source.doc).toBeTruthy();
    }
  });

  it('declines in French, sending the user to the questionnaire, when the text says too little of the criteria', () => {
    const reading = readCriteria(gridOf('2198'), 'Poste polyvalent. Horaires variables.')!;
    expect(reading.positions).toEqual([]);
    expect(reading.message).toMatch(/trop peu sur les critères classants \(autonomie, activité, responsabilité, connaissances requises/);
    expect(reading.message).toContain('Répondez au questionnaire');
  });

  it('3168 has no criteria: the closest jobs, and no criteria reading', () => {
    const grid = gridOf('3168');
    expect(readCriteria(grid, 'Responsable RSE du groupe, définit la politique environnementale.')).toBeUndefined();
    expect(searchGrid(grid, 'Responsable RSE du groupe, définit la politique environnementale et la déploie.').withoutCard).toBeUndefined();
  });
});

describe('calibrated confidence', () => {
  it('the isotonic fit is non-decreasing and smoothed, whatever the order of the answers', () => {
    const answers = [0.9, 0.1, 0.5, 0.3, 0.7, 0.2, 0.8, 0.05].map((raw, i) => ({ raw, right: i % 3 !== 1 }));
    const points = fitIsotonic(answers);
    for (let i = 1; i < points.length; i++) {
      expect(points[i]![0]).toBeGreaterThanOrEqual(points[i - 1]![0]);
      expect(points[i]![1]).toBeGreaterThanOrEqual(points[i - 1]![1]);
    }
    // Eight answers all right do not promise certainty.
    expect(fitIsotonic(answers.map((a) => ({ ...a, right: true })))[0]![1]).toBeLessThan(1);
  });

  it('the fitted maps rise with the lead of the first answer, and stay within 0–1', () => {
    for (const mode of ['title', 'description'] as const) {
      const c = calibrationOf(mode);
      let previous = 0;
      for (let lead = 0; lead <= 1.5; lead += 0.01) {
        const p = calibrated(c, lead);
        expect(p).toBeGreaterThanOrEqual(previous);
        expect(p).toBeLessThanOrEqual(1);
        previous = p;
      }
      expect(c.uncertainBelow).toBeGreaterThan(0);
    }
  });

  it('an answer is uncertain below the threshold chosen on data, and confidences sum to at most 1', () => {
    const grid = gridOf('2198');
    const threshold = calibrationOf('description').uncertainBelow;
    for (const text of ['Gère des choses dans un bureau, un peu de tout.', "Préparateur de commandes en entrepôt : prélève les articles au scanner, emballe les colis, charge les camions. Travaille sous le contrôle du chef d'équipe."]) {
      const matches = matchDescription(grid, text);
      expect(matches[0]!.uncertain).toBe(matches[0]!.confidence < threshold || matches[0]!.score < 0.2);
      expect(matches.reduce((s, m) => s + m.confidence, 0)).toBeLessThanOrEqual(1.01);
    }
  });
});
