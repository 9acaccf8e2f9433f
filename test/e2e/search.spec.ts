/**
 * Searching a job: ranked benchmark jobs with what matched and the cited text, the full job
 * card, the link to Légifrance, and on to the questionnaire.
 */
import { expect, test } from '@playwright/test';
import { checkAxe, expectNoHorizontalScroll, snap } from './support.js';

test('recherche par intitulé : emplois classés, correspondances, citation, fiche complète', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Rechercher un emploi' })).toBeVisible();
  await page.getByLabel('Convention collective', { exact: true }).selectOption('3168');
  await page.getByLabel(/Intitulé ou description du poste/).fill('retoucheur 2e niveau');
  await page.getByRole('button', { name: 'Rechercher' }).click();

  await expect(page).toHaveURL(/\/recherche\?idcc=3168&q=retoucheur/);
  const results = page.getByRole('list').filter({ has: page.getByRole('heading', { level: 3 }) }).first();
  const first = results.getByRole('listitem').first();
  await expect(first.getByRole('heading', { level: 3 })).toHaveText('Retoucheur 2e niveau');
  await expect(first.getByText('195', { exact: true })).toBeVisible();
  await expect(first.getByText('ouvrier/employé')).toBeVisible();
  await expect(first.getByText('Ce qui correspond')).toBeVisible();
  await expect(first.locator('mark').first()).toBeVisible();
  // Every result cites its text, with a link to Légifrance.
  const link = first.locator('figure.cite a').first();
  await expect(link).toHaveAttribute('href', /^https:\/\/www\.legifrance\.gouv\.fr\/conv_coll\/id\/KALI(ARTI|CONT|TEXT)\d+$/);
  await expect(first.locator('figure.cite blockquote')).toContainText('Retoucheur 2e niveau');

  // The full card: filière, statut, every duty (inherited ones included), the text.
  await first.getByRole('button', { name: 'Voir la fiche complète' }).click();
  await expect(first.getByRole('button', { name: 'Masquer la fiche' })).toHaveAttribute('aria-expanded', 'true');
  const card = first.getByRole('article', { name: /Fiche : Retoucheur 2e niveau/ });
  await expect(card.getByRole('heading', { name: 'Fonctions' })).toBeVisible();
  await expect(card.getByText('Filière studios hors grand public › Postproduction').first()).toBeVisible();
  expect(await card.locator('ul.duties > li').count()).toBeGreaterThan(1);
  await checkAxe(page, 'recherche (résultats et fiche)');
  await snap(page, 'recherche');

  // On to the questionnaire with the job chosen.
  await first.getByRole('link', { name: 'Classer cet emploi' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Classer un emploi pas à pas' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Vos réponses' })).toBeVisible();
  await expect(page.locator('.answers')).toContainText('Retoucheur 2e niveau');
  await expect(page.locator('.verdict')).toContainText('Position 195');
});

test('recherche par description : réponse par les fonctions, sur un téléphone', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  const q = 'Je corrige les défauts des photos sur ordinateur, je fais le détourage et la colorimétrie des images pour les clients du studio';
  await page.goto(`/recherche?idcc=3168&q=${encodeURIComponent(q)}`);
  await expect(page.getByRole('heading', { level: 2, name: /emplois-repères pour/ })).toBeVisible();
  await expect(page.getByText('Recherche par description')).toBeVisible();
  await expect(page.getByRole('heading', { level: 3 }).first()).toContainText(/Retoucheur/);
  await expectNoHorizontalScroll(page);
  await checkAxe(page, 'recherche par description (375 px)');
  await snap(page, 'recherche-description');
});

test('un intitulé de paie sans niveau : les niveaux possibles nommés, la confiance donnée pour le métier', async ({ page }) => {
  await page.goto('/recherche?idcc=1431&q=VENDEUSE');
  await expect(page.getByText('Niveau à départager', { exact: true })).toBeVisible();
  await expect(page.getByText(/L'intitulé convient autant à Vendeur 1 \(1\.1, 1\.2\) et à Vendeur 2/)).toBeVisible();
  await expect(page.getByText(/Vraisemblance : \d+ % pour le métier — niveau à départager/)).toBeVisible();
  await expect(page.getByText('Réponse incertaine')).toHaveCount(0);
  await checkAxe(page, 'recherche par intitulé sans niveau');
});

test('une recherche sans correspondance nette le dit : « Réponse incertaine »', async ({ page }) => {
  await page.goto('/recherche?idcc=2198&q=zzzzqqq');
  await expect(page.getByRole('heading', { level: 2, name: /pour « zzzzqqq »/ })).toBeVisible();
  await expect(page.getByText('Réponse incertaine')).toBeVisible();
});

test('métallurgie, sans emplois-repères : les critères de cotation lus, une fourchette de classes citée', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  const q = 'Technicien de maintenance H/F. Vous réalisez les diagnostics de pannes et proposez des améliorations. Vous intervenez en autonomie. Vous formez les opérateurs. Vous échangez avec les fournisseurs. BTS maintenance exigé.';
  await page.goto(`/recherche?idcc=3248&q=${encodeURIComponent(q)}`);
  await expect(page.getByRole('heading', { level: 2, name: /Lecture des critères de cotation pour/ })).toBeVisible();
  await expect(page.getByText(/Classes possibles : C6, D7/)).toBeVisible();
  await expect(page.getByText(/Lu dans votre texte : « Vous formez les opérateurs\. »/)).toBeVisible();
  await expect(page.getByRole('link', { name: 'Répondre au questionnaire' })).toBeVisible();
  await expectNoHorizontalScroll(page);
  await checkAxe(page, 'recherche métallurgie par cotation (375 px)');
  await page.goto(`/recherche?idcc=3248&q=${encodeURIComponent('Soudeur')}`);
  await expect(page.getByText('Aucun critère de cotation lu dans votre texte')).toBeVisible();
});
