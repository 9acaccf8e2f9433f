/**
 * The web app for someone who has never read a convention (issue 12), on a desktop screen and on
 * a phone (the « phone » project of playwright.config.ts runs this file at 375 px too): find a job
 * without knowing the convention, citations and references people can read (no internal id, on
 * screen or printed), sign-up that keeps the answers, a decision corrected with its versions, an
 * audit re-run and deleted from the web.
 */
import { expect, test, type Page } from '@playwright/test';
import { pdfStrings } from '../support/pdf-text.js';
import { checkAxe, expectNoHorizontalScroll, PASSWORD, register, snap, uniqueEmail } from './support.js';

/** What a reader must never see: UUIDs, KALI ids, the data's document ids and file names. */
const INTERNAL = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|KALI(ARTI|TEXT|CONT)\d|\bseed-\d|\.txt\b|\b(accord|avenant|annexe-i|salaires|ccn)-\d{4}\b/i;

async function expectNoInternalId(page: Page, where: string): Promise<void> {
  const text = await page.locator('body').innerText();
  expect(text.match(INTERNAL)?.[0], `${where} : identifiant interne visible`).toBeUndefined();
}

const phone = (page: Page) => (page.viewportSize()?.width ?? 1280) < 600;

test('sans connaître sa convention : « vendeuse » et « opticienne » trouvées, chacune sous le nom de sa convention', async ({ page }) => {
  await page.goto('/');
  const box = page.getByLabel(/Intitulé ou description du poste/);
  // Enter searches; no convention has to be chosen first.
  await expect(page.getByLabel('Convention collective', { exact: true })).toHaveValue('');
  await box.fill('vendeuse');
  await box.press('Enter');
  await expect(page).toHaveURL(/\/recherche\?q=vendeuse$/);
  await expect(page.getByRole('heading', { level: 2, name: /conventions ont un emploi-repère proche de « vendeuse »/ })).toBeVisible();
  const optique = page.locator('section.convention-group', { has: page.getByRole('heading', { level: 3, name: 'Optique-lunetterie de détail (IDCC 1431)' }) });
  const photo = page.locator('section.convention-group', { has: page.getByRole('heading', { level: 3, name: 'Photographie (IDCC 3168)' }) });
  await expect(optique.getByRole('heading', { level: 4 }).first()).toHaveText(/^Vendeur/);
  await expect(photo.getByRole('heading', { level: 4 }).first()).toHaveText(/Opérateur vendeur/);
  // Citations name the text and link to Légifrance, never an id.
  await expect(optique.locator('figure.cite figcaption').first()).toContainText('Annexe I : Classification des emplois et des métiers');
  await expect(optique.locator('figure.cite a').first()).toHaveText(/lire sur Légifrance/);
  await expectNoInternalId(page, 'recherche « vendeuse »');
  await checkAxe(page, `recherche dans toutes les conventions (${page.viewportSize()?.width} px)`);
  if (phone(page)) await expectNoHorizontalScroll(page);
  await snap(page, 'recherche-toutes-conventions');

  // Shift+Enter writes a new line; Enter searches again.
  await box.fill('opticienne');
  await box.press('Shift+Enter');
  await expect(box).toHaveValue('opticienne\n');
  await box.press('Enter');
  await expect(page).toHaveURL(/q=opticienne$/);
  const first = page.locator('section.convention-group').first();
  await expect(first.getByRole('heading', { level: 3 })).toHaveText('Optique-lunetterie de détail (IDCC 1431)');
  await expect(first.getByRole('heading', { level: 4 }).first()).toHaveText(/^Opticien/);

  // An empty search says why nothing happens.
  await page.goto('/');
  await page.getByLabel(/Intitulé ou description du poste/).press('Enter');
  await expect(page.getByRole('alert')).toContainText('Tapez un intitulé d’emploi');

  // The convention finder, by the company's APE code.
  await page.getByLabel(/Code APE \(NAF\)/).fill('4778A');
  await page.getByRole('button', { name: 'Trouver' }).click();
  const found = page.locator('section', { has: page.getByRole('heading', { name: 'Trouver votre convention collective' }) });
  await expect(found.getByText('Optique-lunetterie de détail (IDCC 1431)')).toBeVisible();
  await expect(found.locator('figure.cite')).toContainText('régis notamment sous le code NAF 47.78A');
  await checkAxe(page, `accueil et recherche de convention (${page.viewportSize()?.width} px)`);
});

test('créer un compte depuis le questionnaire ramène au questionnaire, réponses gardées (aussi dans un nouvel onglet)', async ({ page, context }) => {
  await page.goto('/classer?idcc=3168&job=retoucheur-2');
  await expect(page.locator('.answers')).toContainText('Retoucheur 2e niveau');
  await page.getByLabel(/Nom du salarié/).fill('Léa Petit');
  await page.getByRole('link', { name: 'créez un compte' }).click();
  await expect(page).toHaveURL(/\/inscription\?retour=%2Fclasser$/);
  await page.getByLabel('Votre nom').fill('Nina Photo');
  await page.getByLabel('Nom de l’entreprise ou de l’organisation').fill('Photo Nina');
  await page.getByLabel('Adresse e-mail').fill(uniqueEmail('nina'));
  await page.getByLabel(/^Mot de passe/).fill(PASSWORD);
  await page.getByRole('button', { name: 'Créer le compte' }).click();
  await expect(page).toHaveURL(/\/classer$/);
  await expect(page.locator('.answers')).toContainText('Retoucheur 2e niveau');
  await expect(page.getByLabel(/Nom du salarié/)).toHaveValue('Léa Petit');
  await expect(page.getByRole('button', { name: 'Enregistrer la décision' })).toBeVisible();

  const other = await context.newPage();
  await other.goto('/classer');
  await expect(other.locator('.answers')).toContainText('Retoucheur 2e niveau');
  await other.close();

  // The menu's sign-in link returns to the page it was followed from.
  if (phone(page)) await page.getByRole('button', { name: 'Menu' }).click();
  await page.getByRole('link', { name: 'Se déconnecter' }).click();
  await expect(page).toHaveURL(/\/connexion$/);
  await page.goto('/grilles?idcc=3168');
  if (phone(page)) await page.getByRole('button', { name: 'Menu' }).click();
  await expect(page.getByRole('link', { name: 'Se connecter' })).toHaveAttribute('href', '/connexion?retour=%2Fgrilles%3Fidcc%3D3168');
});

test('une décision corrigée montre ses deux versions ; rien d’interne à l’écran ni sur le papier', async ({ page }) => {
  await register(page, { name: 'Paule Optique', organisation: 'Optique Paule' });
  await page.goto('/classer?idcc=3168&job=operateur-vendeur-1&at=2025-06-30');
  await page.getByLabel(/Nom du salarié/).fill('Jeanne Roux');
  await page.getByLabel('Salarié concerné').selectOption({ label: 'Nouveau salarié : Jeanne Roux' });
  await page.getByLabel('Matricule du nouveau salarié').fill('V-001');
  await page.getByRole('button', { name: 'Enregistrer la décision' }).click();
  await expect(page).toHaveURL(/\/decisions\/[^/]+$/);
  const year = new Date().getFullYear();
  const letter = page.getByRole('article', { name: 'Notification de classification' });
  await expect(letter).toContainText(`Optique Paule — décision n° ${year}-0001`);

  // Corrected: the questionnaire comes back with the answers, for the same employee.
  await page.getByRole('link', { name: 'Corriger ce classement' }).click();
  await expect(page).toHaveURL(/\/classer$/);
  await expect(page.locator('.answers')).toContainText('Opérateur vendeur 1er niveau');
  const card = page.locator('#bloc-question');
  // Other questions (the diploma…) are passed until the one of the date in the position. Each
  // question is read only once it is shown: counting before the next one has replaced the one just
  // passed would pass the date question too.
  const step = card.locator('#question');
  await expect(step).toBeVisible();
  for (let i = 0; i < 6 && (await card.getByLabel(/Depuis quelle date/).count()) === 0; i++) {
    const passed = (await step.textContent()) ?? '';
    await card.getByRole('button', { name: 'Je ne sais pas, passer' }).click();
    await expect(step).not.toHaveText(passed);
  }
  // An empty date is refused, saying why.
  await card.getByRole('button', { name: 'Valider la réponse' }).click();
  await expect(card.getByRole('alert')).toContainText('la date est vide ou incomplète');
  await card.getByLabel(/Depuis quelle date/).fill('2024-01-15');
  await card.getByRole('button', { name: 'Valider la réponse' }).click();
  // The maximum period is over: the result names the position due, and from when.
  const next = page.locator('.next-steps');
  await expect(next).toContainText('Passer le salarié en position 165 (Opérateur vendeur 2e niveau)');
  await expect(next).toContainText('15/07/2024');
  await expect(page.getByLabel('Salarié concerné')).toHaveValue(/.+/);
  await page.getByRole('button', { name: 'Enregistrer la correction' }).click();
  await expect(page).toHaveURL(/\/decisions\/[^/]+$/);
  const versions = page.getByRole('region', { name: 'Versions de cette décision' }).getByRole('listitem');
  await expect(versions).toHaveCount(2);
  await expect(versions.nth(1)).toContainText('Version 2');
  await expect(letter).toContainText(`Optique Paule — décision n° ${year}-0001, version 2`);
  await expectNoInternalId(page, 'décision');
  await checkAxe(page, `décision corrigée (${page.viewportSize()?.width} px)`);
  await snap(page, 'decision-corrigee');

  // Printed: the document alone, and nothing internal in the PDF.
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('heading', { level: 1 })).toBeHidden();
  await expectNoInternalId(page, 'décision imprimée');
  // Chromium writes a word in several pieces: the text is compared without its spaces too.
  const pdf = pdfStrings(await page.pdf({ format: 'A4' }));
  const solid = pdf.replace(/\s+/g, '');
  expect(solid).toContain('Notificationdeclassification');
  expect(solid).toContain(`OptiquePaule—décisionn°${year}-0001,version2`);
  expect(solid).not.toContain('Classerunemploi');
  expect((pdf.match(INTERNAL) ?? solid.match(INTERNAL))?.[0]).toBeUndefined();
  await page.emulateMedia({ media: 'screen' });

  // From the employee's page, a new classification is for that employee.
  await page.getByRole('link', { name: 'Jeanne Roux' }).click();
  await page.getByRole('link', { name: 'Nouveau classement' }).click();
  await expect(page).toHaveURL(/\/classer\?idcc=3168$/);
  await page.locator('#bloc-question').getByLabel('Chercher un emploi-repère').fill('opérateur vendeur 2e');
  await page.locator('#bloc-question').getByRole('radio', { name: /^Opérateur vendeur 2e niveau/ }).check();
  await page.locator('#bloc-question').getByRole('button', { name: 'Valider la réponse' }).click();
  await expect(page.getByLabel('Salarié concerné').locator('option:checked')).toHaveText(/Jeanne Roux/);
});

const LISTE = [
  'matricule;idcc;emploi;position;niveau;statut;date_entree;date_position;diplome;annees_exercice;encadrement;salaire_mensuel_brut;temps_travail;sexe',
  'A001;3168;Opérateur vendeur;155;;employé;01/09/2020;01/09/2022;;;0;1 900,00;1;F',
  'A002;1431;Opticienne;B;;agent de maîtrise;15/03/2019;10/06/2024;BTS OL;5;0;2 150,00;100 %;F',
].join('\r\n');

test('un audit relancé puis supprimé depuis le web ; son rapport PDF ne montre rien d’interne', async ({ page }) => {
  await register(page, { name: 'Rita Paie', organisation: 'Cabinet Rita' });
  await page.goto('/audits');
  await page.getByLabel(/Liste du personnel/).setInputFiles({ name: 'equipe.csv', mimeType: 'text/csv', buffer: Buffer.from(`\ufeff${LISTE}\r\n`, 'utf8') });
  await page.getByLabel(/Date de l’audit/).fill('2025-06-30');
  await page.getByRole('button', { name: 'Lancer l’audit' }).click();
  await expect(page).toHaveURL(/\/audits\/[^/]+$/);
  await expect(page.getByRole('heading', { level: 2, name: 'Synthèse' })).toBeVisible({ timeout: 30_000 });
  await expectNoInternalId(page, 'rapport d’audit');
  const id = page.url().split('/').pop()!;
  const report = await page.request.get(`/api/audits/${id}/report.pdf`);
  expect(report.status()).toBe(200);
  const text = pdfStrings(await report.body());
  expect(text).toContain('lire sur Légifrance');
  expect(text.match(INTERNAL)?.[0]).toBeUndefined();

  await page.getByRole('button', { name: 'Relancer' }).click();
  await expect(page.getByRole('heading', { level: 2, name: /^Analyse (en attente|en cours)/ })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'Synthèse' })).toBeVisible({ timeout: 30_000 });

  await page.goto('/audits');
  const row = page.getByRole('row', { name: /equipe\.csv/ });
  await expect(row).toHaveCount(1);
  await row.getByRole('button', { name: 'Supprimer l’audit de equipe.csv' }).click();
  await row.getByRole('button', { name: 'Confirmer la suppression' }).click();
  await expect(page.getByRole('row', { name: /equipe\.csv/ })).toHaveCount(0);
  expect((await page.request.get(`/api/audits/${id}`)).status()).toBe(404);
  await checkAxe(page, `audits après suppression (${page.viewportSize()?.width} px)`);
});
