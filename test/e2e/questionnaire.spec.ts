/**
 * The questionnaire: one question at a time (the next missing fact), the answer and its reasons
 * as it stands, going back; then the decision saved in the organisation and printed as the
 * written classification (PDF).
 */
import { expect, test, type Page } from '@playwright/test';
import { checkAxe, expectNoHorizontalScroll, register, snap } from './support.js';

async function answerQuestion(page: Page, question: RegExp, fill: () => Promise<void>) {
  const card = page.locator('#bloc-question');
  await expect(card).toContainText(question);
  await fill();
  await card.getByRole('button', { name: 'Valider la réponse' }).click();
}

test('questionnaire → décision enregistrée → classification écrite en PDF', async ({ page }) => {
  await register(page, { name: 'Odile Studio', organisation: 'Studio du Marché' });

  await page.goto('/classer?idcc=3168');
  await page.getByLabel(/Date du classement/).fill('2025-06-30');
  await expect(page.getByRole('heading', { level: 2, name: 'Question 1' })).toBeVisible();

  // The job, from the searchable list of the grid's benchmark jobs.
  const card = page.locator('#bloc-question');
  await expect(card.getByRole('group', { name: /Quel emploi-repère/ })).toBeVisible();
  await card.getByLabel('Chercher un emploi-repère').fill('assistant 1er niveau');
  await card.getByRole('radio', { name: /^Assistant 1er niveau/ }).check();
  await card.getByRole('button', { name: 'Valider la réponse' }).click();
  await expect(page.locator('.verdict')).toHaveText('Position 155 (Assistant 1er niveau) — ouvrier/employé');
  await expect(page.getByRole('heading', { level: 2, name: 'Question 2' })).toBeVisible();
  await checkAxe(page, 'questionnaire (question 2)');

  await answerQuestion(page, /diplôme/, () => card.getByRole('radio', { name: 'Aucun diplôme reconnu par la branche' }).check());
  await expect(page.getByRole('heading', { level: 2, name: 'Question 3' })).toBeVisible();

  // Going back brings the previous question back.
  await card.getByRole('button', { name: 'Revenir à la question précédente' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Question 2' })).toBeVisible();
  await answerQuestion(page, /diplôme/, () => card.getByRole('radio', { name: 'Aucun diplôme reconnu par la branche' }).check());

  await answerQuestion(page, /Depuis quelle date/, () => card.getByLabel(/Depuis quelle date/).fill('2024-01-15'));
  await expect(page.getByRole('heading', { name: 'Plus de question' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'Classement' })).toBeVisible();
  await expect(page.locator('.verdict')).toHaveText('Position 155 (Assistant 1er niveau) — ouvrier/employé');
  // The entry period is over: a warning with its due date and its text.
  const warning = page.locator('.notice-warning').filter({ hasText: 'À vérifier' });
  await expect(warning).toContainText('Période maximale dépassée');
  await expect(warning).toContainText('Échéance : 15/07/2024');
  // The reasons cite the text.
  const reasons = page.locator('section:has(#titre-reponse) ol.reasons > li');
  expect(await reasons.count()).toBeGreaterThan(2);
  await expect(reasons.locator('figure.cite').first()).toBeVisible();
  await expect(reasons.locator('a[href^="https://www.legifrance.gouv.fr/conv_coll/id/KALI"]').first()).toBeVisible();
  await checkAxe(page, 'questionnaire terminé');
  await snap(page, 'questionnaire');

  // Save it as a decision, for a new employee.
  await page.getByLabel(/Nom du salarié/).fill('Camille Martin');
  await page.getByLabel(/Intitulé du poste/).fill('Assistante studio');
  await page.getByLabel('Salarié concerné').selectOption({ label: 'Nouveau salarié : Camille Martin' });
  await page.getByLabel('Matricule du nouveau salarié').fill('M-0042');
  await page.getByRole('button', { name: 'Enregistrer la décision' }).click();

  await expect(page).toHaveURL(/\/decisions\/[^/]+$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Décision de classement' })).toBeVisible();
  const letter = page.getByRole('article', { name: 'Notification de classification' });
  await expect(letter).toContainText('Camille Martin');
  await expect(letter).toContainText('Position 155 (Assistant 1er niveau) — ouvrier/employé');
  await expect(letter).toContainText('Assistant 1er niveau');
  await expect(letter).toContainText('Studio du Marché');
  await expect(letter).toContainText('Période maximale dépassée');
  await expect(letter.getByRole('heading', { name: 'Ce qui fonde ce classement' })).toBeVisible();
  await expect(letter.locator('a[href^="https://www.legifrance.gouv.fr/conv_coll/id/KALI"]').first()).toBeVisible();
  await expect(letter).toContainText('Aucun diplôme reconnu par la branche');
  await expect(letter).toContainText('15/01/2024');
  await expect(page.getByText('Poste dans l’entreprise : Assistante studio')).toBeVisible();
  await checkAxe(page, 'décision');
  await snap(page, 'decision');

  // Printed, the page is the written classification alone.
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.site-header')).toBeHidden();
  await expect(page.getByRole('button', { name: 'Imprimer / PDF' })).toBeHidden();
  await expect(letter).toBeVisible();
  await expect(letter.getByText('Pour l’employeur (nom, qualité, signature)')).toBeVisible();
  await snap(page, 'decision-impression');
  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  expect(pdf.length).toBeGreaterThan(10_000);
  if (process.env.E2E_SCREENSHOTS) await page.pdf({ path: `${process.env.E2E_SCREENSHOTS}/decision.pdf`, format: 'A4' });
  await page.emulateMedia({ media: 'screen' });

  // The decision is in the employee's history.
  await page.getByRole('link', { name: 'Camille Martin' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Camille Martin' })).toBeVisible();
  await expect(page.getByRole('list').getByRole('link', { name: /Position 155/ })).toBeVisible();
});

test('questionnaire : nombre refusé, question passée, réponse modifiée', async ({ page }) => {
  await page.goto('/classer?idcc=1431');
  const card = page.locator('#bloc-question');
  await answerQuestion(page, /diplôme d'optique/, () => card.getByRole('radio', { name: /BTS opticien-lunetier/ }).check());
  // A wrong number is refused with a message, not sent.
  await expect(card).toContainText(/années/);
  await card.getByRole('textbox').fill('deux');
  await card.getByRole('button', { name: 'Valider la réponse' }).click();
  await expect(card.getByRole('alert')).toContainText('nombre');
  await expect(card.getByRole('textbox')).toHaveAttribute('aria-invalid', 'true');
  await card.getByRole('textbox').fill('1');
  await card.getByRole('button', { name: 'Valider la réponse' }).click();
  await expect(card).toContainText('Quelle fonction de direction');
  await card.getByRole('button', { name: 'Je ne sais pas, passer' }).click();
  await answerQuestion(page, /salariés le salarié encadre/, () => card.getByRole('textbox').fill('0'));
  await expect(page.getByRole('heading', { name: 'Plus de question' })).toBeVisible();
  await expect(card).toContainText('Les questions restantes ont été passées');
  const answers = page.locator('.answers');
  await expect(answers).toContainText('passée');
  await expect(page.locator('.verdict')).toContainText('Positions A à K');

  // Changing an earlier answer recomputes.
  await answers.getByRole('button', { name: /Modifier la réponse : Quel est le diplôme/ }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Modifier une réponse' })).toBeVisible();
  await card.getByRole('radio', { name: /Licence professionnelle/ }).check();
  await card.getByRole('button', { name: 'Valider la réponse' }).click();
  await expect(page.locator('.verdict')).toContainText('Positions B à K');
  await expect(answers).toContainText('Licence professionnelle');
});

test('sans compte : le questionnaire fonctionne, l’enregistrement demande une connexion ; sur un téléphone', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  await page.goto('/classer?idcc=3168&job=retoucheur-2');
  await expect(page.locator('.verdict')).toHaveText('Position 195 (Retoucheur 2e niveau) — ouvrier/employé');
  await expect(page.getByRole('link', { name: 'Connectez-vous' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Enregistrer la décision' })).toHaveCount(0);
  await expectNoHorizontalScroll(page);
  await checkAxe(page, 'questionnaire sans compte (375 px)');
  await snap(page, 'questionnaire-anonyme');
  // Printing works without an account too.
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('article', { name: 'Notification de classification' })).toBeVisible();
  await expect(page.locator('#bloc-question')).toBeHidden();
  await snap(page, 'questionnaire-impression');
});
