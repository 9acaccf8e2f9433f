/**
 * Helpers of the browser tests: accounts, the axe-core check, screenshots.
 */
import { expect, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { AxeResults } from 'axe-core';

const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');

export const PASSWORD = 'motdepasse-e2e-2026';

let counter = 0;
/** A unique e-mail per call (tests run in parallel against one database). */
export function uniqueEmail(prefix: string): string {
  counter++;
  return `${prefix}.${Date.now().toString(36)}${process.pid}${counter}@exemple.fr`;
}

/** Creates an account (and its organisation) through the form; the page is signed in after. */
export async function register(page: Page, opts: { name: string; organisation: string; email?: string }): Promise<string> {
  const email = opts.email ?? uniqueEmail(opts.name.toLowerCase().replace(/[^a-z]+/g, '-'));
  await page.goto('/inscription');
  await page.getByLabel('Votre nom').fill(opts.name);
  await page.getByLabel('Nom de l’entreprise ou de l’organisation').fill(opts.organisation);
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel(/^Mot de passe/).fill(PASSWORD);
  await page.getByRole('button', { name: 'Créer le compte' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Mon compte' })).toBeVisible();
  await expect(page.getByText(opts.organisation).first()).toBeVisible();
  return email;
}

export async function login(page: Page, email: string, password = PASSWORD): Promise<void> {
  await page.goto('/connexion');
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe').fill(password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Mon compte' })).toBeVisible();
}

/**
 * Runs axe-core on the page as it is; fails on any serious or critical violation, listing them.
 * Returns the number of minor and moderate ones, for the log.
 */
export async function checkAxe(page: Page, label: string): Promise<{ serious: number; other: number }> {
  // Charts, lists and tables must be drawn before the check.
  await page.waitForLoadState('networkidle');
  await expect(page.locator('[role="status"].loading')).toHaveCount(0);
  await page.addScriptTag({ path: AXE });
  const results = (await page.evaluate(() =>
    (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<unknown> } }).axe.run(document, { resultTypes: ['violations'] }),
  )) as AxeResults;
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const other = results.violations.length - serious.length;
  const report = serious.map((v) => `${v.impact} ${v.id} : ${v.help}\n${v.nodes.map((n) => `    ${n.target.join(' ')} — ${n.failureSummary?.split('\n').join(' ')}`).join('\n')}`).join('\n');
  expect(serious, `${label} : violations axe graves\n${report}`).toEqual([]);
  if (other > 0) console.log(`axe ${label} : ${other} violation(s) mineure(s) : ${results.violations.filter((v) => !serious.includes(v)).map((v) => `${v.id} (${v.impact})`).join(', ')}`);
  return { serious: serious.length, other };
}

/** A full-page screenshot, when E2E_SCREENSHOTS names a directory (for looking at the pages). */
export async function snap(page: Page, name: string): Promise<void> {
  const dir = process.env.E2E_SCREENSHOTS;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  const width = page.viewportSize()?.width ?? 0;
  await page.screenshot({ path: join(dir, `${name}-${width}.png`), fullPage: true });
}

/** Nothing sticks out sideways on a phone: the page is no wider than the screen. */
export async function expectNoHorizontalScroll(page: Page): Promise<void> {
  const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  expect(scroll, 'la page déborde en largeur').toBeLessThanOrEqual(client + 1);
}
