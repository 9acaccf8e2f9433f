/**
 * No card fits at all (issue 11: "never a lower card with certainty"). A text about a job the grid
 * never speaks of — most of its words unknown to the jobs' texts and to the learned examples — and
 * whose best card is not a strong match is uncertain, and `searchGrid` answers with the range the
 * grid's criteria allow, or declines toward the questionnaire; a description of a job the grid
 * has stays certain (src/match/describe.ts, `fitsNoCard`; docs/matching.md « No card fits at all »).
 */
import { describe, expect, it } from 'vitest';
import { loadCatalogue } from '../src/grids/catalogue.js';
import { matchDescription } from '../src/match/describe.js';
import { aboveItsCard, searchGrid } from '../src/match/grid-search.js';
import { WEIGHTS } from '../src/match/score-weights.js';

const catalogue = loadCatalogue();
const gridOf = (idcc: string) => catalogue.convention(idcc)!.gridAt('2025-06-01')!;

describe('a job no card describes', () => {
  it('2198: an occupational nurse gets the criteria range, not the logistics agent (A) with certainty', () => {
    // eval/criteria-only/others-dev-nocard.yaml 2198-8506: the grid has no health job. Its one trade
    // word shared with a card ("manutentions") drew « Agent logistique polyvalent », catégorie A, at
    // a confidence of 0.95, not uncertain. The criteria allow D to F (diplôme d'État, bac+3).
    const text =
      "L'infirmière de santé au travail du site logistique assure les soins d'urgence, les entretiens infirmiers, le suivi des salariés exposés aux manutentions et participe aux actions de prévention avec le service HSE. Diplôme d'État d'infirmier.";
    const grid = gridOf('2198');
    const answer = searchGrid(grid, text, { limit: 3 });
    expect(answer.uncertain).toBe(true);
    const reading = answer.withoutCard!;
    expect(reading).toBeDefined();
    // The criteria range (here D to F, which is the expected one), or a refusal that sends to the questionnaire.
    if (reading.positions.length > 0) {
      expect(reading.positions).toEqual(['D', 'E', 'F']);
      expect(reading.message).toMatch(/^Aucun emploi-repère de la grille ne décrit ce poste avec certitude/);
    }
    expect(reading.message).toContain('questionnaire');
    // Why: the job asks a diploma of higher education (« Diplôme d'État ») and the card is of the
    // lowest part of its track (src/match/grid-search.ts `aboveItsCard`). The words the grid never
    // speaks of (infirmière, santé, urgence, prévention, HSE…) were a fifth of the text until the
    // learned examples of session 7 (others-train3: dental practices, « soins ») made some of them
    // known: 0.18, under the foreign-words rule's 0.2 — that rule alone no longer catches it.
    const first = matchDescription(grid, text)[0]!;
    expect(first.job.title).toBe('Agent logistique polyvalent');
    expect(first.level.description.higherEducation).toBe(true);
    expect(aboveItsCard(first.level)).toBe(true);
  });

  it('2198: a company pilot is not the logistics agent with certainty', () => {
    // eval/criteria-only/dev-nocard.yaml 2198-9005: « prépare les plans de vol » drew the lexicon's
    // « préparateur » (Agent logistique polyvalent, A, 0.96); the criteria allow E to F.
    const text =
      "Pilote d'avion de la société : le pilote assure les vols d'affaires de la direction, prépare les plans de vol, vérifie l'appareil avant chaque départ et tient à jour ses qualifications de vol.";
    const answer = searchGrid(gridOf('2198'), text, { limit: 3 });
    expect(answer.uncertain).toBe(true);
    expect(answer.withoutCard).toBeDefined();
    expect(answer.withoutCard!.message).toContain('questionnaire');
  });

  it('2198: a social worker with a diplôme d\'État is not the administrative assistant (B) with certainty', () => {
    // eval/criteria-only/dev-nocard.yaml 2198-9009 (0.86, not uncertain, before): « assistante » is the
    // lexicon's and the title's word of Assistant (e) administratif, and the text's other words are
    // known to the grid, so the foreign-words rule cannot see it; a diploma of higher education the
    // job asks now votes for seniority (grids/french.yaml), and a text well above its card is uncertain.
    const text =
      "Bonjour, nous recrutons une assistante sociale du travail à mi-temps pour accompagner nos salariés en difficulté (logement, surendettement, santé). Diplôme d'État d'assistant de service social. Merci de me dire à quelle catégorie la classer.";
    const answer = searchGrid(gridOf('2198'), text, { limit: 3 });
    expect(answer.uncertain).toBe(true);
    expect(answer.withoutCard).toBeDefined();
  });

  it('2198: a cadre heading the general services is not the administrative assistant (B) with certainty', () => {
    // eval/criteria-only/others-dev11-nocard.yaml 2198-6255 (« Chef des services généraux : cadre chargé
    // de… », expected F–G) went to « Assistant (e) administratif », B, at 0.95, not uncertain: the text
    // says the job is a cadre heading a service, which now votes for seniority (grids/french.yaml).
    const grid = gridOf('2198');
    const head =
      "Chef des services généraux : - cadre chargé de la gestion de l'économat, du courrier, des liaisons interservices et postales, du nettoyage, de la maintenance du matériel administratif.";
    const answer = searchGrid(grid, head, { limit: 3 });
    expect(answer.uncertain).toBe(true);
    expect(answer.withoutCard).toBeDefined();
    // The head of service named as the boss is someone else: the assistant stays certain.
    const assistant = searchGrid(
      grid,
      "Assistante administrative : accueille les visiteurs, tient le standard, trie le courrier et classe les dossiers sous l'autorité du chef de service.",
      { limit: 3 },
    );
    expect(assistant.results[0]!.job.title).toBe('Assistant (e) administratif');
    expect(assistant.uncertain).toBe(false);
  });

  it('a description of a job the grid has stays certain, its words known to the grid', () => {
    const text =
      "Préparateur de commandes en entrepôt : prélève les articles au scanner, emballe les colis et charge les camions. Travaille sous le contrôle du chef d'équipe, CACES 1.";
    const grid = gridOf('2198');
    const first = matchDescription(grid, text)[0]!;
    expect(first.job.title).toBe('Agent logistique polyvalent');
    expect(first.foreign).toBeLessThan(WEIGHTS.uncertain.foreign.share);
    const answer = searchGrid(grid, text, { limit: 3 });
    expect(answer.uncertain).toBe(false);
    expect(answer.withoutCard).toBeUndefined();
    expect(answer.results[0]!.confidence).toBeGreaterThanOrEqual(0.9);
  });

  it('1431: a description in the trade\'s words stays a card answer, not read as a job without a card', () => {
    const text =
      "Monteur en atelier : montage des verres sur les montures (meuleuse automatique, percé, nylor), contrôle des équipements au frontofocomètre, petites réparations. Travaille selon les consignes de l'opticien, deux ans d'expérience.";
    const answer = searchGrid(gridOf('1431'), text, { limit: 3 });
    expect(answer.results[0]!.job.title).toBe('Monteur 2');
    // Not read as a job without a card: its words are the grid's (no « foreign » share), its score
    // strong. Right about 9 times in 10 (0.896), it is still shown « à vérifier » since a description
    // is certain from 0.9 only (docs/matching.md, « Certain means 0.9 »), with the criteria read.
    const first = matchDescription(gridOf('1431'), text)[0]!;
    expect(first.foreign).toBeLessThan(WEIGHTS.uncertain.foreign.share);
    expect(answer.results[0]!.confidence).toBeGreaterThan(0.85);
  });
});
