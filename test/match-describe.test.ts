/**
 * The free-text description matcher (src/match/describe.ts, cues.ts, text-facts.ts) and the
 * branch lexicons.
 *
 * The last part runs 70 descriptions written for this file (job ads, fiches de poste, owners'
 * notes), none taken from eval/: they were kept out of the tuning of the weights, to see whether
 * what was tuned on eval/dev.yaml holds on other texts. Each case must find its job among the
 * first three; the first answer must be right for each case not listed in KNOWN_MISSES, and for
 * 90 % of them at least.
 */
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCatalogue, PACKAGE_ROOT } from '../src/grids/catalogue.js';
import { cuesOf, levelCues as readLevel, maskBoilerplate, maskNegations, maskOthers as maskOthersWith, maskTeamList as maskTeamListWith, presentTense } from '../src/match/cues.js';
import { calibrate, matchDescription, scoreJobs } from '../src/match/describe.js';
import { lexiconTerms } from '../src/match/branch-lexicon.js';
import { jobLines } from '../src/match/job-texts.js';
import { stems } from '../src/match/term-vectors.js';
import { readFacts } from '../src/match/text-facts.js';
import { headingOf, otherNamesOf } from '../src/match/heading.js';
import { searchGrid } from '../src/match/grid-search.js';
import { readTerms } from '../src/match/description-query.js';
import { foldAccents, normalizeText, stem } from '../src/text/normalize.js';

const catalogue = loadCatalogue();
const gridOf = (idcc: string) => catalogue.convention(idcc)!.gridAt('2025-06-01')!;
// The cues' words are the catalogue's (grids/french.yaml and every branch's people): the same for every grid.
const cues = cuesOf(gridOf('1431').lexicon);
const levelCues = (text: string, year?: number) => readLevel(text, cues, year);
const maskOthers = (text: string) => maskOthersWith(text, cues);
const maskTeamList = (text: string) => maskTeamListWith(text, cues);
const mask = (s: string) => maskNegations(foldAccents(s)).replace(/\s+/g, ' ').trim();
const firstTitles = (idcc: string, text: string, n = 3) => matchDescription(gridOf(idcc), text, { limit: n }).map((m) => m.job.title);

describe('maskNegations', () => {
  it('blanks what a sentence denies, and only that', () => {
    expect(mask('Profil : non diplômé opticien, solide expérience')).toBe('profil : non , solide experience');
    expect(mask('monteur expérimenté (pas de BTS OL)')).toBe('monteur experimente (pas )');
    expect(mask("il n'encadre personne et il ne fait pas les conversions")).not.toMatch(/encadre|conversions/);
    expect(mask('Julie ne prépare plus de colis : elle suit les stocks')).toBe('julie ne plus : elle suit les stocks');
    expect(mask("pas d'examens de vue ni de lentilles pour l'instant")).not.toMatch(/examens|lentilles/);
    expect(mask('Réalise les photos d’identité à l’exception des autres prises de vue')).not.toMatch(/prises/);
  });

  it('reads the people of every trade whatever the grid: the words are the catalogue\'s', () => {
    expect(cuesOf(gridOf('3168').lexicon)).toBe(cues);
    expect(levelCues('Il encadre 3 préparateurs et 2 retoucheurs').managedStaff).toBe(3);
  });

  it('leaves "not only" alone', () => {
    expect(mask('il ne fait plus seulement de la vente')).toContain('vente');
    expect(mask('pas seulement la caisse')).toContain('caisse');
  });
});

describe('maskOthers and maskBoilerplate', () => {
  const others = (s: string) => maskOthers(maskNegations(foldAccents(s))).replace(/\s+/g, ' ').trim();
  it('replaces the people other than the employee, and what a relative clause says of them', () => {
    expect(others('Vous épaulez le directeur du magasin, qui reste responsable du point de vente')).toBe('vous epaulez le autrui');
    expect(others('Adjoint(e) au responsable de magasin')).toBe('adjoint(e) au autrui');
    expect(others('chaque montage est vérifié par l’opticien')).toBe("chaque montage est verifie par l'autrui");
    expect(others('mon opticienne gère les lentilles')).toContain('opticienne');
    expect(others('pilote les responsables de magasin')).toContain('responsables de magasin');
  });

  it("blanks a job ad's contract, pay, company and application", () => {
    const m = maskBoilerplate(foldAccents('Rejoignez notre équipe ! Grande enseigne (plus de 200 points de vente). CDI 35h. Salaire : SMIC + mutuelle.'));
    expect(m).not.toMatch(/equipe|points|cdi|35h|salaire|smic/);
    expect(maskBoilerplate('directeur regional - reseau de 12 magasins')).toContain('12 magasins');
  });
});

describe('levelCues', () => {
  it('reads beginners and managers', () => {
    expect(levelCues('Débutant accepté, formation assurée, sous le contrôle du responsable').seniority).toBeLessThan(-0.5);
    expect(levelCues('Vous encadrez une équipe de 8 personnes et gérez le budget').seniority).toBeGreaterThan(0.5);
    expect(levelCues('Technicien encadré par le chef d’atelier').seniority).toBeLessThan(0);
  });

  it("reads the beginner of other branches' definitions: less than a year, in training, not autonomous", () => {
    expect(levelCues("Employé ayant moins de 1 an de pratique professionnelle à ce poste, qui effectue sa formation au contact du personnel expérimenté").seniority).toBeLessThan(-0.5);
    expect(levelCues("Moins d'un an de pratique professionnelle.").seniority).toBeLessThan(-0.5);
    expect(levelCues('Non autonome, il effectue tous travaux de mise en rayon').seniority).toBeLessThan(-0.5);
    // Months of practice beyond a year are not a beginner's.
    expect(levelCues('Possède plus de 18 mois de pratique professionnelle').seniority).toBeGreaterThan(-0.5);
  });

  it("reads neither the status nor the role of the people the job serves or reports to, a pair of them included", () => {
    // Other branches' definitions name whom the job assists: "gérés par un agent de maîtrise ou
    // un cadre" is not the employee's status, "ou une directrice générale" not its role.
    expect(levelCues("Assistance à l'élaboration et suivi des dossiers gérés par un agent de maîtrise ou un cadre.").status).toBeUndefined();
    expect(levelCues('Statut : agent de maîtrise. Rattaché au responsable de magasin.').status).toBe('agent-de-maitrise');
    expect(maskOthers('assiste un directeur general ou une directrice generale de region')).not.toMatch(/direct/);
    expect(maskOthers("rattache au gerant ou a l'opticien")).not.toMatch(/gerant/);
    const { facts } = readFacts(gridOf('1431'), "Secrétaire de direction : Assiste un directeur général ou une directrice générale de région, d'établissement… dans les aspects administratifs.");
    expect(facts.role).not.toBe('cadre-dirigeant');
  });

  it('reads the people managed, as a number or as a list', () => {
    expect(levelCues('Vous managez 6 personnes').managedStaff).toBe(6);
    expect(levelCues('Équipe : 4 salariés permanents (3 vendeurs, 1 technicien)').managedStaff).toBe(4);
    expect(levelCues("Il a avec lui un apprenti et une vendeuse à mi-temps.").managedStaff).toBe(2);
    expect(levelCues("Il n'encadre personne.").managedStaff).toBeUndefined();
  });

  it('reads years, shops run and a stated status', () => {
    expect(levelCues("8 ans d'expérience minimum").years).toBe(8);
    expect(levelCues("BTS OL, environ 18 mois d'expérience").years).toBe(1.5);
    expect(levelCues('Lucas, 20 ans, bac STMG').years).toBeUndefined();
    expect(levelCues('Magasin indépendant, équipe de 4.').managedStaff).toBeUndefined();
    expect(levelCues('Je recrute un directeur pour mes 7 magasins').shops).toBe(7);
    expect(levelCues('Réseau de 14 magasins photo recherche technicien itinérant').shops).toBeUndefined();
    expect(levelCues('manage les 6 responsables de magasin').shops).toBeGreaterThanOrEqual(2);
    expect(levelCues('Chef de projet (statut cadre)').status).toBe('cadre');
    // "Non cadre" leaves employé and agent de maîtrise open
    expect(levelCues('Poste non cadre').status).toBe('non-cadre');
    expect(levelCues('Statut : employé').status).toBe('ouvrier-employe');
    expect(levelCues('Je souhaite le faire passer agent de maîtrise').status).toBe('agent-de-maitrise');
    expect(levelCues('dans le cadre de ses missions').status).toBeUndefined();
  });

  it('counts a dated start up to the year the text is read at', () => {
    expect(levelCues('Opticienne, diplômée en 2018, vente et atelier', 2024).years).toBe(6);
    expect(levelCues('Opticienne, diplômée en 2018, vente et atelier', 2020).years).toBe(2);
  });

  it('reads who recruits: the person, not the employer placing the ad', () => {
    const high = (t: string) => levelCues(t).found.some((f) => /recrut/.test(f));
    expect(high('Notre boutique recrute un vendeur en CDI')).toBe(false);
    expect(high('Nous avons recruté une jeune vendeuse en septembre')).toBe(false);
    expect(high('Elle recrute et forme ses vendeurs')).toBe(true);
    expect(high('Participe au recrutement de l’équipe')).toBe(true);
  });

  it('reads control by someone else, and "encadré(e) par" as being managed', () => {
    expect(levelCues('Vous êtes encadré(e) par la cheffe de rayon').seniority).toBeLessThanOrEqual(0);
    expect(levelCues('Il monte les verres ; le gérant, qui vérifie chaque paire, lui donne le travail').seniority).toBeLessThan(0);
    expect(levelCues("Elle prépare les commandes, c'est moi qui valide avant l'envoi").seniority).toBeLessThan(0);
    expect(levelCues('Un jeune monteur que nous venons de prendre').seniority).toBeLessThan(0);
  });

  it('reads a team listed beside the shop the person runs', () => {
    expect(levelCues('Paul tient la boutique avec une seule vendeuse le samedi').managedStaff).toBe(1);
    expect(levelCues('Vous tenez le magasin avec deux vendeurs en saison').managedStaff).toBe(2);
  });

  it('does not count a comparison as a team', () => {
    expect(levelCues('Il gère sa clientèle et fait tout ce que fait un technicien confirmé').managedStaff).toBeUndefined();
    expect(levelCues('Elle gère les retouches comme un retoucheur chevronné').managedStaff).toBeUndefined();
  });

  it('reads a first year as a beginner, and checking the work of others as coordinating', () => {
    expect(levelCues('Conseillère en 1re année, vente et caisse').seniority).toBeLessThan(0);
    expect(levelCues('Il organise et contrôle le travail des préparateurs').seniority).toBeGreaterThan(0);
  });

  it('reads through inclusive writing', () => {
    expect(levelCues('Vous êtes débutant·e, encadré·e par la cheffe de rayon').seniority).toBeLessThan(0);
    // Endings in parentheses too: « un(e) assistant(e) encadré(e) » is « un assistant encadré ».
    expect(levelCues('Un(e) assistant(e) encadré(e) par le chef').seniority).toBeLessThan(0);
  });
});

describe('maskOthers: colleagues and superiors named in other ways', () => {
  const others = (s: string) => maskOthers(foldAccents(s));
  it('replaces a colleague beside the person, a superior in apposition, an adjoint\'s superior', () => {
    expect(others('Vous travaillez aux côtés de notre référente atelier')).not.toMatch(/referente/);
    expect(others('Il rend compte à l’opticien gérant du magasin')).not.toMatch(/gerant/);
    expect(others('Elle est l’adjointe de notre directrice')).not.toMatch(/directrice/);
    expect(others('sous la responsabilité d’une autre opticienne')).not.toMatch(/opticienne/);
    expect(others('remontée des chiffres au resp. logistique')).not.toMatch(/resp\./);
  });
  it('takes a whole word for a person, not the start of one: « sous la responsabilité d’un vendeur » keeps « responsabilité »', () => {
    expect(others('Il vend sous la responsabilité d’un vendeur qualifié')).toMatch(/responsabilite/);
    expect(others('sous la responsabilité du directeur de magasin')).not.toMatch(/directeur/);
  });
  it('replaces whoever the employee works under, whatever the noun: « sous la responsabilité d’un vendeur qualifié »', () => {
    expect(others('Effectue des ventes sous la responsabilité d’un vendeur qualifié.')).not.toMatch(/qualifie/);
    expect(others('Sous l’autorité d’un ingénieur qualité, il contrôle les pièces.')).not.toMatch(/ingenieur/);
    expect(others('Sous l’autorité d’un ingénieur qualité, il contrôle les pièces.')).toMatch(/il controle les pieces/);
  });
  it('keeps the person when "de" only says whose job it is', () => {
    expect(others('Classification de notre directeur de magasin')).toMatch(/directeur/);
  });
});

describe('readFacts (1431: the cues its grid declares)', () => {
  const grid = gridOf('1431');
  const facts = (text: string) => readFacts(grid, text).facts;

  it('reads roles and referent domains written in inclusive writing, and a superior as someone else', () => {
    expect(facts('Opticien·ne diplômé·e, directeur·rice adjoint·e du magasin').role).toBe('directeur-adjoint');
    expect(facts('Opticien(ne) diplômé(e), directeur(rice) adjoint(e) du magasin').role).toBe('directeur-adjoint');
    expect(facts('Opticienne diplômée. Référent·e atelier et lentilles, sans encadrement.').referentDomains).toEqual(['atelier', 'contactologie']);
    expect(facts('Vendeuse non opticienne, elle rend compte à l’opticien gérant').role).not.toBe('directeur-magasin');
    expect(facts('Il est devenu l’adjoint de notre directeur de magasin').role).toBe('directeur-adjoint');
    expect(facts('Depuis janvier, Paul devient directeur : il tient la boutique de Rennes.').role).toBe('directeur-magasin');
  });

  it('reads "référent sur (absolument) tout" as every domain', () => {
    expect(facts('Opticien diplômé, 12 ans de métier, il est référent sur absolument tout ici.').referentDomains).toEqual(['atelier', 'examen-de-vue', 'contactologie']);
  });

  it('reads the diploma, and a denial of it before the diplomas of others', () => {
    expect(facts('Directeur de magasin, non opticien (l’équipe compte 3 opticiens diplômés)').diploma).toBe('none');
    expect(facts('Opticienne diplômée, BTS OL obtenu cette année').diploma).toBe('bts');
    expect(facts('Titulaire d’une licence professionnelle optique (ou BTS OL avec 2 ans)').diploma).toBe('licence');
    expect(facts('Assistant comptable, bac pro / BTS comptabilité').diploma).toBe('none');
  });

  it('reads years of practice, months included', () => {
    expect(facts('BTS OL, environ 18 mois d’expérience').yearsOfPractice).toBe(1.5);
    expect(facts('opticien diplômé depuis 10 ans').yearsOfPractice).toBe(10);
  });

  it('reads the referent domains and the pratiques avancées', () => {
    const f = facts('Opticienne référente atelier et contactologie, pratique régulière de la basse vision');
    expect(f.referentDomains).toEqual(['atelier', 'contactologie']);
    expect(f.advancedPractices).toEqual(['basse-vision']);
    expect(facts('Opticien BTS, vente et montage, pas de responsabilité de référent').referentDomains).toEqual([]);
  });

  it('reads a role, and leaves it unknown when management is said in other words', () => {
    expect(facts('Opticienne diplômée, adjointe de la directrice du magasin').role).toBe('directeur-adjoint');
    expect(facts('Directeur régional, réseau de 12 magasins').role).toBe('directeur');
    expect(facts('Opticien, vente et examens de vue').role).toBe('aucun');
    expect(facts('Opticien, il manage l’équipe et recrute').role).toBeUndefined();
  });

  it('reads referent domains where the person is said to be the reference, and roles of the person only', () => {
    expect(facts("Opticien, BTS depuis 4 ans. Il n'est référent de rien, c'est ma collègue qui fait la réfraction.").referentDomains).toEqual([]);
    expect(facts('Elle fait les examens de vue et les lentilles toute seule, c’est la référente là-dessus.').referentDomains).toEqual(['examen-de-vue', 'contactologie']);
    expect(facts('Adjoint(e) au responsable de magasin, profil commerce, non opticien').role).toBe('directeur-adjoint');
    expect(facts('Vendeuse rattachée au directeur de magasin').role).toBe('aucun');
    expect(facts('Jeune diplômée du BTS OL').yearsOfPractice).toBe(0);
  });

  it('reads a diploma said not to be required, and a bare BTS of another trade, as no diploma', () => {
    expect(facts('Responsable de boutique, le BTS OL n’est pas exigé, profil vente').diploma).toBe('none');
    expect(facts('Assistante RH : BTS + titre professionnel ressources humaines, gère la paie des magasins').diploma).toBe('none');
    expect(facts('Opticien, BTS + licence, 12 ans de métier').diploma).toBe('licence');
  });

  it('reads referent domains without the asides in parentheses, and "d’aucun" as a denial', () => {
    const f = facts('Opticienne (le centre a une cabine de réfraction et un atelier) : elle est la référente lentilles et examens de vue.');
    expect(f.referentDomains).toEqual(['examen-de-vue', 'contactologie']);
    expect(facts('Opticienne référente (atelier, lentilles)').referentDomains).toEqual(['atelier', 'contactologie']);
    expect(facts('Opticien depuis 5 ans, il fait de tout mais n’est référent d’aucun domaine').referentDomains).toEqual([]);
    expect(facts('Il tient seul l’atelier et les lentilles, en totale autonomie').referentDomains).toEqual(['atelier', 'contactologie']);
  });

  it('reads a role over a region, and a CODIR one answers to as not being a member of it', () => {
    expect(facts('Opticien, il dirige la zone Ouest et ses huit magasins').role).toBe('directeur');
    expect(facts('Directrice de secteur, présente ses résultats devant le comité de direction').role).toBe('directeur');
    expect(facts('Membre du comité de direction, elle pilote les achats').role).toBe('cadre-superieur');
  });

  it('reads a CQP of another trade named in quotes as no optician diploma, and a chef magasinier as no shop director', () => {
    expect(facts('Vendeur qualifié : il est titulaire d’un CQP « Vendeur, vendeuse qualifié(e) ».').diploma).toBe('none');
    expect(facts('Opticienne, CQP opticien spécialisé').diploma).toBe('cqp');
    expect(facts('Chef magasinier : organise et contrôle le travail des magasiniers.').role).not.toBe('directeur-magasin');
    expect(facts('Responsable magasinage et expéditions').role).not.toBe('directeur-magasin');
    expect(facts('Responsable de boutique, profil vente').role).toBe('directeur-magasin');
  });

  it('is not run for a fact a grid declares with other values', () => {
    expect(readFacts(gridOf('3168'), 'BTS OL, opticien diplômé').facts.diploma).toBeUndefined();
  });
});

describe('round 4 readers (future tense, "devant", team lists, site practices)', () => {
  const grid = gridOf('1431');
  const facts = (text: string) => readFacts(grid, text).facts;

  it('reads the future as the present, but not "caméra"', () => {
    expect(presentTense('elle dirigera les magasins et animera l\'equipe')).toBe('elle dirige les magasins et anime l\'equipe');
    expect(presentTense('une camera et un opera')).toBe('une camera et un opera');
    const c = levelCues('Le futur responsable de zone dirigera les 5 boutiques et bâtira leur budget.');
    expect(c.shops).toBe(5);
    expect(c.seniority).toBeGreaterThan(0.5);
  });

  it('reads whom one answers to after "devant"', () => {
    expect(maskOthers('elle rend des comptes devant le pdg')).toContain('autrui');
    expect(facts('Directrice régionale, elle rend des comptes devant le PDG chaque mois.').role).toBe('directeur');
  });

  it('reads a new recruit as a beginner, not the person who trains one, and "je recontrôle" as control', () => {
    expect(levelCues('Nouvelle recrue à la boutique, elle fait les encaissements.').seniority).toBeLessThan(0);
    expect(levelCues('Elle forme la nouvelle recrue.').found).not.toContain('nouvelle recrue');
    expect(levelCues('Il monte les verres, je recontrôle tout avant la livraison.').seniority).toBeLessThan(0);
  });

  it('does not read "non-conformités" as a denial', () => {
    expect(maskNegations('traite les non-conformites')).toContain('conformites');
  });

  it('leaves out the members of a team the person runs, listed in parentheses', () => {
    expect(maskTeamList("il encadre l'equipe du labo (tireurs, retoucheurs) au quotidien")).not.toContain('retoucheurs');
    expect(maskTeamList('il fait les retouches (peau, fonds)')).toContain('peau');
  });

  it('reads the site\'s practices apart from the person\'s (level G: "présents sur le site")', () => {
    const f = facts("Opticienne diplômée, 8 ans, référente sur l'atelier, l'examen de vue et les lentilles. Elle fait la basse vision et les lentilles sclérales. Le centre propose aussi un suivi des enfants, assuré par une collègue.");
    expect(f.advancedPractices).toEqual(['contactologie-avancee', 'basse-vision']);
    expect(f.practicedAdvancedPractices).toEqual(['enfant']);
    expect(facts('Opticien, 20 ans de métier : chez nous il est la référence sur tout.').referentDomains).toEqual(['atelier', 'examen-de-vue', 'contactologie']);
  });

  it('reads a shop named by its rank as a shop, and a title line as the role', () => {
    expect(facts("J'ai confié la direction de notre deuxième magasin à une opticienne diplômée.").role).toBe('directeur-magasin');
    expect(facts('Notre second magasin ouvre en mars ; elle y sera opticienne diplômée.').role).not.toBe('directeur-adjoint');
    expect(facts('Poste : Directrice\nOpticienne diplômée, elle décide seule pour la boutique.').role).toBe('directeur-magasin');
  });
});

describe('matchDescription', () => {
  it('answers with calibrated confidences and flags close or weak answers', () => {
    const sure = matchDescription(gridOf('3168'), 'Retoucheur junior : détourage sous Photoshop, repique des fichiers, envoi FTP, sous la responsabilité du chef retoucheur.');
    expect(sure[0]!.job.title).toBe('Retoucheur 1er niveau');
    expect(sure[0]!.uncertain).toBe(false);
    expect(sure.reduce((a, m) => a + m.confidence, 0)).toBeLessThanOrEqual(1.001);
    const weak = matchDescription(gridOf('3168'), 'Je cherche un boulanger pour le pain et les croissants.');
    expect(weak[0]!.uncertain).toBe(true);
    expect(matchDescription(gridOf('3168'), '  ')).toEqual([]);
  });

  it('lists a job the text repeats in two filières once', () => {
    const titles = firstTitles('3168', 'Directeur marketing : définit et met en œuvre la politique marketing, pilote les études de marché, dirige les chefs de produit.', 5);
    expect(titles.filter((t) => t === 'Directeur du marketing')).toHaveLength(1);
  });

  it('does not read a denied word as the job: "non opticien" is not the santé track', () => {
    const m = matchDescription(gridOf('1431'), 'Monteur expérimenté, non opticien : percés, nylors, SAV, maîtrise de la meuleuse.');
    expect(m[0]!.track).toMatch(/^collaborateurs/);
    expect(m[0]!.facts?.facts.diploma).toBe('none');
  });

  it('does not take a superior named in the text for the title of the job', () => {
    const titles = firstTitles('3168', "Sur la ligne de reliure, il règle et conduit deux machines sous l'œil du chef d'équipe, et signale les pannes.", 1);
    expect(titles[0]).not.toMatch(/Chef d/);
  });

  it('tells apart levels by the team size the texts give (3168: fewer than three / at least three)', () => {
    expect(firstTitles('3168', 'Responsable de boutique photo : il gère le magasin avec une vendeuse, je passe le voir chaque semaine.', 1)).toEqual(['Responsable magasin 1er échelon']);
    expect(firstTitles('3168', 'Responsable de boutique photo : il organise le travail de son équipe de 5 vendeurs, contrôle leur activité et gère le magasin sous mes directives.', 1)).toEqual(['Responsable magasin 2e échelon']);
  });

  it('gives the evidence lines and the level read', () => {
    const [m] = matchDescription(gridOf('2198'), 'Gestionnaire de paie : bulletins, DSN, absences, questions des salariés.', { limit: 1 });
    expect(m!.evidence.length).toBeGreaterThan(0);
    expect(m!.level.description.seniority).toBeGreaterThanOrEqual(-1);
  });

  it('exposes every signal of every job, for study', () => {
    const rows = scoreJobs(gridOf('2198'), 'Acheteur textile, négociation fournisseurs');
    expect(rows).toHaveLength(gridOf('2198').jobs.length);
    expect(Object.keys(rows[0]!.signals)).toContain('cosine');
  });

  it('calibrates as a softmax', () => {
    expect(calibrate([1, 1])).toEqual([0.5, 0.5]);
    expect(calibrate([])).toEqual([]);
  });
});

describe('learned examples (src/match/examples.ts)', () => {
  // Invented trade words, in no grid text: only the examples can tie them to a job.
  const tiny = [
    { id: 'x1', text: 'Toute la journée sur la zorglubeuse : passe les tirages au kromax et vérifie le zorglub.', job: 'Retoucheur 1er niveau' },
    { id: 'x2', text: 'Kromax et zorglub, rien d’autre, sous le contrôle du chef.', job: 'Retoucheur 1er niveau' },
    { id: 'x3', text: 'Elle vend les blistrons et encaisse les clients au comptoir.', job: 'Opérateur vendeur 1er niveau' },
  ];
  const grid = gridOf('3168');

  it('scores each job by the cosine of the description with its examples, 0 for jobs without', () => {
    const rows = scoreJobs(grid, 'Zorglub au kromax.', { examples: tiny });
    const retoucheur = rows.find((r) => r.job.title === 'Retoucheur 1er niveau')!;
    expect(retoucheur.signals.examples).toBeGreaterThan(0.3);
    expect(rows.filter((r) => r.signals.examples > 0).map((r) => r.job.title)).toEqual(['Retoucheur 1er niveau']);
    expect(scoreJobs(grid, 'Zorglub au kromax.', { examples: [] }).every((r) => r.signals.examples === 0)).toBe(true);
  });

  it('ranks a job by words only its examples know', () => {
    expect(firstTitles('3168', 'Zorglub au kromax.', 1)).not.toEqual(['Retoucheur 1er niveau']);
    expect(matchDescription(grid, 'Zorglub au kromax.', { examples: tiny, limit: 1 })[0]!.job.title).toBe('Retoucheur 1er niveau');
  });

  it('reads examples as descriptions: denied words teach nothing', () => {
    const denied = [{ id: 'x4', text: 'Ne fait pas de zorglub, jamais de kromax.', job: 'Opérateur vendeur 1er niveau' }];
    expect(scoreJobs(grid, 'zorglub kromax', { examples: denied }).every((r) => r.signals.examples === 0)).toBe(true);
  });

  it('learns from the tuning sets eval/training.json lists, for the grid in force at their date only', () => {
    expect(grid.examples.length).toBeGreaterThan(100);
    expect(catalogue.convention('3168')!.grid('3168-2009')!.examples).toEqual([]);
    const training = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'eval', 'training.json'), 'utf8')) as { sets: string[] };
    expect(training.sets.some((s) => ['test', 'fresh4'].includes(s))).toBe(false);
  });
});

describe('neighbouring levels of thin jobs (1431 santé)', () => {
  it('tells Opticien directeur de magasin 1 from 2 by the own text of their twins', () => {
    const two = 'Opticien diplômé, directeur du magasin principal de l’enseigne : il prend seul les décisions de son magasin, règle les dossiers complexes avec les services du siège et n’est évalué que sur ses objectifs.';
    const one = 'Opticienne diplômée à qui je confie la direction de ma boutique : équipe de 3, compte d’exploitation, et nous fixons ensemble les objectifs, dans le cadre des politiques du groupe.';
    expect(firstTitles('1431', two, 1)).toEqual(['Opticien directeur de magasin 2']);
    expect(firstTitles('1431', one, 1)).toEqual(['Opticien directeur de magasin 1']);
  });
});

describe('branch lexicons (grids/*/lexicon.yaml)', () => {
  it('3168: « personnel de vente », « employée de vente » are the shop sellers (others-dev9 3168-6238)', () => {
    const first = matchDescription(gridOf('3168'), 'Employée de vente en boutique photo, sans CAP.')[0]!;
    expect(first.job.title).toBe('Opérateur vendeur 1er niveau');
  });

  const folders = { '3168': '3168-photographie', '1431': '1431-optique-lunetterie', '2198': '2198-commerce-a-distance' } as const;

  for (const [idcc, folder] of Object.entries(folders)) {
    it(`${idcc}: every trade phrase reads as words, and adds words of the grid's texts`, () => {
      const grid = gridOf(idcc);
      const lexicon = parse(readFileSync(join(PACKAGE_ROOT, 'grids', folder, 'lexicon.yaml'), 'utf8')) as { entries: { when: string[]; add: string[] }[] };
      expect(grid.lexicon.entries.length).toBe(lexicon.entries.length);
      const texts = grid.jobs.flatMap((j) => [j.title, ...grid.jobDuties(j.id), j.mission ?? '', ...(j.activities ?? []), ...Object.values(j.criteria ?? {}).flat(), ...j.notes.map((n) => n.text)]);
      const extra = [...grid.positions.flatMap((p) => [...Object.values(p.criteria ?? {}).flat(), ...(p.conditions ?? [])]), ...grid.competences.flatMap((c) => [c.title, ...c.definition]), ...grid.tracks.map((t) => t.title)];
      const vocabulary = new Set([...texts, ...extra].flatMap(stems));
      for (const e of lexicon.entries) {
        for (const w of e.when) expect(stems(w), `« ${w} »`).not.toEqual([]);
        // A phrase of several words that shrinks to one stem (its other words are stop words:
        // "tous les salariés", "à la lettre", "sous-directeur") matches that word anywhere.
        for (const w of e.when) if (w.trim().split(/\s+/).length > 1) expect(stems(w).length, `« ${w} » keeps one word`).toBeGreaterThan(1);
        // Nor is a trade phrase read as a denial ("non-conformités" would be "non").
        for (const w of e.when) expect(stems(w), `« ${w} » reads as a denial`).toEqual(normalizeText(foldAccents(w)).map(stem));
        for (const a of e.add) expect(stems(a).some((t) => vocabulary.has(t)), `« ${a} » is not in the texts`).toBe(true);
      }
    });
  }

  it('matches whole phrases of the trade', () => {
    const grid = gridOf('3168');
    expect(lexiconTerms(grid, stems('tirages sur le minilab'))).toContain(stems('automatique')[0]);
    expect(lexiconTerms(grid, stems('photos de classe'))).toContain(stems('scolaire')[0]);
  });
});

/** Written for this file; never used to tune (see the header). */
const HELD_OUT: { id: string; idcc: string; job: string; text: string }[] = [
  { id: 'o3168-01', idcc: '3168', job: 'Opérateur vendeur 1er niveau',
    text: "Labo photo de quartier cherche vendeuse pour le comptoir : accueil, tirages sur la borne et le minilab, photos d'identité, encaissement, mise en rayon. Débutante acceptée, on vous forme." },
  { id: 'o3168-02', idcc: '3168', job: 'Opérateur vendeur 3e niveau',
    text: "Mon employé du magasin fait maintenant les devis pour les entreprises et va vendre nos prestations chez les clients. Il s'occupe de l'entretien de la tireuse Noritsu avec le technicien du fournisseur et il dépose la recette à la banque. Il connaît tous nos services." },
  { id: 'o3168-03', idcc: '3168', job: 'Attaché commercial 1er niveau',
    text: "Commercial terrain en photographie scolaire : démarche les écoles et les crèches de son secteur, prend les rendez-vous, rédige les bons de commande et livre les pochettes. Encadré par le chef des ventes, il fait parfois des photos de classe simples." },
  { id: 'o3168-04', idcc: '3168', job: 'Retoucheur 2e niveau',
    text: "Retoucheuse confirmée pour studio e-commerce : correction colorimétrique, calibration des écrans, gestion des profils ICC, retouche des défauts de prise de vue, préparation des tirages. Elle travaille sous la direction du chef retoucheur." },
  { id: 'o3168-05', idcc: '3168', job: 'Chef décorateur',
    text: "Chef décorateur (H/F) pour studio de prises de vue publicitaires : conception des décors selon le brief, métrés, achat des matériaux, planning de construction, encadrement des décorateurs en lien avec le chef de studio." },
  { id: 'o3168-06', idcc: '3168', job: 'Chauffeur-livreur. Magasinier cariste',
    text: "Chauffeur-livreur pour notre laboratoire : tournée de livraison des tirages chez les photographes clients avec le véhicule de la société, retour des commandes, rangement des colis au dépôt." },
  { id: 'o3168-07', idcc: '3168', job: 'Gestionnaire de stocks 1er niveau',
    text: "Gestionnaire de stock : saisie des entrées et sorties, mise à jour des prix dans le logiciel, inventaires tournants, statistiques de consommation du papier et des encres." },
  { id: 'o3168-08', idcc: '3168', job: 'Technicien de maintenance des systèmes informatiques',
    text: "Technicien informatique pour notre siège : installation et dépannage des PC, des imprimantes et des périphériques, gestion du parc informatique." },
  { id: 'o3168-09', idcc: '3168', job: 'Analyste programmeur',
    text: "Analyste-programmeur H/F : rédige les dossiers de programmation, code les évolutions de notre logiciel de commandes, écrit et valide les jeux de tests." },
  { id: 'o3168-10', idcc: '3168', job: 'Opérateur niveau 2',
    text: "Conducteur de ligne dans notre atelier de livres photo, 2 ans de maison : règle et fait tourner plusieurs machines de la zone reliure, forme les nouveaux à la machine sous le regard du chef d'équipe, remonte les problèmes." },
  { id: 'o3168-11', idcc: '3168', job: 'Chef d’équipe niveau 1',
    text: "Chef d'équipe de nuit en production : organise son équipe de 8 opérateurs selon la charge, veille aux consignes de sécurité et aux standards qualité, sait former sur tous les postes, remonte les incidents au superviseur." },
  { id: 'o3168-12', idcc: '3168', job: 'Chargé de clientèle débutant',
    text: "Conseiller client débutant pour notre site de tirages en ligne : répond aux demandes simples par mail et téléphone, traite les petits litiges, toujours avec la validation de son responsable." },
  { id: 'o3168-13', idcc: '3168', job: 'Responsable service clientèle',
    text: "Responsable du service client (statut cadre) : pilote l'ensemble du service, analyse les remontées des clients pour faire corriger les problèmes par la production et la logistique, garant de la satisfaction et de la fidélisation." },
  { id: 'o3168-14', idcc: '3168', job: 'Directeur administratif et financier',
    text: "Directrice administrative et financière : définit la politique financière, pilote la trésorerie, la comptabilité et les relations bancaires, supervise l'administration de l'entreprise." },
  { id: 'o3168-15', idcc: '3168', job: 'Photographe 1er niveau',
    text: "Photographe packshot junior dans notre studio e-commerce : photos simples de petits objets sur fond blanc avec un éclairage standard, sous l'autorité du chef de studio." },
  { id: 'o3168-16', idcc: '3168', job: 'Assistant 1er niveau',
    text: "Dans mon studio de portrait, mon assistante fait les photos d'identité et des portraits simples sans mise en scène, toujours sous mon contrôle." },
  { id: 'o1431-01', idcc: '1431', job: 'Vendeur 2',
    text: "Vendeuse en magasin d'optique depuis 5 ans, pas diplômée : conseil sur les montures, argumentaire, connaît bien les types de clients et fidélise sa clientèle. Point avec la directrice une fois par mois." },
  { id: 'o1431-02', idcc: '1431', job: 'Monteur 1',
    text: "Monteur en atelier centralisé, débutant, sans diplôme d'optique : taille les verres sur la meuleuse d'après les fiches, chaque équipement est contrôlé par le chef d'atelier." },
  { id: 'o1431-03', idcc: '1431', job: 'Opticien diplômé 1',
    text: "Opticienne diplômée, BTS OL obtenu en juin dernier, premier poste : vente, prises de mesures, délivrance des équipements." },
  { id: 'o1431-04', idcc: '1431', job: 'Opticien diplômé 2',
    text: "Opticien titulaire du BTS depuis 6 ans, il est le référent examens de vue et atelier du magasin, sans autre spécialité." },
  { id: 'o1431-05', idcc: '1431', job: 'Opticien diplômé 3',
    text: "Opticien diplômé, référent sur l'atelier, l'examen de vue et la contactologie ; il pratique en plus régulièrement la basse vision et la vision de l'enfant." },
  { id: 'o1431-06', idcc: '1431', job: 'Directeur de magasin 1',
    text: "Directeur de magasin d'optique (non opticien), statut cadre : management de 5 collaborateurs, suivi du compte d'exploitation, participe à la fixation de ses objectifs avec le réseau." },
  { id: 'o1431-07', idcc: '1431', job: 'Opticien directeur adjoint de magasin',
    text: "Opticienne diplômée, adjointe de la directrice du magasin : elle gère le planning et l'équipe en son absence, suit les objectifs, et fait les examens de vue et les lentilles." },
  { id: 'o1431-08', idcc: '1431', job: 'Employé des fonctions support',
    text: "Préparatrice de commandes à la plateforme logistique de l'enseigne : picking, emballage et expédition vers les magasins, selon les consignes." },
  { id: 'o1431-09', idcc: '1431', job: 'Cadre des fonctions support',
    text: "Responsable paie (cadre) au siège du groupe d'optique : supervise l'équipe paie, garantit les déclarations sociales et tient le budget du service." },
  { id: 'o1431-10', idcc: '1431', job: 'Monteur-vendeur débutant',
    text: "Monteur-vendeur non opticien, débutant dans le métier : quelques montages simples, accueil et vente, dossiers de tiers payant, objectifs mensuels." },
  { id: 'o1431-11', idcc: '1431', job: 'Cadre supérieur ou cadre dirigeant',
    text: "Directeur général salarié d'un groupement de magasins d'optique, il n'est pas opticien : il dirige l'ensemble du personnel, directeurs compris, avec la plus large autonomie." },
  { id: 'o1431-12', idcc: '1431', job: 'Opticien directeur de magasin 1',
    text: "Opticienne diplômée depuis 12 ans, responsable d'un magasin de l'enseigne : elle recrute et manage l'équipe de 6, suit le compte d'exploitation et définit le plan d'action commercial avec la direction régionale." },
  { id: 'o2198-01', idcc: '2198', job: 'Agent logistique polyvalent',
    text: "Préparateur de commandes en entrepôt e-commerce : picking au scanner, emballage des colis, chargement des camions, réception des palettes." },
  { id: 'o2198-02', idcc: '2198', job: 'Assistant (e) administratif',
    text: "Assistante administrative : accueil téléphonique, courrier, classement des dossiers, organisation des déplacements de l'équipe et mise à jour des plannings." },
  { id: 'o2198-03', idcc: '2198', job: 'Gestionnaire de paie',
    text: "Gestionnaire de paie : établit les bulletins de 150 salariés, DSN mensuelle, gère les absences et les arrêts maladie, répond aux questions des salariés." },
  { id: 'o2198-04', idcc: '2198', job: 'Acheteur',
    text: "Acheteur textile : sourcing des fournisseurs en Asie, négociation des prix et des délais, suivi des commandes et de la qualité, budget d'achat de sa famille de produits." },
  { id: 'o2198-05', idcc: '2198', job: 'Juriste',
    text: "Juriste droit de la consommation : rédige les CGV, assure la veille réglementaire, gère les litiges et les contrats avec les prestataires." },
  { id: 'o2198-06', idcc: '2198', job: 'Chargé (e) de qualité',
    text: "Chargée qualité produits : contrôle des échantillons et des lots à réception, cahiers des charges, tests de conformité aux normes, relation avec les laboratoires d'essais." },
  { id: 'o2198-07', idcc: '2198', job: 'Modéliste',
    text: "Modéliste : réalise les patronages et les gradations sur logiciel, suit les prototypes et les essayages, rédige les fiches techniques pour les façonniers." },
  { id: 'o2198-08', idcc: '2198', job: 'Social media manager',
    text: "Community manager : stratégie réseaux sociaux de la marque, création des posts Instagram et TikTok, animation de la communauté, reporting d'audience." },
  { id: 'o2198-09', idcc: '2198', job: 'Ingénieur R et D',
    text: "Ingénieur R&D produits : conception de nouveaux produits, prototypes, essais et tests en laboratoire, cahier des charges technique, dépôt de brevets." },
  { id: 'o2198-10', idcc: '2198', job: 'Chef de projet digital',
    text: "Chef de projet digital : pilote la refonte du site e-commerce et de l'application avec l'agence, planning, budget, recette, coordination des équipes marketing et IT." },
  { id: 'p3168-01', idcc: '3168', job: 'Adjoint au responsable des ventes',
    text: "Second de la boutique : en plus de la vente et du labo, il anime l'équipe quand la responsable n'est pas là, donne son avis sur les prix et les commandes aux fournisseurs, et la remplace pendant ses congés." },
  { id: 'p3168-02', idcc: '3168', job: 'Cadre administratif',
    text: "Responsable administratif (statut cadre) : supervise la comptabilité tenue avec le cabinet, gère la trésorerie et l'ordonnancement des paiements fournisseurs, s'occupe aussi de l'administration du personnel." },
  { id: 'p3168-03', idcc: '3168', job: 'Cadre de la production',
    text: "Responsable de fabrication (cadre) dans notre laboratoire de tirages en ligne : organise et dirige la production de son secteur, tient les plannings, la qualité et les coûts, optimise les moyens (charge, capacité, formation) et conduit les projets de l'atelier." },
  { id: 'p3168-04', idcc: '3168', job: 'Cadre informatique confirmé',
    text: "Responsable infrastructure (cadre) : garantit le maintien en condition opérationnelle du SI (serveurs, réseau), met en place la supervision, fait évoluer l'architecture technique et pilote les projets informatiques." },
  { id: 'p3168-05', idcc: '3168', job: 'Cadre technico-commercial',
    text: "Chef des ventes régional : a l'entière responsabilité de son secteur, dirige une équipe de 5 commerciaux, participe à leur recrutement et à leur formation, rend compte à la direction." },
  { id: 'p3168-06', idcc: '3168', job: 'Chargé de clientèle niveau 3',
    text: "Conseiller client expérimenté : mène des projets transverses (nouvelle FAQ, refonte des modèles de réponse), améliore la procédure de traitement des réclamations et intègre les nouveaux arrivants du service." },
  { id: 'p3168-07', idcc: '3168', job: 'Chargé de marketing débutant',
    text: "Chargé(e) de marketing junior : animation du site, mise en ligne des contenus, des prix et des promotions, envoi des newsletters, participation aux nouvelles fonctionnalités du site." },
  { id: 'p3168-08', idcc: '3168', job: 'Chef d’équipe niveau 2',
    text: "Cheffe d'équipe confirmée : en plus de l'organisation de son équipe, elle organise le soutien technique aux opérateurs, suit les indicateurs d'activité de l'équipe et participe aux plans d'amélioration." },
  { id: 'p3168-09', idcc: '3168', job: 'Directeur de production',
    text: "Directeur de production de notre usine de livres photo : dirige l'atelier dans sa totalité, gère les équipes, les approvisionnements et les expéditions, choisit les investissements et met en place les outils de suivi de production." },
  { id: 'p3168-10', idcc: '3168', job: 'Directeur des services informatiques',
    text: "DSI : définit le plan informatique de l'entreprise, choisit les matériels et leur mode de financement, dirige l'équipe études et exploitation." },
  { id: 'p3168-11', idcc: '3168', job: 'Directeur du studio',
    text: "Directeur du studio de prises de vue publicitaires : gère le personnel et l'activité du studio, le commercial et les devis, recrute, choisit les investissements matériels et répond du chiffre d'affaires." },
  { id: 'p3168-12', idcc: '3168', job: 'Directeur technique',
    text: "Directeur technique : responsable des services de production, il choisit les équipements et définit la politique de qualité et de maintenance." },
  { id: 'p3168-13', idcc: '3168', job: 'Gestionnaire de stocks 2e niveau',
    text: "Gestionnaire des approvisionnements : passe toutes les commandes aux fournisseurs en accord avec la direction et contrôle les factures." },
  { id: 'p3168-14', idcc: '3168', job: 'Responsable maintenance informatique',
    text: "Responsable de la maintenance informatique : maintient les systèmes d'exploitation des serveurs et des postes, propose des aménagements des systèmes en place." },
  { id: 'p3168-15', idcc: '3168', job: 'Superviseur atelier niveau 1',
    text: "Superviseur d'atelier : coordonne les différentes zones (impression, façonnage, expédition), gère les priorités, fait appliquer les règles de qualité et de sécurité, remplace les chefs d'équipe si besoin." },
  { id: 'p3168-16', idcc: '3168', job: 'Technicien niveau 2',
    text: "Technicien de maintenance confirmé : intervient sur plusieurs domaines (mécanique, électrique, pneumatique), diagnostique les pannes et propose une solution à son responsable, utilise la GMAO et cherche à limiter les pannes machines." },
  { id: 'p3168-17', idcc: '3168', job: 'Commercial',
    text: "Nous cherchons un commercial débutant pour démarcher les professionnels (photographes, agences) : il visite les clients sous le contrôle du directeur commercial." },
  { id: 'p3168-18', idcc: '3168', job: 'Directeur des stocks',
    text: "Directeur logistique : dirige le service des stocks et les magasiniers, 12 personnes en tout." },
  { id: 'p1431-01', idcc: '1431', job: 'Directeur de magasin 2',
    text: "Directeur de magasin (non opticien) de notre plus gros point de vente : décide seul de tout ce qui relève du magasin, règle des dossiers complexes avec le siège, expert du management, du social et de la sécurité, jugé sur des objectifs ambitieux." },
  { id: 'p1431-02', idcc: '1431', job: 'Technicien/Agent de maîtrise des fonctions support',
    text: "Gestionnaire de trésorerie au siège (agent de maîtrise, pas opticien) : suit les flux bancaires et les prévisions de trésorerie, gère la relation avec les banques et encadre une assistante." },
  { id: 'p1431-03', idcc: '1431', job: 'Employé des fonctions support',
    text: "Employée administrative au siège de l'enseigne : courrier, saisie des commandes fournisseurs, classement, selon les procédures du service." },
  { id: 'p1431-04', idcc: '1431', job: 'Vendeur 2',
    text: "Vendeuse conseil confirmée en magasin d'optique, sans diplôme d'opticien : argumentation, connaissance des profils de clients, fidélisation, même qualité de service quelle que soit la situation. Bilan mensuel avec le responsable." },
  { id: 'p1431-05', idcc: '1431', job: 'Opticien diplômé 2',
    text: "Opticien diplômé (BTS OL en 2022, 3 ans de métier), il fait les examens de vue et les adaptations de lentilles, c'est le référent du magasin pour les deux, et il suit aussi les patients atteints de DMLA avec l'ophtalmologiste." },
  { id: 'p2198-01', idcc: '2198', job: 'Assistant (e) métier',
    text: "Assistante marketing : prépare les reportings hebdomadaires, analyse les ventes, suit le planning et le budget des opérations, fait la veille concurrentielle et gère la relation avec les agences." },
  { id: 'p2198-02', idcc: '2198', job: 'Chef d\'équipe',
    text: "Chef d'équipe préparation en entrepôt : organise le planning de 15 préparateurs, intègre et forme les nouveaux, contrôle la productivité et la qualité, remonte les indicateurs au responsable." },
  { id: 'p2198-03', idcc: '2198', job: 'Directeur de département',
    text: "Directeur e-commerce (membre du comité de direction) : définit la stratégie digitale du groupe, pilote l'ensemble des équipes web, marketing et service client (60 personnes) et arbitre les budgets." },
  { id: 'p2198-04', idcc: '2198', job: 'Responsable de Business Unit',
    text: "Responsable de la BU maison : construit l'offre produits de la BU, pilote la création jusqu'à la vente, accompagne ses chefs de produit et ses managers dans leurs décisions." },
  { id: 'p2198-05', idcc: '2198', job: 'Web Designer',
    text: "Webdesigner : conçoit les maquettes des pages du site et de l'appli, les bannières et les visuels des campagnes, dans le respect de la charte graphique." },
  { id: 'p2198-06', idcc: '2198', job: 'Data Analyst',
    text: "Data analyst : collecte et fiabilise les données de ventes et de navigation, construit des modèles et des tableaux de bord Power BI, restitue des analyses pour aider la direction à décider." },
  { id: 'p2198-07', idcc: '2198', job: 'Responsable d\'exploitation',
    text: "Responsable d'entrepôt : planifie les besoins en personnel et en matériel, coordonne les chefs d'équipe, pilote les flux de la réception aux expéditions et suit les indicateurs de qualité de service." },
  { id: 'p2198-08', idcc: '2198', job: 'Conseiller (e) commercial',
    text: "Téléconseillère en vente B2B : appelle les clients professionnels de son portefeuille, présente les offres du moment, négocie et prend les commandes, relance les devis." },
  { id: 'p2198-09', idcc: '2198', job: 'Technicien (ne) de maintenance',
    text: "Technicien de maintenance sur notre plateforme logistique : maintenance préventive et curative des convoyeurs et des trieurs, diagnostic des pannes, suivi des sous-traitants, historique des interventions." },
];

/**
 * Misses at the first answer, kept as they are: the matcher is not tuned on these cases. Each is
 * still found among the first three. o1431-08 (a warehouse order picker of an optical chain) went
 * one level up, to Technicien/Agent de maîtrise des fonctions support, when the learned signal
 * came to weigh 0.8; the four misses before it (o3168-03, o1431-02, o1431-12, p2198-02) are now
 * right and held to it.
 */
const KNOWN_MISSES = new Set(['o1431-08']);

describe('held-out descriptions', () => {
  const key = (t: string) => foldAccents(t).replace(/[^a-z0-9]+/g, ' ').trim();
  const same = (expected: string, title: string) => {
    const wanted = new Set([expected, ...expected.split('. ')].map(key));
    return wanted.has(key(title)) || wanted.has(key(title.split('/')[0]!));
  };
  let right = 0;

  for (const c of HELD_OUT) {
    it(`${c.id}: ${c.job}`, () => {
      const titles = firstTitles(c.idcc, c.text);
      expect(titles.some((t) => same(c.job, t)), titles.join(' | ')).toBe(true);
      if (same(c.job, titles[0]!)) right++;
      if (!KNOWN_MISSES.has(c.id)) expect(titles[0], titles.join(' | ')).toSatisfy((t: string) => same(c.job, t));
    });
  }

  it('gets at least 90 % right at the first answer', () => {
    expect(right / HELD_OUT.length).toBeGreaterThanOrEqual(0.9);
  });
});

describe('headingOf', () => {
  it('reads the title a label introduces, « Emploi-repère : » of a branch classification included', () => {
    expect(headingOf('Intitulé du poste : Chef de rayon\nMissions : …')).toBe('chef de rayon');
    expect(headingOf('Emploi-repère : magasinier de point de vente Définition générale : Réceptionner, entreposer…')).toBe('magasinier de point de vente');
    expect(headingOf('Emploi repère : vendeur Définition générale : Argumente')).toBe('vendeur');
    // A branch's fiche métier on one line: « Intitulé de l'emploi : … Autres appellations de l'emploi : … » (others-dev9).
    expect(headingOf("Intitulé de l'emploi : chef d'équipe Autres appellations de l'emploi : chef d'atelier. Mission Le chef d'équipe…")).toBe("chef d'equipe");
    expect(headingOf('Intitulé de l’emploi : aide-comptable Autre appellation de l’emploi : employé de comptabilité. Mission …')).toBe('aide-comptable');
    expect(otherNamesOf("Intitulé de l'emploi : responsable d'exploitation Autres appellations de l'emploi : directeur de production, directeur des opérations. Mission Le…")).toEqual(['directeur de production', 'directeur des operations']);
    expect(otherNamesOf('Chef de rayon : anime le rayon.')).toEqual([]);
  });

  it('reads the other names of a fiche métier when its heading names no job of the grid (others-dev9 3168-6204)', () => {
    const text =
      "Intitulé de l'emploi : responsable d'exploitation Autres appellations de l'emploi : directeur de production, directeur des opérations. Mission Le responsable d'exploitation organise la production du site et dirige les équipes de tri.";
    const named = scoreJobs(gridOf('3168'), text, { at: '2025-06-01' }).filter((x) => x.signals.heading > 0);
    expect(named.map((x) => x.job.title)).toEqual(['Directeur de production']);
  });
});

describe('readTerms', () => {
  it('leaves the people the job reports to out of what it does', () => {
    // Other branches' definitions name the superior: "sous l'autorité d'un chef comptable" does not
    // make the text a chef comptable's (the cosine drew 3168's Chef comptable by its "chef").
    const { tf } = readTerms(gridOf('3168'), "Comptable : exerce ses fonctions sous l'autorité d'un chef comptable ; passe les écritures et établit les états comptables demandés par le chef comptable.");
    expect(tf.has(stem('chef'))).toBe(false);
    expect(tf.has(stem('ecritures'))).toBe(true);
    expect(tf.has(stem('comptable'))).toBe(true);
  });
});

describe('fourth pass (session 7): kinds of other branches\' definitions', () => {
  it('reads a diploma named by another field as no opticien diploma (1431)', () => {
    const facts = (text: string) => readFacts(gridOf('1431'), text).facts;
    expect(facts('Secrétaire de direction : titulaire d’un diplôme de secrétariat, assure le courrier du directeur.').diploma).toBe('none');
    expect(facts('Comptable : titulaire d’un diplôme en comptabilité, tient les livres.').diploma).toBe('none');
    expect(facts('Titulaire d’un diplôme d’opticien, il réalise les examens de vue.').diploma).toBe('bts');
    expect(facts('Titulaire du BTS, elle conseille les clients.').diploma).toBe('bts');
  });

  it('places a secretary among the support functions, not with the director she works for (1431)', () => {
    expect(firstTitles('1431', 'Secrétaire de direction : travaille avec un directeur, rédige ses courriers et ses notes, prend des initiatives en son absence.')[0]).toMatch(/fonctions support/);
    expect(firstTitles('1431', 'Secrétaire de direction : expérimentée, assure le secrétariat et le courrier du président, prend des responsabilités en son absence.')[0]).toMatch(/fonctions support/);
  });

  it('places the director of one function among the support functions, not at the head of a shop (1431)', () => {
    const support = /fonctions support|^Directeur$/;
    expect(firstTitles('1431', 'Directeur financier : définit la politique financière du groupe, encadre le service comptable et présente les budgets à la direction générale.')[0]).toMatch(support);
    expect(firstTitles('1431', 'Directrice commerciale : définit et conduit la politique commerciale de l’entreprise, encadre les commerciaux et rend compte à la direction générale.')[0]).toMatch(support);
  });

  it('reads an infographiste, a webmestre and credit management in the words of 2198', () => {
    expect(firstTitles('2198', 'Infographiste : conçoit et réalise les supports de communication de l’entreprise.')[0]).toBe('Web Designer');
    expect(firstTitles('2198', 'Webmestre : crée et fait vivre les sites internet de la société, en assure la maintenance.')[0]).toBe('Développeur');
    expect(firstTitles('2198', 'Chargé de recouvrement : suit les créances et les impayés, enregistre les règlements et relance les débiteurs.')[0]).toBe('Comptable');
  });

  it('reads a call centre\'s team as the service client\'s, not a production line\'s (3168)', () => {
    expect(firstTitles('3168', 'Chef d’équipe en centre d’appels : organise et anime une équipe de téléconseillers, suit leurs performances et les fait progresser.')[0]).toBe('Superviseur service client ou expert');
    expect(firstTitles('3168', 'Téléopératrice : répond aux appels des clients, les renseigne sur les produits et les services à partir d’une base de données.')[0]).toMatch(/^Chargé de clientèle/);
  });

  it('does not read a common word as the trade word that shares its stem (« spécifiques », « cadre », « chiffre », « démarche », « façon »)', () => {
    const added = (idcc: string, text: string) => lexiconTerms(gridOf(idcc), stems(text));
    expect(added('3168', 'élaboration d’offres spécifiques')).not.toContain(stems('programmeur')[0]);
    expect(added('3168', 'rédige les spécifications techniques')).toContain(stems('programmeur')[0]);
    expect(added('2198', 'dans le cadre de la politique commerciale')).not.toContain(stems('projet')[0]);
    expect(added('2198', 'conduit le cadrage du projet')).toContain(stems('projet')[0]);
    expect(added('3168', 'développe le chiffre d’affaires')).toEqual([]);
    expect(added('3168', 'dans une démarche qualité, de façon autonome')).toEqual([]);
    expect(added('3168', 'en vue de la promotion du programme')).not.toContain(stems('programmeur')[0]);
    expect(added('3168', 'analyste programmeur, langages de programmation')).toContain(stems('programmeur')[0]);
  });

  it('reads « polyvalent » as the shop’s monteur-vendeur only when it says so (1431): a versatile accountant is not one', () => {
    const added = (text: string) => lexiconTerms(gridOf('1431'), stems(text));
    expect(added('notre employée comptable est polyvalente : fournisseurs, clients, banques')).not.toContain(stems('monteur')[0]);
    expect(added('Vendeuse polyvalente, elle monte aussi les lunettes')).toContain(stems('monteur')[0]);
    expect(added('Employé polyvalent atelier/vente')).toContain(stems('monteur')[0]);
  });

  it('reads a bare « chef de projet » as no IT project (2198): « SI » is a word the reader leaves out', () => {
    const added = (text: string) => lexiconTerms(gridOf('2198'), stems(text));
    expect(added('Chef de projet (Méthodes ou études logistiques) : définit les études techniques')).not.toContain(stems('information')[0]);
    expect(added('Chef de projet ERP : cadrage, recette, conduite du changement')).toContain(stems('information')[0]);
  });

  it('reads « propreté » as the cleaner’s only of the premises (3168): a seller keeps the shelves tidy', () => {
    const added = (text: string) => lexiconTerms(gridOf('3168'), stems(text));
    expect(added('Assure l’information des prix en rayon, la propreté, et répond aux clients')).not.toContain(stems('nettoyage')[0]);
    expect(added('Veille à la propreté des locaux et des vitrines')).toContain(stems('nettoyage')[0]);
  });

  it('reads a diploma of higher education the job asks as seniority, not a software licence', () => {
    expect(levelCues('Diplôme d’État d’assistant de service social exigé.').seniority).toBeGreaterThan(0.5);
    expect(levelCues('Profil : master en contrôle de gestion.').seniority).toBeGreaterThan(0.5);
    expect(levelCues('Gère les licences logicielles et la licence d’exploitation.').seniority).toBe(0);
  });

  it('reads the status a definition opens on (« Agent de liaison : employé chargé de… »), not a context', () => {
    expect(levelCues('Agent de liaison : employé chargé de distribuer le courrier entre les bureaux.').status).toBe('ouvrier-employe');
    expect(levelCues('Chef de service logistique : cadre en charge de l’animation de la fonction.').status).toBe('cadre');
    expect(levelCues('Cadre technique : le cadre technique assure l’encadrement du secteur.').status).toBe('cadre');
    expect(levelCues('Comptable : dans le cadre des procédures, tient les comptes.').status).toBeUndefined();
    expect(levelCues('Assistant : travaille avec un employé du service et un cadre du siège.').status).toBeUndefined();
  });

  it('places a team leader or the head of a department outside the shops among the support functions (1431)', () => {
    expect(firstTitles('1431', 'Chef d’équipe : organise chaque jour l’activité de son équipe, anime et coordonne le travail.')[0]).toBe('Technicien/Agent de maîtrise des fonctions support');
    expect(firstTitles('1431', 'Responsable d’exploitation : organise l’exploitation de l’établissement, supervise l’activité et participe au budget.')[0]).toBe('Cadre des fonctions support');
  });

  it('reads a bare « comptable » as the grid\'s own example of an Employé des fonctions support, not a head of accounts (1431)', () => {
    const grid = gridOf('1431');
    const [first, second] = searchGrid(grid, 'COMPTABLE', { limit: 3 }).results;
    expect(first!.job.title).toBe('Employé des fonctions support');
    expect(first!.score).toBeGreaterThan(second!.score);
    expect(firstTitles('1431', 'Comptable : tient la comptabilité générale, établit les balances, les comptes de résultat et le bilan.')[0]).toBe('Employé des fonctions support');
  });

  it('does not read a one-word title the text writes only as an adjective (« documents comptables »)', () => {
    const titleOf = (text: string, job: string) => scoreJobs(gridOf('2198'), text).find((x) => x.job.title === job)!.signals.title;
    expect(titleOf('Chef de station : encadre l’équipe, tient les documents administratifs et comptables de la station et gère la caisse.', 'Comptable')).toBe(0);
    expect(titleOf('Le comptable tient les livres et prépare les déclarations de TVA.', 'Comptable')).toBeGreaterThan(0);
    expect(titleOf('Ensemblier comptable : tient les livres.', 'Comptable')).toBeGreaterThan(0);
    expect(titleOf('Nous recrutons comptable confirmé pour tenir les livres.', 'Comptable')).toBeGreaterThan(0);
  });
});

describe('fifth pass (session 7): heads and sales jobs of other branches, in the grids\' lexicons', () => {
  it('places a lawyer and a director\'s assistant among the support functions, not at the head of a shop or of the company (1431)', () => {
    expect(firstTitles('1431', 'Juriste : conseille les services sur les contrats, rédige les actes et suit les contentieux de la société.')[0]).toBe('Cadre des fonctions support');
    expect(firstTitles('1431', 'Assistante de direction : tient l’agenda du dirigeant, prépare ses dossiers et organise ses réunions.')[0]).toBe('Technicien/Agent de maîtrise des fonctions support');
  });

  it('reads the heads of a sales team, an agent commercial and the director of several shops\' sales in the words of 3168', () => {
    expect(firstTitles('3168', 'Chef de ventes : encadre une équipe de commerciaux, fixe leurs objectifs et suit leurs résultats.')[0]).toBe('Cadre technico-commercial');
    expect(firstTitles('3168', 'Chef de groupe commercial : coordonne un groupe de commerciaux et organise leur travail.')[0]).toBe('Cadre technico-commercial');
    expect(firstTitles('3168', 'Agent commercial : visite les clients, négocie et conclut les ventes sous le contrôle de son responsable.')[0]).toMatch(/^Commercial/);
    expect(firstTitles('3168', 'Directeur des ventes : anime les équipes de vente de différents magasins et rend compte au chef d’entreprise.')[0]).toBe('Cadre de direction multimagasin');
  });

  it('reads a group leader, a community manager and an after-sales clerk in the words of 3168', () => {
    expect(firstTitles('3168', 'Chef de groupe : répartit le travail des opérateurs de production et contrôle leur travail.')[0]).toMatch(/chef d’équipe/i);
    expect(firstTitles('3168', 'Community manager : anime la communauté d’internautes de la marque et publie ses contenus.')[0]).toMatch(/^Chargé de marketing/);
    expect(firstTitles('3168', 'Gestionnaire SAV : traite les litiges des clients, les retours et les avoirs, répond à leurs appels.')[0]).toMatch(/^Chargé de clientèle/);
  });

  it('reads the director of a record label as the head of a business unit (2198)', () => {
    expect(firstTitles('2198', 'Directeur de label : signe les artistes, développe les ventes du catalogue, anime les équipes et tient le budget du label.')[0]).toBe('Responsable de Business Unit');
  });
});

describe('sixth pass (session 8): other branches\' IT heads, sales heads, clerks and storekeepers, in the grids\' lexicons', () => {
  it('reads the head of a company\'s IT as its Cadre informatique, not the technician whose title shares « informatique » (3168)', () => {
    expect(firstTitles('3168', 'Responsable informatique : gère les logiciels de gestion et le système informatique de l’entreprise, choisit les prestataires et suit le budget.')[0]).toBe('Cadre informatique');
    expect(firstTitles('3168', 'Chef de service informatique : organise le travail du service, planifie les évolutions des outils et suit les prestataires.')[0]).toMatch(/^Cadre informatique/);
  });

  it('reads a head of sales by its other names (3168)', () => {
    expect(firstTitles('3168', 'Responsable des ventes : suit les résultats de ses commerciaux, propose les objectifs de l’année et participe à leur recrutement.')[0]).toBe('Cadre technico-commercial');
    expect(firstTitles('3168', 'Animatrice des ventes : anime une équipe de vendeurs itinérants et suit leurs résultats.')[0]).toBe('Cadre technico-commercial');
  });

  it('reads the director\'s attaché and a keyer in the words of 3168', () => {
    expect(firstTitles('3168', 'Attaché de direction : suit les dossiers administratifs courants du service et organise les déplacements.')[0]).toBe('Assistant(e) de direction');
    expect(firstTitles('3168', 'Collaboratrice immédiate du gérant : prépare ses dossiers, suit son courrier et ses rendez-vous.')[0]).toBe('Assistant(e) de direction');
    expect(firstTitles('3168', 'Opératrice de saisie : saisit les bons de commande et les fiches des clients selon les consignes.')[0]).toBe('Employé de bureau');
  });

  it('places an « agent » of other branches, a storekeeper and a qualified seller where the 1431 grid does', () => {
    expect(firstTitles('1431', 'Agent comptable : enregistre les pièces et tient les comptes des fournisseurs.')[0]).toBe('Employé des fonctions support');
    expect(firstTitles('1431', 'Agent de service : nettoie les locaux et réapprovisionne les postes de travail.')[0]).toBe('Employé des fonctions support');
    expect(firstTitles('1431', 'Aide-magasinier : décharge les livraisons, range les produits entreposés et prépare les sorties de stock.')[0]).toBe('Employé des fonctions support');
    expect(firstTitles('1431', 'Vendeuse qualifiée : en plus des fonctions de la vendeuse, passe les commandes de réassort et tient le rayon.')[0]).toBe('Vendeur 2');
  });

  it('reads the first line of management of other branches and a stockroom clerk in the words of 2198', () => {
    expect(firstTitles('2198', 'Agent principal : ayant autorité sur un groupe d’employés administratifs, répartit le travail et contrôle les dossiers.')[0]).toBe('Chef d\'équipe');
    expect(firstTitles('2198', 'Contremaître : répartit le travail des préparateurs de l’entrepôt et veille à la sécurité.')[0]).toBe('Chef d\'équipe');
    expect(firstTitles('2198', 'Employé de magasin : reçoit les marchandises, traite les commandes et les retours.')[0]).toBe('Agent logistique polyvalent');
  });

  it('reads the accountant a clerk works for as someone else, and « ayant autorité sur » as management', () => {
    expect(maskOthers(foldAccents('saisit les factures sous le contrôle du comptable'))).not.toMatch(/comptable/);
    expect(maskOthers(foldAccents('rattachée à l’expert-comptable du cabinet'))).not.toMatch(/comptable/);
    expect(levelCues('Agent ayant autorité sur un groupe d’employés administratifs').seniority).toBeGreaterThan(0.5);
  });
});

describe('seventh pass (session 8): the director of a function, read as its director in the grid\'s lexicon', () => {
  it('reads the director of an accounting service as the director of an administrative service, not another director (3168)', () => {
    expect(firstTitles('3168', 'Directrice comptable : dirige le service comptable de la société, encadre ses quatre comptables et définit la politique comptable.')[0]).toBe('Directeur de service administratif');
  });

  it('reads a directeur des systèmes d\'information as the Directeur des services informatiques, not a specialist of IT (3168)', () => {
    expect(firstTitles('3168', 'Directeur des systèmes d’information : définit la stratégie informatique de l’entreprise, arbitre les investissements et dirige le service informatique.')[0]).toBe('Directeur des services informatiques');
    expect(firstTitles('3168', 'Directeur des systèmes d’information : fixe les évolutions des systèmes d’information, arbitre les investissements, supervise la sécurité et la fiabilité des serveurs.', 2)).toContain('Directeur des services informatiques');
  });

  it('reads the one in charge of the company\'s policy on its people as its Directeur des ressources humaines (3168)', () => {
    expect(firstTitles('3168', 'Cadre chargé de la politique du personnel de l’entreprise : conduit les relations sociales avec les représentants du personnel et coordonne les établissements.')[0]).toBe('Directeur des ressources humaines');
  });
});

describe('seventh pass (session 8): the people one assists, listed, are not the person', () => {
  const text = 'Assistant de direction : assiste un ou plusieurs responsable(s) (cadre dirigeant, directeur d’agence) dans la gestion de leur agenda, prépare les réunions et suit les dossiers du personnel.';
  it('reads neither their status nor their role as the assistant\'s', () => {
    expect(levelCues(text).status).toBeUndefined();
    expect(readFacts(gridOf('1431'), text).facts.role).not.toBe('cadre-dirigeant');
    expect(maskTeamList(foldAccents(text.toLowerCase()))).not.toMatch(/dirigeant/);
  });
  it('does not answer the director (1431)', () => {
    expect(firstTitles('1431', text)[0]).toBe('Technicien/Agent de maîtrise des fonctions support');
  });
});

describe('seventh pass (session 8): a diploma of higher education in the feminine or plural', () => {
  it('reads « diplômée d’État » as « diplômé d’État »: the case of a job above the first cards of its track', () => {
    expect(levelCues('Orthoptiste diplômée d’État, elle mène les bilans visuels des patients du centre.').higherEducation).toBe(true);
    expect(levelCues('Nos infirmières, diplômées d’État, suivent les patients.').higherEducation).toBe(true);
    expect(levelCues('Diplômé d’État, il mène les bilans.').higherEducation).toBe(true);
  });

  it('reads the inclusive « diplômé(e) d’État » too: another health professional is not given the first card of the track as certain', () => {
    expect(levelCues('Nous recrutons un(e) orthoptiste diplômé(e) d’État pour le centre.').higherEducation).toBe(true);
    expect(levelCues('Infirmier(e)s diplômé(e)s d’État bienvenu(e)s.').higherEducation).toBe(true);
    const answer = searchGrid(gridOf('1431'), "Notre magasin d'optique spécialisé basse vision cherche un(e) ergothérapeute diplômé(e) d'État : évaluation des besoins des personnes malvoyantes, choix des aides visuelles, apprentissage de leur utilisation à domicile. Deux ans d'expérience souhaités.", { limit: 2 });
    expect(answer.uncertain).toBe(true);
  });
});

describe('jobLines: a job whose positions the text gives no criterion of their own', () => {
  const grid = gridOf('1431');
  const lines = (title: string) => jobLines(grid, grid.jobs.find((j) => j.title === title)!).map((l) => l.text);
  const g = 'Référent sur tous les domaines de référence du métier et pratiques avancées présents sur le site';

  it('borrows what the nearest position below asks (I and J: what G asks), without a twin to borrow from', () => {
    // « Opticien diplômé 5 » (I, J) had no words but its title; « Opticien diplômé 4 » (G, H) has G's.
    const count = (title: string) => lines(title).filter((t) => t === g).length;
    expect(count('Opticien diplômé 5 / Professionnel de santé 5')).toBeGreaterThan(0);
    expect(count('Opticien diplômé 5 / Professionnel de santé 5')).toBe(count('Opticien diplômé 4 / Professionnel de santé 4'));
  });

  it('borrows nothing from below for a job with a twin: « Opticien directeur de magasin 2 » reads its twin', () => {
    expect(lines('Opticien directeur de magasin 2')).not.toContain(g);
  });
});

describe('eighth pass (session 9): a company\'s reception is its switchboard (3168 lexicon)', () => {
  const text = 'Agent d’accueil : reçoit les visiteurs à l’entrée des locaux, prend les messages et distribue le courrier aux différents services.';
  it('reads the reception words as the switchboard of the Standardiste\'s duties', () => {
    for (const t of [text, 'Réceptionniste : accueil physique des clients et des fournisseurs.', 'Téléphoniste : oriente les appels téléphoniques.']) {
      expect(lexiconTerms(gridOf('3168'), normalizeText(t).map(stem))).toEqual(expect.arrayContaining(stems('standard de l’entreprise')));
    }
  });
  it('answers the Standardiste among the first two (3168)', () => {
    expect(firstTitles('3168', text, 2)).toContain('Standardiste');
  });
});

describe('eighth pass (session 9): the heading names the job whose name it is, not a longer name that holds its words', () => {
  const text = 'Comptable : enregistre les factures des fournisseurs et des clients, prépare les déclarations de TVA et les rapprochements bancaires, participe à la préparation du bilan avec l’expert-comptable.';
  const heading = (idcc: string, t: string) => new Map(scoreJobs(gridOf(idcc), t).map((s) => [s.job.title, s.signals.heading]));
  it('reads « Comptable : » as the job named « comptable », not the one named « chef comptable » (1431, 3168)', () => {
    const h1431 = heading('1431', text);
    expect(h1431.get('Employé des fonctions support')).toBe(1);
    expect(h1431.get('Cadre des fonctions support')).toBe(0);
    const h3168 = heading('3168', text);
    expect(h3168.get('Comptable 1er échelon')).toBe(1);
    expect(h3168.get('Chef comptable')).toBe(0);
  });
  it('keeps the levels of one family: a heading without a level names each of them', () => {
    const h = heading('3168', 'Chef d’équipe expédition\nOrganise le travail des opérateurs du conditionnement et des expéditions, répartit les commandes du jour.');
    for (const t of ['Chef d’équipe niveau 1', 'Chef d’équipe niveau 2', 'Chef d’équipe niveau 3']) expect(h.get(t)).toBeGreaterThan(0.6);
  });
  it('answers the employee of the support functions first (1431)', () => {
    expect(firstTitles('1431', text)[0]).toBe('Employé des fonctions support');
  });
});

describe('eighth pass (session 9): a BTS of another field, named before it, is not the opticien\'s diploma (1431 cues)', () => {
  const facts = (text: string) => readFacts(gridOf('1431'), text).facts;
  it('reads « formation comptable de niveau BTS » as no diploma of optics', () => {
    expect(facts('Gestionnaire de la paie : formation en paie de niveau BTS, maîtrise du logiciel de paie et des déclarations sociales.').diploma).toBe('none');
    expect(facts('Profil : formation comptable de niveau BTS ou DUT, rigueur et discrétion.').diploma).toBe('none');
  });
  it('still reads a bare BTS of an opticien', () => {
    expect(facts('Opticienne : BTS depuis 2018, examens de vue et adaptation des lentilles.').diploma).toBe('bts');
    expect(facts('Conseillère en magasin, titulaire du BTS, réalise les contrôles de vue.').diploma).toBe('bts');
  });
});

/** The role the 1431 facts read in a text (the eighth pass's cues). */
const role = (text: string) => readFacts(gridOf('1431'), text).facts.role;

describe('eighth pass (session 9): who assists the management is not its adjoint (1431 cues)', () => {
  it('does not read « assiste la direction » as the role of directeur adjoint', () => {
    expect(role('Assistante de direction : assiste la direction générale dans le suivi des dossiers et prépare les réunions du conseil.')).not.toBe('directeur-adjoint');
    expect(role('Il assiste le directeur financier dans la préparation des budgets.')).not.toBe('directeur-adjoint');
  });
  it('still reads the one who seconds or stands in for the shop\'s director as the adjoint', () => {
    expect(role('Elle seconde la directrice du magasin et la remplace pendant ses congés.')).toBe('directeur-adjoint');
    expect(role('Adjoint au directeur de magasin, il ouvre et ferme la boutique.')).toBe('directeur-adjoint');
  });
});

describe('eighth pass (session 9): a word that starts with a place is not the place (1431 cues)', () => {
  it('does not read « chef magasinier » as the head of a shop', () => {
    expect(role('Chef magasinier : organise la réception des colis et tient l’inventaire de l’entrepôt.')).not.toBe('directeur-magasin');
  });
  it('still reads the head of a shop, or of shops', () => {
    expect(role('Chef de magasin : ouvre la boutique, tient la caisse et organise les plannings.')).toBe('directeur-magasin');
    expect(role('Responsable boutiques : suit le chiffre d’affaires.')).toBe('directeur-magasin');
  });
});

describe('eighth pass (session 9): a sector of a function is not a perimeter of shops (1431 cues)', () => {
  it('does not read the head of a logistics sector or of a preparation zone as a directeur', () => {
    expect(role('Responsable de secteur logistique : répartit le travail des préparateurs et contrôle les expéditions du jour.')).not.toBe('directeur');
    expect(role('Elle gère la zone de préparation des commandes et les quais de chargement.')).not.toBe('directeur');
  });
  it('still reads the head of a sector of shops, or of a network, as a directeur', () => {
    expect(role('Responsable de secteur : anime les six magasins de la région Est.')).toBe('directeur');
    expect(role('Il pilote le réseau Ouest et ses directeurs de magasin.')).toBe('directeur');
  });
});

describe('eighth pass (session 9): the till and the shelves are Vendeur 1\'s simple tasks (1431 lexicon)', () => {
  const text = 'Caissière : encaisse les achats des clients, tient la caisse, fait la mise en rayon des étuis et des produits d’entretien et étiquette les prix.';
  it('reads them as « tâches simples en vente »', () => {
    expect(lexiconTerms(gridOf('1431'), normalizeText(text).map(stem))).toEqual(expect.arrayContaining(stems('tâches simples en vente')));
  });
  it('answers Vendeur 1 among the first two', () => {
    expect(firstTitles('1431', text, 2)).toContain('Vendeur 1');
  });
});

describe('eighth pass (session 9): « véhicule » as a verb is not a vehicle (3168 lexicon)', () => {
  const adds = (t: string) => lexiconTerms(gridOf('3168'), normalizeText(t).map(stem));
  it('does not read « véhicule l’image de la marque » as the delivery driver\'s vehicle', () => {
    expect(adds('Chargée de communication : véhicule l’image de la marque sur les réseaux et rédige les publications.')).not.toEqual(expect.arrayContaining(stems('chauffeur-livreur')));
  });
  it('still reads a delivery van, a company vehicle, a driving licence', () => {
    for (const t of ['Livraisons en véhicule utilitaire chez les clients.', 'Conduit le véhicule de société pour les tournées.', 'Permis de conduire exigé.']) expect(adds(t)).toEqual(expect.arrayContaining(stems('chauffeur-livreur')));
  });
});

describe('eighth pass (session 9): a transverse job has the vocabulary of the filières the grid lets it be used in (2198)', () => {
  const text = 'Chef d’équipe préparation de commandes : répartit le picking et l’emballage entre les préparateurs de l’entrepôt, suit la productivité des quais et fait respecter les consignes de sécurité.';
  it('gives Chef d’équipe the supply chain\'s track signal, as the supply chain\'s own jobs have', () => {
    const track = new Map(scoreJobs(gridOf('2198'), text).map((s) => [s.job.title, s.signals.track]));
    expect(track.get('Chef d\'équipe')).toBeCloseTo(track.get('Agent logistique polyvalent')!, 6);
  });
});

describe('eighth pass (session 9): the directors of a support function are cadres of the support functions (1431 lexicon names)', () => {
  it('answers Cadre des fonctions support, not a shop director, for a directeur commercial of the company', () => {
    expect(firstTitles('1431', 'Directeur commercial : définit la politique commerciale de l’enseigne, négocie avec les fournisseurs de montures et fixe les objectifs de vente du réseau avec la direction générale.')[0]).toBe('Cadre des fonctions support');
    expect(searchGrid(gridOf('1431'), 'Directrice administrative et financière', { limit: 1 }).results[0]!.job.title).toBe('Cadre des fonctions support');
  });
});

describe('eighth pass (session 9): an assistant of a support function is its employee, not its cadre (1431 lexicon names)', () => {
  it('answers Employé des fonctions support for an assistant RH, not the responsable whose name holds « ressources humaines »', () => {
    expect(searchGrid(gridOf('1431'), 'Assistante ressources humaines', { limit: 1 }).results[0]!.job.title).toBe('Employé des fonctions support');
  });
});

describe('eighth pass (session 9): the trade names of the cleaner and of the accounts clerk (3168 lexicon names)', () => {
  it('answers the cleaner for an « employé d’entretien » or the « personnel d’entretien »', () => {
    expect(firstTitles('3168', 'Employée d’entretien : assure le ménage des bureaux et des sanitaires, sort les poubelles et signale les réparations à faire.')[0]).toBe('Agent de nettoyage et d’entretien');
    for (const t of ['Employé d’entretien des locaux.', 'Personnel d’entretien du site.', 'Agent de propreté.']) expect(lexiconTerms(gridOf('3168'), normalizeText(t).map(stem))).toEqual(expect.arrayContaining(stems('agent de nettoyage et d’entretien')));
    expect(searchGrid(gridOf('3168'), 'Personnel d’entretien', { limit: 1 }).results[0]!.job.title).toBe('Agent de nettoyage et d’entretien');
  });
  it('answers the Aide-comptable for an « agent de comptabilité », not the Comptable', () => {
    expect(searchGrid(gridOf('3168'), 'Agent de comptabilité', { limit: 1 }).results[0]!.job.title).toBe('Aide-comptable 1er niveau');
  });
});

describe('eighth pass (session 9): the words of a call centre (3168 lexicon)', () => {
  const adds = (t: string) => lexiconTerms(gridOf('3168'), normalizeText(t).map(stem));
  it('reads téléacteurs, télévente and the flow of calls as the service client\'s', () => {
    expect(adds('Téléactrice en télévente pour les abonnements.')).toEqual(expect.arrayContaining(stems('demandes de la clientèle')));
    expect(adds('Chef de plateau : suit les flux d’appels et la productivité.')).toEqual(expect.arrayContaining(stems('superviseur service client')));
    expect(adds('Assure la formation des téléacteurs aux scripts.')).toEqual(expect.arrayContaining(stems('chargé de la qualité formation service client')));
  });
});

describe('eighth pass (session 9): the superior named after « Rattachement : » or « sous l’œil de » is someone else', () => {
  it('does not give the employee the role of the director they report to', () => {
    expect(role('Fiche de poste — Opticienne\nRattachement : la directrice du magasin.\nMission : examens de vue et adaptation des lentilles.')).not.toBe('directeur-magasin');
    expect(role('Vous réalisez les réfractions sous l’œil de notre opticienne gérante, qui vous forme pendant trois mois.')).not.toBe('directeur-magasin');
    expect(maskOthers('rattachement : la directrice du magasin.')).toMatch(/autrui/);
  });
  it('still reads the director who says so', () => {
    expect(role('Gérante du magasin, elle dirige une équipe de quatre personnes.')).toBe('directeur-magasin');
  });
});

describe('eighth pass (session 9): an email\'s closing and signature are the sender, not the job', () => {
  it('blanks « Merci, Claire (gérante) » and « Cordialement, le service RH » at the end of a text', () => {
    expect(maskBoilerplate('quel coefficient pour elle ? merci, claire (gerante)\n')).not.toMatch(/gerante/);
    expect(maskBoilerplate('quelle categorie ? cordialement, le service rh')).not.toMatch(/rh/);
    expect(maskBoilerplate('elle dit merci. puis elle encaisse.')).toMatch(/encaisse/);
    expect(maskBoilerplate('pense a faire son avenant. bien a toi, sophie, directrice regionale\n')).not.toMatch(/directrice/);
  });
  it('does not give the employee the role of the manager who signs', () => {
    expect(readFacts(gridOf('1431'), 'Bonjour Paul, Sophie est opticienne chez nous depuis 9 ans, référente sur l’atelier et les lentilles. Peux-tu me dire à quel niveau la passer ? Merci, Claire (gérante)').facts.role).not.toBe('directeur-magasin');
  });
});

describe('eighth pass (session 9): holding the shop on Saturdays is standing in, not running it (1431 cues)', () => {
  it('does not read « tient seule la boutique le samedi » as the shop\'s director', () => {
    expect(role('Conseillère de vente : tient seule la boutique le samedi et pendant les congés de la responsable.')).not.toBe('directeur-magasin');
  });
  it('still reads one who runs the shop', () => {
    expect(role('Il tient le magasin depuis 2015 et encadre deux vendeuses.')).toBe('directeur-magasin');
  });
});

describe('eighth pass (session 9): an « adjoint(e) de direction » is the directeur adjoint (1431 cues)', () => {
  it('reads the role', () => {
    expect(readFacts(gridOf('1431'), 'Nous recherchons notre opticienne adjointe de direction : plannings, commandes, chiffre d’affaires, et examens de vue.').facts.role).toBe('directeur-adjoint');
    expect(readFacts(gridOf('1431'), 'Opticien(ne) adjoint(e) de direction du centre.').facts.role).toBe('directeur-adjoint');
  });
});
