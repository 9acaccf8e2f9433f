import { mkdtempSync, mkdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Catalogue, loadCatalogue, PACKAGE_ROOT } from '../src/grids/catalogue.js';
import { openCatalogue } from '../src/grids/open.js';
import { examplesStamp, learnFromBuild, readMatcherSnapshot, readSnapshot } from '../src/grids/snapshot.js';
import { addDuration, isIsoDate } from '../src/grids/dates.js';
import { GridFileError } from '../src/grids/errors.js';
import { cuesOf, levelCues } from '../src/match/cues.js';

const catalogue = loadCatalogue();

describe('catalogue', () => {
  it('holds the four conventions, each with dated grid versions in order', () => {
    expect(catalogue.conventions.map((c) => c.idcc)).toEqual(['1431', '2198', '3168', '3248']);
    for (const conv of catalogue.conventions) {
      expect(conv.grids.length).toBeGreaterThan(0);
      conv.grids.forEach((g, i) => {
        const next = conv.grids[i + 1];
        if (next) expect(g.effectiveTo! < next.effectiveFrom).toBe(true);
        else expect(g.effectiveTo).toBeNull();
      });
    }
  });

  it('picks the grid in force at a date, with both ends of each period', () => {
    for (const conv of catalogue.conventions) {
      for (const g of conv.grids) {
        expect(conv.gridAt(g.effectiveFrom)?.id).toBe(g.id);
        if (g.effectiveTo) expect(conv.gridAt(g.effectiveTo)?.id).toBe(g.id);
      }
      const first = conv.grids[0]!;
      const dayBefore = new Date(`${first.effectiveFrom}T00:00:00Z`);
      dayBefore.setUTCDate(dayBefore.getUTCDate() - 1);
      expect(conv.gridAt(dayBefore.toISOString().slice(0, 10))).toBeUndefined();
    }
  });

  it('switches 3168 from the 2009 accord to the 2024 avenant on the avenant date', () => {
    const photo = catalogue.convention('3168')!;
    const g2024 = photo.grid('3168-2024')!;
    expect(photo.gridAt(g2024.effectiveFrom)?.id).toBe('3168-2024');
    const before = new Date(`${g2024.effectiveFrom}T00:00:00Z`);
    before.setUTCDate(before.getUTCDate() - 1);
    expect(photo.gridAt(before.toISOString().slice(0, 10))?.id).toBe('3168-2009');
  });

  it('resolves "Mêmes fonctions que précédent" into the full duties, inherited first', () => {
    const grid = catalogue.convention('3168')!.grid('3168-2024')!;
    const r2 = grid.jobs.find((j) => j.title === 'Retoucheur 2e niveau')!;
    const r1 = grid.jobs.find((j) => j.title === 'Retoucheur 1er niveau')!;
    expect(r2.inherits).toBe(r1.id);
    const duties = grid.jobDuties(r2.id);
    expect(duties.slice(0, r1.duties.length)).toEqual(r1.duties);
    expect(duties.length).toBe(r1.duties.length + r2.duties.length);
  });

  it('every job of every grid has a position and a status', () => {
    for (const conv of catalogue.conventions) {
      for (const g of conv.grids) {
        for (const j of g.jobs) expect(g.jobStatuses(j).length, `${g.id} ${j.id}`).toBeGreaterThan(0);
      }
    }
  });
});

describe('malformed grid files', () => {
  function fixture(gridYaml: string): string {
    const root = mkdtempSync(join(tmpdir(), 'classif-grid-'));
    mkdirSync(join(root, 'grids', '9999-essai'), { recursive: true });
    mkdirSync(join(root, 'texts'));
    writeFileSync(join(root, 'texts', 'essai.txt'), '150. Agent administratif débutant\nEffectue les tâches.\n');
    writeFileSync(
      join(root, 'grids', '9999-essai', 'convention.yaml'),
      `idcc: "9999"\ntitle: Essai\nshortTitle: essai\nkali: KALICONT000000000001\ndocuments:\n  - { id: essai, title: Essai, file: texts/essai.txt }\ngrids: [g.yaml]\n`,
    );
    writeFileSync(join(root, 'grids', '9999-essai', 'g.yaml'), gridYaml);
    return root;
  }
  const valid = `id: essai-1
title: Essai
signed: 2020-01-01
effectiveFrom: 2020-01-01
effectiveFromReason: signature
source: { doc: essai, quote: "Agent administratif" }
tracks:
  - { id: t, title: T, source: { doc: essai, quote: "Agent administratif" } }
positions:
  - { code: "150", status: ouvrier-employe, rank: 1, source: { doc: essai, quote: "150." } }
jobs:
  - id: agent
    title: Agent administratif débutant
    track: t
    positions: ["150"]
    source: { doc: essai, quote: "150. Agent administratif débutant" }
lastVerified: 2026-12-07
`;

  it('loads a valid minimal grid', () => {
    const cat = loadCatalogue({ root: fixture(valid) });
    expect(cat.convention('9999')?.grids[0]?.job('agent')?.title).toBe('Agent administratif débutant');
  });

  it('names the file, the path and the line of a schema error', () => {
    const root = fixture(valid.replace('status: ouvrier-employe', 'status: employe'));
    try {
      loadCatalogue({ root });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(GridFileError);
      const err = e as GridFileError;
      expect(err.file).toBe('grids/9999-essai/g.yaml');
      expect(err.problems[0]).toMatchObject({ path: 'positions.0.status', line: 10 });
      expect(err.message).toContain('positions.0.status (ligne 10)');
    }
  });

  it('rejects a job that names a position the grid does not have', () => {
    const root = fixture(valid.replace('positions: ["150"]', 'positions: ["999"]'));
    expect(() => loadCatalogue({ root })).toThrowError(/jobs\.0\.positions\.0 \(ligne \d+\) : position inconnu\(e\) : « 999 »/);
  });

  it('rejects an undeclared document, a bad date and broken YAML', () => {
    expect(() => loadCatalogue({ root: fixture(valid.replace('{ doc: essai, quote: "150." }', '{ doc: autre, quote: "150." }')) })).toThrowError(/document inconnu\(e\) : « autre »/);
    expect(() => loadCatalogue({ root: fixture(valid.replace('signed: 2020-01-01', 'signed: 2020-02-30')) })).toThrowError(/signed.*date inexistante/);
    expect(() => loadCatalogue({ root: fixture(`${valid}\n  - [unclosed`) })).toThrowError(GridFileError);
  });

  it('learns examples only from the sets eval/training.json lists, and never from a held-out set', () => {
    const root = fixture(valid);
    mkdirSync(join(root, 'eval'));
    writeFileSync(join(root, 'eval', 'a.yaml'), '- { id: a1, idcc: "9999", text: "Saisit les factures.", expect: { job: Agent administratif débutant, positions: ["150"] } }\n');
    writeFileSync(join(root, 'eval', 'training.json'), '{ "at": "2020-06-01", "sets": ["a"] }');
    expect(loadCatalogue({ root }).convention('9999')!.grids[0]!.examples.map((e) => e.id)).toEqual(['a1']);
    writeFileSync(join(root, 'eval', 'training.json'), '{ "at": "2020-06-01", "sets": ["a", "test"] }');
    expect(() => loadCatalogue({ root })).toThrowError(/jamais à l'apprentissage : test/);
    // The held-out sets of issue 11 (payroll titles, other branches' definitions), any *-test and any *-fresh*.
    for (const set of ['titles-test', 'others-test', 'fresh4', 'new-test', 'others-fresh', 'titles-fresh', 'others-fresh2', 'others-fresh7', 'own-fresh']) {
      writeFileSync(join(root, 'eval', 'training.json'), `{ "at": "2020-06-01", "sets": ["a", "${set}"] }`);
      expect(() => loadCatalogue({ root })).toThrowError(new RegExp(`jamais à l'apprentissage : ${set}`));
    }
    // The first authors' sets became tuning sets once run.
    for (const set of ['fresh', 'fresh2', 'fresh3']) {
      writeFileSync(join(root, 'eval', set + '.yaml'), '[]\n');
      writeFileSync(join(root, 'eval', 'training.json'), `{ "at": "2020-06-01", "sets": ["a", "${set}"] }`);
      expect(() => loadCatalogue({ root })).not.toThrow();
    }
  });

  it('uses the examples the build kept while eval/ is as it was, and reads eval/ otherwise', async () => {
    const snapshot = readSnapshot(PACKAGE_ROOT)!;
    expect(snapshot.examplesStamp).toBe(examplesStamp(PACKAGE_ROOT));
    const built = await openCatalogue();
    expect(built.convention('3168')!.gridAt('2025-06-01')!.examples.length).toBeGreaterThan(100);
    expect(built.convention('3168')!.grid('3168-2009')!.examples).toEqual([]);
    expect(learnFromBuild(new Catalogue(snapshot, PACKAGE_ROOT), { ...snapshot, examplesStamp: 'training.json:0:0' }, PACKAGE_ROOT)).toBe(false);
  });

  it('parses a convention of the snapshot only when it is asked for, each with its examples and built indexes', () => {
    const snapshot = readSnapshot(PACKAGE_ROOT)!;
    const read: string[] = [];
    const sources = snapshot.conventions.map((c) => ('read' in c ? { idcc: c.idcc, read: () => (read.push(c.idcc), c.read()) } : c));
    const lazy = new Catalogue({ ...snapshot, conventions: sources }, PACKAGE_ROOT);
    expect(learnFromBuild(lazy, snapshot, PACKAGE_ROOT)).toBe(true);
    expect(read).toEqual([]);
    expect(lazy.convention('1431')!.gridAt('2025-06-01')!.builtMatcher()).toBeDefined();
    expect(read).toEqual(['1431']);
    // Built later, the others get the same: examples and the build's indexes.
    expect(lazy.conventions.map((c) => c.idcc)).toEqual(['1431', '2198', '3168', '3248']);
    expect(read).toEqual(['1431', '2198', '3168', '3248']);
    expect(lazy.convention('3168')!.gridAt('2025-06-01')!.examples.length).toBeGreaterThan(100);
    expect(lazy.convention('3168')!.gridAt('2025-06-01')!.builtMatcher()).toBeDefined();
    // One JSON document, whose conventions are those the catalogue reads one by one.
    const whole = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'dist', 'catalogue.json'), 'utf8')) as { head: { fingerprint: string }; conventions: unknown[] };
    expect(whole.head.fingerprint).toBe(snapshot.fingerprint);
    expect(whole.conventions).toEqual(snapshot.conventions.map((c) => ('read' in c ? c.read() : c)));
  });

  it('takes a damaged build file for an absent one (the indexes are then built, never a crash)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'classif-damaged-'));
    // The matcher's file: its sizes right, its JSON head not JSON.
    const head = Buffer.from('{"fingerprint": pas du JSON');
    const header = Buffer.alloc(16);
    header.write('CLM1', 0, 'latin1');
    header.writeUInt32LE(head.length, 4);
    writeFileSync(join(dir, 'g.bin'), Buffer.concat([header, head, Buffer.alloc(Math.ceil(head.length / 8) * 8 - head.length, 0x20)]));
    expect(readMatcherSnapshot('g', dir)).toBeUndefined();
    // The catalogue's file: laid out as written, its head damaged.
    const file = join(dir, 'catalogue.json');
    writeFileSync(file, ['{"head":{"fingerprint": pas du JSON},', '"conventions":[', '{}', ']}'].join('\n'));
    expect(readSnapshot(PACKAGE_ROOT, file)).toBeUndefined();
  });

  it('stamps the examples by their contents: a checkout or a copy that only changes file times keeps the build\'s indexes', () => {
    const root = mkdtempSync(join(tmpdir(), 'classif-stamp-'));
    mkdirSync(join(root, 'eval'));
    writeFileSync(join(root, 'eval', 'training.json'), '{ "sets": ["a"] }');
    writeFileSync(join(root, 'eval', 'a.yaml'), '- id: a1\n');
    const before = examplesStamp(root);
    utimesSync(join(root, 'eval', 'a.yaml'), new Date('2030-01-01'), new Date('2030-01-01'));
    utimesSync(join(root, 'eval', 'training.json'), new Date('2030-01-01'), new Date('2030-01-01'));
    expect(examplesStamp(root)).toBe(before);
    writeFileSync(join(root, 'eval', 'a.yaml'), '- id: a2\n');
    expect(examplesStamp(root)).not.toBe(before);
  });

  it('reads the words of descriptions from grids/french.yaml, validated, with the file and line of a broken pattern', () => {
    const french = readFileSync(join(PACKAGE_ROOT, 'grids', 'french.yaml'), 'utf8');
    const root = fixture(valid);
    writeFileSync(join(root, 'grids', 'french.yaml'), french.replace('  team:\n', '  team:\n    - cuisiniers\n'));
    const lexicon = loadCatalogue({ root }).convention('9999')!.grids[0]!.lexicon;
    expect(levelCues('Il encadre 4 cuisiniers', cuesOf(lexicon)).managedStaff).toBe(4);
    expect(levelCues('Il encadre 4 cuisiniers', cuesOf(catalogue.convention('1431')!.grids[0]!.lexicon)).managedStaff).toBeUndefined();
    writeFileSync(join(root, 'grids', 'french.yaml'), french.replace('  shopManagers: |-\n    ', '  shopManagers: |-\n    (('));
    expect(() => loadCatalogue({ root })).toThrowError(/french\.yaml[\s\S]*shopManagers[\s\S]*expression régulière invalide/);
  });

  it('rejects circular "Mêmes fonctions que précédent" links', () => {
    const yaml = valid.replace('    track: t\n', '    track: t\n    inherits: agent\n');
    expect(() => loadCatalogue({ root: fixture(yaml) })).toThrowError(/héritage circulaire/);
  });
});

describe('dates', () => {
  it('adds legal durations to calendar dates', () => {
    expect(addDuration('2024-03-11', 'P6M')).toBe('2024-09-11');
    expect(addDuration('2024-08-31', 'P6M')).toBe('2025-02-28');
    expect(addDuration('2021-01-01', 'P3Y')).toBe('2024-01-01');
    expect(addDuration('2024-01-31', 'P1M')).toBe('2024-02-29');
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('29/02/2024')).toBe(false);
  });
});

describe('the grid files themselves', () => {
  it('validate against the schemas and cross-references, and match the build snapshot when there is one', () => {
    const validated = loadCatalogue({ validate: true });
    expect(validated.conventions.map((c) => c.idcc)).toEqual(catalogue.conventions.map((c) => c.idcc));
    for (const conv of validated.conventions) {
      const other = catalogue.convention(conv.idcc)!;
      expect(conv.grids.map((g) => [g.id, g.jobs.length, g.positions.length, g.rules.length])).toEqual(other.grids.map((g) => [g.id, g.jobs.length, g.positions.length, g.rules.length]));
    }
  });
});

describe('docs/facts.md', () => {
  it('lists the facts the grid files declare (regenerate with npx tsx scripts/facts-doc.ts)', async () => {
    const { factsPage } = await import('../scripts/facts-doc.js');
    const { readFileSync } = await import('node:fs');
    expect(readFileSync(new URL('../docs/facts.md', import.meta.url), 'utf8')).toBe(factsPage());
  });
});
