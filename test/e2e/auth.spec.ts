/**
 * Accounts: sign in and out, organisations isolated from each other, invitations, password
 * resets, roles (admin, member, read-only) and API tokens.
 */
import { expect, test, type Browser, type Page } from '@playwright/test';
import { checkAxe, login, PASSWORD, register, snap } from './support.js';

async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext();
  return context.newPage();
}

async function saveDecision(page: Page): Promise<string> {
  await page.goto('/classer?idcc=3168&job=retoucheur-2');
  await expect(page.locator('.verdict')).toHaveText('Position 195 (Retoucheur 2e niveau) — ouvrier/employé');
  await page.getByRole('button', { name: 'Enregistrer la décision' }).click();
  await expect(page).toHaveURL(/\/decisions\/[^/]+$/);
  return page.url();
}

test('connexion, déconnexion, mauvais mot de passe', async ({ page }) => {
  const email = await register(page, { name: 'Léa Leroy', organisation: 'Photo Leroy' });
  await checkAxe(page, 'mon compte');
  await snap(page, 'compte');
  await page.getByRole('link', { name: 'Se déconnecter' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Se connecter' })).toBeVisible();
  await checkAxe(page, 'connexion');
  await expect(page.getByRole('link', { name: 'Se connecter' })).toBeVisible();

  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe').fill('pas-le-bon-mot-de-passe');
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.getByRole('alert')).toContainText('Adresse e-mail ou mot de passe incorrect');

  await login(page, email);
  await expect(page.getByText('Photo Leroy').first()).toBeVisible();
  await expect(page.getByRole('definition').filter({ hasText: 'administrateur' })).toBeVisible();
});

test('isolation : une organisation ne voit ni les décisions ni les salariés d’une autre', async ({ browser }) => {
  const a = await newPage(browser);
  await register(a, { name: 'Alice Martin', organisation: 'Studio Alice' });
  const decisionUrl = await saveDecision(a);
  await a.goto('/salaries');
  await a.getByLabel('Matricule').fill('ALICE-1');
  await a.getByLabel(/^Nom/).fill('Salarié d’Alice');
  await a.getByRole('button', { name: 'Ajouter' }).click();
  await expect(a.getByRole('link', { name: 'Salarié d’Alice' })).toBeVisible();
  await checkAxe(a, 'salariés');

  const b = await newPage(browser);
  await register(b, { name: 'Bruno Durand', organisation: 'Optique Bruno' });
  await b.goto(new URL(decisionUrl).pathname);
  await expect(b.getByRole('alert')).toContainText(/introuvable/i);
  await expect(b.getByRole('article', { name: 'Notification de classification' })).toHaveCount(0);
  await b.goto('/salaries');
  await expect(b.getByText('Aucun salarié enregistré')).toBeVisible();
  await expect(b.getByRole('link', { name: 'Salarié d’Alice' })).toHaveCount(0);
  // Through the API too.
  const id = new URL(decisionUrl).pathname.split('/').pop()!;
  expect((await b.request.get(`/api/decisions/${id}`)).status()).toBe(404);

  // Signed out: the decision is not readable either.
  const anon = await newPage(browser);
  await anon.goto(new URL(decisionUrl).pathname);
  await expect(anon.getByRole('alert')).toBeVisible();
  expect((await anon.request.get(`/api/decisions/${id}`)).status()).toBe(401);
});

test('rôles : un membre en lecture seule consulte sans modifier ; jetons d’API', async ({ browser }) => {
  const admin = await newPage(browser);
  await register(admin, { name: 'Anne Admin', organisation: 'Lunetterie Anne' });
  await saveDecision(admin);

  // A new member, read-only: an invitation link shown once, no account made for them.
  await admin.goto('/compte');
  const readerEmail = `lecteur.${Date.now().toString(36)}@exemple.fr`;
  await admin.getByLabel('Adresse e-mail').fill(readerEmail);
  await admin.getByLabel('Rôle', { exact: true }).selectOption('read-only');
  await admin.getByRole('button', { name: 'Inviter', exact: true }).click();
  await expect(admin.getByText(`Invitation de ${readerEmail} comme lecture seule`)).toBeVisible();
  const link = (await admin.getByTestId('lien-unique').textContent())!.trim();
  expect(link).toMatch(/\/invitation#inv_[A-Za-z0-9_-]{43}$/);
  await expect(admin.getByRole('cell', { name: readerEmail, exact: true })).toBeVisible();
  await expect(admin.getByRole('heading', { name: 'Invitations en attente' })).toBeVisible();
  // An API token, shown once, that works as a bearer.
  await admin.getByLabel(/par exemple « logiciel de paie »/).fill('Logiciel de paie');
  await admin.getByLabel('Droits').selectOption('read-only');
  await admin.getByRole('button', { name: 'Créer le jeton' }).click();
  const token = (await admin.getByTestId('jeton').textContent())!.trim();
  await expect(admin.getByRole('cell', { name: /^Logiciel de paie/ })).toBeVisible();
  await checkAxe(admin, 'compte (membres et jetons)');
  await snap(admin, 'compte-admin');
  const me = await admin.request.get('/api/auth/me', { headers: { Authorization: `Bearer ${token}` } });
  expect(me.status()).toBe(200);
  expect((await me.json()).organisation.name).toBe('Lunetterie Anne');

  // The reader opens the link, chooses their own password (a weak one is refused, in French), and is in.
  const reader = await newPage(browser);
  await reader.goto(new URL(link).pathname + new URL(link).hash);
  await expect(reader.getByRole('heading', { level: 1, name: 'Rejoindre Lunetterie Anne' })).toBeVisible();
  await checkAxe(reader, 'invitation');
  await reader.getByLabel('Votre nom').fill('Léa Lectrice');
  await reader.getByLabel('Mot de passe', { exact: true }).fill('motdepasse12');
  await reader.getByLabel('Mot de passe, une seconde fois').fill('motdepasse12');
  await reader.getByRole('button', { name: 'Créer mon compte et rejoindre' }).click();
  await expect(reader.getByRole('alert')).toContainText('Mot de passe trop facile à deviner');
  await reader.getByLabel('Mot de passe', { exact: true }).fill(PASSWORD);
  await reader.getByLabel('Mot de passe, une seconde fois').fill(PASSWORD);
  await reader.getByRole('button', { name: 'Créer mon compte et rejoindre' }).click();
  await expect(reader.getByRole('heading', { level: 1, name: 'Mon compte' })).toBeVisible();
  expect(new URL(reader.url()).hash).toBe('');
  await expect(reader.getByRole('definition').filter({ hasText: 'lecture seule' })).toBeVisible();
  await expect(reader.getByRole('button', { name: 'Créer le jeton' })).toHaveCount(0);
  await reader.goto('/classer?idcc=3168&job=retoucheur-2');
  await expect(reader.getByText('Votre rôle (lecture seule) ne permet pas d’enregistrer une décision.')).toBeVisible();
  await expect(reader.getByRole('button', { name: 'Enregistrer la décision' })).toHaveCount(0);
  await reader.goto('/audits');
  await expect(reader.getByRole('button', { name: 'Lancer l’audit' })).toHaveCount(0);
  const forbidden = await reader.request.post('/api/decisions', {
    data: { idcc: '3168', facts: { jobId: 'retoucheur-2' } },
    headers: { 'X-CSRF-Token': (await reader.context().cookies()).find((c) => c.name === 'classif_csrf')?.value ?? '', Origin: new URL(reader.url()).origin },
  });
  expect(forbidden.status()).toBe(403);

  // The admin revokes the token: it stops working.
  await admin.goto('/compte');
  admin.once('dialog', (d) => void d.accept());
  await admin.getByRole('button', { name: 'Révoquer le jeton Logiciel de paie' }).click();
  await expect(admin.getByText(/révoqué le/)).toBeVisible();
  expect((await admin.request.get('/api/auth/me', { headers: { Authorization: `Bearer ${token}` } })).status()).toBe(401);

  // The reader forgot their password: the admin hands them a reset link; using it closes their other sessions.
  admin.once('dialog', (d) => void d.accept());
  await admin.getByRole('button', { name: 'Réinitialiser le mot de passe de Léa Lectrice' }).click();
  const resetLink = (await admin.getByTestId('lien-unique').textContent())!.trim();
  expect(resetLink).toMatch(/\/reinitialiser#rst_[A-Za-z0-9_-]{43}$/);
  const elsewhere = await newPage(browser);
  await elsewhere.goto(new URL(resetLink).pathname + new URL(resetLink).hash);
  await expect(elsewhere.getByRole('heading', { level: 1, name: 'Choisir un nouveau mot de passe' })).toBeVisible();
  await checkAxe(elsewhere, 'réinitialisation du mot de passe');
  await elsewhere.getByLabel('Mot de passe', { exact: true }).fill('une toute nouvelle phrase');
  await elsewhere.getByLabel('Mot de passe, une seconde fois').fill('une toute nouvelle phrase');
  await elsewhere.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
  await expect(elsewhere.getByRole('heading', { level: 1, name: 'Mon compte' })).toBeVisible();
  expect((await reader.request.get('/api/auth/me')).status()).toBe(401);
});
