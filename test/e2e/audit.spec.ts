/**
 * Auditing a staff list: upload, progress, then the report — key figures, head-count charts by
 * position and status (and by sex), findings grouped by rule with their citations, downloads.
 */
import { expect, test } from '@playwright/test';
import { checkAxe, expectNoHorizontalScroll, register, snap } from './support.js';

const LISTE = [
  'matricule;idcc;emploi;position;niveau;statut;date_entree;date_position;diplome;annees_exercice;encadrement;salaire_mensuel_brut;temps_travail;sexe',
  'A001;3168;Retoucheuse;195;;employé;01/09/2020;01/09/2022;;;0;1 900,00;1;F',
  'A002;1431;Opticienne;B;;agent de maîtrise;15/03/2019;10/06/2024;BTS OL;5;0;2 150,00;100 %;F',
  'A003;2198;Conseiller relation client;C;maîtrisant;employé;02/01/2023;02/01/2023;;;0;1 950,00;0,8;H',
  'A004;3168;Vendeur;999;;employé;01/01/2020;01/01/2020;;;0;1 800,00;1;H',
  'A004;3168;Photographe;165;;employé;01/01/2020;01/01/2020;;;0;1 200,00;1;H',
  'A005;1431;Opticien;150;;employé;01/01/2015;01/01/2015;BTS OL;8;0;1 900,00;1;F',
  'A006;3168;Assistant photographe;150;;employé;01/01/2021;01/01/2021;;;0;1 850,00;1;F',
].join('\r\n');

test('audit : dépôt, progression, rapport avec graphiques, constats par règle et téléchargements', async ({ page }) => {
  await register(page, { name: 'Paul Paie', organisation: 'Studio Lumière' });
  await page.getByRole('link', { name: 'Audit du personnel' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Audit d’une liste du personnel' })).toBeVisible();
  await checkAxe(page, 'audit (dépôt)');

  // Sending without a file says what is missing.
  await page.getByRole('button', { name: 'Lancer l’audit' }).click();
  await expect(page.getByText('Choisissez le fichier de la liste du personnel.')).toBeVisible();

  await page.getByLabel(/Liste du personnel/).setInputFiles({ name: 'personnel.csv', mimeType: 'text/csv', buffer: Buffer.from(`\ufeff${LISTE}\r\n`, 'utf8') });
  await page.getByLabel(/Date de l’audit/).fill('2025-06-30');
  await page.getByRole('button', { name: 'Lancer l’audit' }).click();

  await expect(page).toHaveURL(/\/audits\/[^/]+$/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('personnel.csv');
  // The analysis runs in the background; the page follows it (the test server slows audits down).
  await expect(page.getByRole('heading', { level: 2, name: /^Analyse (en attente|en cours)/ })).toBeVisible();
  await expect(page.locator('progress#progression')).toBeVisible();
  await snap(page, 'audit-progression');
  await expect(page.getByRole('heading', { level: 2, name: 'Synthèse' })).toBeVisible({ timeout: 30_000 });
  const figures = page.locator('.figures');
  await expect(figures.getByText('lignes lues')).toBeVisible();
  await expect(figures.locator('li').first()).toContainText('7');

  // Charts: head-count by position and status for each convention, and women/men.
  await expect(page.getByRole('heading', { level: 2, name: 'Effectifs par position et statut' })).toBeVisible();
  await expect(page.getByRole('img', { name: /Effectifs par position et statut — IDCC 3168/ })).toBeVisible();
  await expect(page.getByRole('img', { name: /Femmes et hommes par position — IDCC 1431/ })).toBeVisible();

  // Findings grouped by rule, each citing its text.
  await expect(page.getByRole('heading', { level: 2, name: 'Constats par règle' })).toBeVisible();
  for (const rule of ['Position inconnue', 'Matricule en double', 'Salaire inférieur au minimum', 'Grille dépassée', "Période d'accueil dépassée"]) {
    await expect(page.getByRole('heading', { level: 3, name: new RegExp(rule) })).toBeVisible();
  }
  const entry = page.locator('section', { has: page.getByRole('heading', { level: 3, name: /Période d'accueil dépassée/ }) });
  await expect(entry.getByRole('cell', { name: 'A006' }).first()).toBeVisible();
  await expect(entry.locator('figure.cite a[href*="legifrance.gouv.fr"]').first()).toBeVisible();
  await checkAxe(page, 'rapport d’audit');
  await snap(page, 'audit-rapport');

  // Downloads, with the session's cookies.
  const csvHref = await page.getByRole('link', { name: 'Tous les constats (CSV)' }).getAttribute('href');
  const csv = await page.request.get(csvHref!);
  expect(csv.status()).toBe(200);
  expect(csv.headers()['content-type']).toContain('text/csv');
  expect(await csv.text()).toContain('A004');
  const pdfHref = await page.getByRole('link', { name: 'Télécharger le rapport (PDF)' }).getAttribute('href');
  const pdf = await page.request.get(pdfHref!);
  expect(pdf.status()).toBe(200);
  expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');

  // The audit is listed in the organisation.
  await page.getByRole('link', { name: '← Tous les audits' }).click();
  await expect(page.getByRole('link', { name: 'personnel.csv' })).toBeVisible();

  // On a phone, the report fits the screen.
  await page.getByRole('link', { name: 'personnel.csv' }).click();
  await page.setViewportSize({ width: 375, height: 800 });
  await expect(page.getByRole('heading', { level: 2, name: 'Synthèse' })).toBeVisible();
  await expectNoHorizontalScroll(page);
  await checkAxe(page, 'rapport d’audit (375 px)');
  await snap(page, 'audit-rapport');
});

test('audit : un fichier qui n’est pas une liste du personnel est refusé avec un message clair', async ({ page }) => {
  await register(page, { name: 'Rita Refus', organisation: 'Lunettes Rita' });
  await page.goto('/audits');
  await page.getByLabel(/Liste du personnel/).setInputFiles({ name: 'courses.csv', mimeType: 'text/csv', buffer: Buffer.from('article;prix\npain;1,20\n', 'utf8') });
  await page.getByRole('button', { name: 'Lancer l’audit' }).click();
  await expect(page.getByRole('alert')).toContainText('aucun en-tête ne correspond à la colonne');
});
