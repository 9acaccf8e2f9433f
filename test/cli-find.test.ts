/**
 * For a user who does not know their convention: the finder (NAF code, name, IDCC), the search
 * in every convention at once, and the small items of the command line (issue 12).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findConventions, normalizeNaf, searchAllConventions } from '../src/service/conventions.js';
import { parseTypedDate } from '../src/service/dates.js';
import { loadCatalogue } from '../src/grids/catalogue.js';
import { HELP } from '../src/cli/commands.js';
import { classif } from './support/cli.js';

const catalogue = loadCatalogue();
const found = (q: { q?: string; naf?: string }) => findConventions(catalogue, q).map((f) => `${f.convention.idcc}:${f.matched}`);

describe('the convention finder', () => {
  it('reads NAF codes as people write them', () => {
    expect(['47.78A', '4778A', '47-78a', ' 47.78 a '].map(normalizeNaf)).toEqual(['47.78A', '47.78A', '47.78A', '47.78A']);
    expect(normalizeNaf('4778')).toBeUndefined();
  });

  it('finds the convention of a company by its NAF code, as the champ d’application states it (1431: « code NAF 47.78A »)', () => {
    expect(found({ naf: '47.78A' })).toEqual(['1431:naf']);
    expect(found({ naf: '4778C' })).toEqual(['3168:naf']);
    expect(found({ naf: '10.71C' })).toEqual([]);
    expect(catalogue.convention('1431')!.nafSource?.quote).toContain('NAF 47.78A');
  });

  it('finds a convention by words of its name (without accents or the ending) or by its IDCC', () => {
    expect(found({ q: 'photo' })).toEqual(['3168:name']);
    expect(found({ q: 'Optique' })).toEqual(['1431:name']);
    expect(found({ q: 'commerce a distance' })).toEqual(['2198:name']);
    expect(found({ q: '1431' })).toEqual(['1431:idcc']);
    expect(found({ q: '47.78A' })).toEqual(['1431:naf']);
    expect(found({ q: 'boulangerie' })).toEqual([]);
  });
});

describe('search in every convention', () => {
  it('finds « vendeuse » and « opticienne » with no convention chosen, each answer naming its convention', () => {
    const vendeuse = searchAllConventions(catalogue, 'vendeuse', { at: '2026-12-07', limit: 5 });
    // The titles found come first: the optician shop's « Vendeur » and the photo shop's « Opérateur vendeur ».
    expect(vendeuse.slice(0, 2).map((g) => g.idcc).sort()).toEqual(['1431', '3168']);
    expect(vendeuse.every((g) => g.shortTitle && g.title.startsWith('Convention collective'))).toBe(true);
    const byIdcc = Object.fromEntries(vendeuse.map((g) => [g.idcc, g.results[0]!.job.title]));
    expect(byIdcc['1431']).toMatch(/^Vendeur/);
    expect(byIdcc['3168']).toMatch(/vendeur/);
    const opticienne = searchAllConventions(catalogue, 'opticienne', { at: '2026-12-07', limit: 5 });
    expect(opticienne[0]!.idcc).toBe('1431');
    expect(opticienne[0]!.results[0]!.job.title).toMatch(/^Opticien/);
  });
});

describe('command line', () => {
  it('classif conventions --naf 47.78A names the optician convention and cites its champ d’application', () => {
    const r = classif('conventions', '--naf', '47.78A');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('IDCC 1431');
    expect(r.stdout).toContain('« régis notamment sous le code NAF 47.78A »');
    expect(r.stdout).not.toContain('IDCC 3168');
    const json = classif('conventions', '--naf', '4778C', '--json').json<{ idcc: string; matched: string }[]>();
    expect(json.map((c) => [c.idcc, c.matched])).toEqual([['3168', 'naf']]);
    const bad = classif('conventions', '--naf', 'optique');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--naf invalide');
    const none = classif('conventions', '--name', 'boulangerie');
    expect(none.status).toBe(0);
    expect(none.stdout).toContain('Aucune convention prise en charge ne correspond');
  });

  it('classif search "<texte>" without an IDCC searches every convention, grouped', () => {
    const r = classif('search', 'opticienne', '--limit', '2');
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('== Optique-lunetterie de détail (IDCC 1431) ==');
    const json = classif('search', 'vendeuse', '--json').json<{ conventions: { idcc: string }[] }>();
    expect(json.conventions.map((c) => c.idcc)).toContain('1431');
  });

  it('accepts --at as JJ/MM/AAAA, as the files do', () => {
    expect(parseTypedDate('15/01/2026')).toBe('2026-01-15');
    expect(parseTypedDate('2026-01-15')).toBe('2026-01-15');
    expect(() => parseTypedDate('31/02/2026')).toThrow(/JJ\/MM\/AAAA/);
    const r = classif('grid', '3168', '--at', '15/01/2026', '--json');
    expect(r.status).toBe(0);
    expect(r.json<{ grid: { id: string } }>().grid.id).toBe('3168-2024');
  });

  it('--help and the README agree on the exit codes', () => {
    const readme = readFileSync(join(import.meta.dirname, '..', 'README.md'), 'utf8');
    expect(readme).toMatch(/`1` constats de la gravité de `--fail-on`/);
    expect(HELP).toContain('1 constats de la gravité de --fail-on (audit) ou erreur interne');
  });

  it('the audit template ends with a newline', () => {
    const r = classif('audit', '--template');
    expect(r.status).toBe(0);
    expect(r.stdout.endsWith('\r\n')).toBe(true);
  });
});
