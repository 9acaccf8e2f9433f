/**
 * Accessibility of every page: no serious or critical axe-core violation, on a desktop screen
 * and on a 375 px phone, signed out and signed in; the keyboard reaches everything.
 */
import { expect, test, type Page } from '@playwright/test';
import { checkAxe, expectNoHorizontalScroll, register, snap } from './support.js';

const PUBLIC_PAGES: [string, string][] = [
  ['accueil', '/'],
  ['recherche', '/recherche?idcc=1431&q=opticien'],
  ['recherche-toutes-conventions', '/recherche?q=vendeuse'],
  ['questionnaire', '/classer?idcc=2198'],
  ['grille-3168', '/grilles?idcc=3168'],
  ['grille-1431-ancienne', '/grilles?idcc=1431&at=2020-01-01'],
  ['comparaison-1431', '/grilles/comparer?idcc=1431'],
  ['audit-sans-compte', '/audits'],
  ['connexion', '/connexion'],
  ['inscription', '/inscription'],
  ['compte-sans-compte', '/compte'],
  ['introuvable', '/nulle-part'],
];

async function visit(page: Page, name: string, path: string) {
  await page.goto(path);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  // A search in every convention runs three matchers: it may take a while on a loaded machine.
  await expect(page.locator('[role="status"].loading')).toHaveCount(0, { timeout: 45_000 });
  await checkAxe(page, `${name} (${page.viewportSize()?.width} px)`);
  await snap(page, name);
}

for (const width of [1280, 375]) {
  test(`pages publiques sans violation axe grave — ${width} px`, async ({ page }) => {
    test.setTimeout(180_000);
    await page.setViewportSize({ width, height: 900 });
    for (const [name, path] of PUBLIC_PAGES) {
      await visit(page, name, path);
      if (width === 375) await expectNoHorizontalScroll(page);
    }
    // The grid with a job card open, and the comparison's reasons open.
    await page.goto('/grilles?idcc=2198');
    await page.locator('details > summary').first().click();
    await expect(page.locator('details[open] article')).toBeVisible();
    await checkAxe(page, `grille 2198 avec une fiche ouverte (${width} px)`);
    await snap(page, 'grille-2198-fiche');
  });

  test(`pages du compte sans violation axe grave — ${width} px`, async ({ page }) => {
    await page.setViewportSize({ width, height: 900 });
    await register(page, { name: `Axe ${width}`, organisation: `Organisation ${width}` });
    for (const [name, path] of [
      ['compte', '/compte'],
      ['salaries', '/salaries'],
      ['audits', '/audits'],
      ['questionnaire-connecte', '/classer?idcc=3168&job=retoucheur-2'],
    ] as const) {
      await visit(page, name, path);
      if (width === 375) await expectNoHorizontalScroll(page);
    }
  });
}

test('clavier : lien d’évitement, menu, formulaire de recherche', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByLabel('Convention collective', { exact: true })).toBeVisible();
  await page.waitForLoadState('networkidle');
  // Start from the top of the document, as a keyboard user arriving on the page.
  await page.evaluate(() => {
    (document.activeElement as HTMLElement | null)?.blur();
    window.focus();
  });
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Aller au contenu' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.locator('main#contenu')).toBeFocused();
  // From the content, Tab reaches the first field, and Enter in the form searches.
  // The search box comes first: a lay user need not choose a convention.
  await page.keyboard.press('Tab');
  await expect(page.getByLabel(/Intitulé ou description du poste/)).toBeFocused();
  await page.keyboard.type('opticien');
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Convention collective', { exact: true })).toBeFocused();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Rechercher' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 2, name: /« opticien »/ })).toBeVisible({ timeout: 30_000 });
  // After a navigation through a link, focus goes to the new page's title.
  await page.getByRole('link', { name: 'Grilles', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Grilles de classification' })).toBeFocused();
});

test('téléphone : le menu se déplie au clavier et se referme après navigation', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  await page.goto('/');
  const toggle = page.getByRole('button', { name: 'Menu' });
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await expect(page.getByRole('navigation', { name: 'Menu principal' })).toBeHidden();
  await toggle.focus();
  await page.keyboard.press('Enter');
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  await page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'Grilles' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Grilles de classification' })).toBeVisible();
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
});
