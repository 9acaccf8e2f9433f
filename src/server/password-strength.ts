/**
 * Is a new password good enough? zxcvbn-ts estimates how many guesses an attacker needs, with
 * the common password lists, French words, first and last names, keyboard walks (AZERTY too)
 * and the person's own e-mail and name as things to guess first. Its dictionaries take about
 * a second and 100 MB to load: the server loads them once it listens (main.ts); a program that
 * only builds the app (tests) loads them on the first password set.
 */
import type { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { HttpError } from './errors.js';

/** zxcvbn's scale: 3 is "safely unguessable: moderate protection from offline slow-hash attacks" (10^8 guesses and more). */
export const MIN_SCORE = 3;

export const MAX_CHECKED_LENGTH = 64;

let estimator: Promise<ZxcvbnFactory> | undefined;

async function load(): Promise<ZxcvbnFactory> {
  const [{ ZxcvbnFactory }, common, fr] = await Promise.all([import('@zxcvbn-ts/core'), import('@zxcvbn-ts/language-common'), import('@zxcvbn-ts/language-fr')]);
  return new ZxcvbnFactory({
    // Bounds on the estimator's own work (measured: a random 200-character password took 27 s
    // with the defaults, 256 characters and 100 l33t substitutions). A password is judged on its
    // first 64 characters — a strong prefix makes a strong password; 3 substitutions still catch
    // « p@ssw0rd » and « m0tdep@sse ». Worst case then about 150 ms, behind the rate limits.
    maxLength: MAX_CHECKED_LENGTH,
    l33tMaxSubstitutions: 3,
    translations: fr.translations,
    graphs: common.adjacencyGraphs,
    dictionary: { ...common.dictionary, ...fr.dictionary },
  });
}

/** Loads the dictionaries now (a server may call it once it listens, to spare the first user the wait). */
export function warmPasswordEstimator(): Promise<ZxcvbnFactory> {
  return (estimator ??= load());
}

export interface PasswordOwner {
  email: string;
  name?: string | undefined;
}

/** The French reason a password is refused, or null when it is accepted. */
export async function passwordWeakness(password: string, owner: PasswordOwner): Promise<string | null> {
  // eslint-disable-next-line no-control-regex -- control characters are what is refused here
  if (/[\u0000-\u001f\u007f]/.test(password)) return 'Le mot de passe ne doit pas contenir de caractères de contrôle (retour à la ligne, tabulation, caractère nul…).';
  if (password.trim() === '') return 'Le mot de passe ne peut pas être fait que d’espaces.';
  const email = owner.email.trim().toLowerCase();
  if (email !== '' && password.toLowerCase().includes(email)) return 'Le mot de passe ne doit pas contenir votre adresse e-mail.';
  const local = email.split('@')[0] ?? '';
  const inputs = [email, local, ...local.split(/[._+-]+/), ...(owner.name ? [owner.name, ...owner.name.split(/\s+/)] : [])].filter((s) => s.length >= 3);
  const result = (await warmPasswordEstimator()).check(password, inputs);
  if (result.score >= MIN_SCORE) return null;
  const why = [result.feedback.warning, ...result.feedback.suggestions].filter((s): s is string => !!s);
  return `Mot de passe trop facile à deviner${why.length ? ` : ${why.join(' ')}` : '.'} Une phrase de quelques mots sans rapport entre eux est à la fois solide et facile à retenir.`;
}

/** Throws a 400 naming the field when the password is too weak. */
export async function assertStrongPassword(password: string, owner: PasswordOwner, field = 'password'): Promise<void> {
  const weakness = await passwordWeakness(password, owner);
  if (weakness) throw new HttpError('invalid', `Mot de passe refusé (corps « ${field} ») : ${weakness}`, [{ path: `body.${field}`, message: weakness }]);
}
