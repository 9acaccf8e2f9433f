/**
 * The public routes answer what the CLI prints, from the same core: each answer is compared with
 * the core functions called directly, and a few with the built `classif` command itself.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findConvention, gridAt } from '../../src/grids/lookup.js';
import { searchGrid } from '../../src/match/grid-search.js';
import { conventionsView, gridView, searchView } from '../../src/service/views.js';
import { classify } from '../../src/classify/classify.js';
import { transpose } from '../../src/classify/transpose.js';
import { reasonText } from '../../src/model/reasons-fr.js';
import { explained } from '../../src/service/explained.js';
import type { Catalogue } from '../../src/grids/convention.js';
import { today } from '../../src/grids/dates.js';
import { ClassifyResponse, ConventionsResponse, GridResponse, SearchResponse, TransposeResponse } from '../../src/server/schemas.js';
import { classif } from '../support/cli.js';
import { Client, getCatalogue, makeApp, type TestApp } from './helpers.js';

let t: TestApp;
let c: Client;
let catalogue: Catalogue;
const roundTrip = (v: unknown) => JSON.parse(JSON.stringify(v)) as unknown;

beforeAll(async () => {
  t = await makeApp();
  c = new Client(t.app);
  catalogue = await getCatalogue();
});
afterAll(() => t.close());

describe('GET /health', () => {
  it('answers ok without touching the database', async () => {
    const r = await c.get('/health');
    expect(r.status).toBe(200);
    expect(r.json).toEqual({ status: 'ok' });
  });
  it('/health/ready checks the database', async () => {
    const r = await c.get<{ status: string; database: string }>('/health/ready');
    expect(r.status).toBe(200);
    expect(r.json.status).toBe('ok');
  });
});

describe('GET /api/conventions', () => {
  it('is conventionsView, and what `classif conventions --json` prints', async () => {
    const r = await c.get('/api/conventions');
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toContain('application/json');
    expect(r.json).toEqual(roundTrip(conventionsView(catalogue)));
    expect(r.json).toEqual(classif('conventions', '--json').json());
    ConventionsResponse.parse(r.json);
  });
});

describe('GET /api/conventions/:idcc/grid', () => {
  it('gives the grid in force at a date, as gridView and the CLI', async () => {
    for (const [idcc, at] of [
      ['3168', '2025-01-01'],
      ['1431', '2020-01-01'],
      ['1431', '2025-01-01'],
      ['2198', '2024-06-30'],
    ] as const) {
      const r = await c.get(`/api/conventions/${idcc}/grid?at=${at}`);
      expect(r.status).toBe(200);
      const conv = findConvention(catalogue, idcc);
      expect(r.json).toEqual(roundTrip(gridView(conv, gridAt(conv, at))));
      GridResponse.parse(r.json);
    }
    expect((await c.get('/api/conventions/1431/grid?at=2025-01-01')).json).toEqual(classif('grid', '1431', '--at', '2025-01-01', '--json').json());
  });
  it('defaults to today', async () => {
    const r = await c.get<{ grid: { id: string } }>('/api/conventions/3168/grid');
    expect(r.json.grid.id).toBe(findConvention(catalogue, '3168').gridAt(today())!.id);
  });
  it('404 for an unknown convention, 400 for a malformed one or a bad date, 404 before the first grid', async () => {
    const unknown = await c.get<{ error: string; message: string }>('/api/conventions/9999/grid');
    expect(unknown.status).toBe(404);
    expect(unknown.json.error).toBe('not-found');
    expect(unknown.json.message).toContain('Convention collective non prise en charge');
    expect((await c.get('/api/conventions/abc/grid')).status).toBe(400);
    const bad = await c.get<{ message: string }>('/api/conventions/3168/grid?at=2025-13-45');
    expect(bad.status).toBe(400);
    expect(bad.json.message).toContain('AAAA-MM-JJ');
    expect((await c.get('/api/conventions/3168/grid?at=1950-01-01')).status).toBe(404);
  });
});

describe('GET /api/conventions/:idcc/search', () => {
  it('is searchView over searchGrid, and what `classif search --json` prints', async () => {
    const at = '2025-01-01';
    for (const [idcc, q, limit] of [
      ['3168', 'retoucheuse 2e niveau', 10],
      ['1431', 'opticienne', 3],
      ['2198', 'conseiller relation client', 5],
      ['3168', 'Je retouche les photos des clients, je fais le détourage et la colorimétrie sur Photoshop pour le studio', 5],
      ['3248', 'Technicien de maintenance. Vous réalisez les diagnostics de pannes, intervenez en autonomie et formez les opérateurs. BTS exigé.', 10],
    ] as const) {
      const r = await c.get(`/api/conventions/${idcc}/search?q=${encodeURIComponent(q)}&limit=${limit}&at=${at}`);
      expect(r.status).toBe(200);
      const conv = findConvention(catalogue, idcc);
      const grid = gridAt(conv, at);
      expect(r.json).toEqual(roundTrip(searchView(conv, grid, q, searchGrid(grid, q, { limit }))));
      SearchResponse.parse(r.json);
    }
    // A grid without emplois-repères answers by its cotation (src/match/cotation-reading.ts).
    const cotation = await c.get<{ results: unknown[]; byCotation: { positions: string[] } }>(`/api/conventions/3248/search?q=${encodeURIComponent('Technicien de maintenance. Vous réalisez les diagnostics de pannes, intervenez en autonomie et formez les opérateurs. BTS exigé.')}`);
    expect(cotation.json.results).toEqual([]);
    expect(cotation.json.byCotation.positions.length).toBeGreaterThan(0);
    const api = await c.get('/api/conventions/1431/search?q=opticienne&limit=3&at=2025-01-01');
    expect(api.json).toEqual(classif('search', '1431', 'opticienne', '--limit', '3', '--at', '2025-01-01', '--json').json());
    // The title does not write the level: the other levels it fits as well are said, not dropped.
    expect((api.json as { tiedWith: { job: { title: string } }[] }).tiedWith.map((r) => r.job.title.split(' /')[0])).toEqual(['Opticien diplômé 2', 'Opticien diplômé 3']);
  });
  it('answers the same the second time (cache)', async () => {
    const a = await c.get('/api/conventions/3168/search?q=photographe');
    const b = await c.get('/api/conventions/3168/search?q=photographe');
    expect(b.body).toBe(a.body);
  });
  it('takes mode=title|description', async () => {
    const r = await c.get<{ mode: string }>('/api/conventions/3168/search?q=photographe&mode=description');
    expect(r.status).toBe(200);
    expect(r.json.mode).toBe('description');
  });
  it('refuses a missing or empty query, a bad limit or mode, in French', async () => {
    const missing = await c.get<{ error: string; message: string; issues: { path: string }[] }>('/api/conventions/3168/search');
    expect(missing.status).toBe(400);
    expect(missing.json.issues[0]!.path).toBe('querystring.q');
    const empty = await c.get<{ message: string }>('/api/conventions/3168/search?q=%20');
    expect(empty.status).toBe(400);
    expect(empty.json.message).toContain('Le texte recherché est vide');
    for (const qs of ['limit=0', 'limit=201', 'limit=abc', 'mode=fuzzy']) {
      const r = await c.get<{ message: string }>(`/api/conventions/3168/search?q=vendeur&${qs}`);
      expect(r.status, qs).toBe(400);
      expect(r.json.message, qs).toMatch(/Requête invalide \(paramètre « (limit|mode) »\)/);
    }
    expect((await c.get('/api/conventions/0000/search?q=vendeur')).status).toBe(404);
  });
});

describe('POST /api/conventions/:idcc/classify', () => {
  it('is classify() on the facts, and what `classif classify --json` prints', async () => {
    const cases = [
      { idcc: '3168', facts: { jobId: 'retoucheur-2' }, at: '2025-01-01' },
      { idcc: '1431', facts: { diploma: 'bts' }, at: '2025-01-01' },
      { idcc: '2198', facts: {}, at: '2024-01-01' },
    ];
    for (const { idcc, facts, at } of cases) {
      const r = await c.post(`/api/conventions/${idcc}/classify`, { facts, at });
      expect(r.status, r.body).toBe(200);
      const conv = findConvention(catalogue, idcc);
      const result = classify(gridAt(conv, at), facts, { at });
      expect(r.json).toEqual(roundTrip(explained(result)));
      ClassifyResponse.parse(r.json);
      // Each reason keeps its code, params and source, and gains its sentence from the one renderer.
      const texts = (r.json as { explanation: { text: string }[] }).explanation.map((e) => e.text);
      expect(texts).toEqual(result.explanation.map(reasonText));
    }
  });
  it('answers byte for byte what the CLI prints for the same facts file', async () => {
    const facts = { diploma: 'bts', yearsOfPractice: 3 };
    const dir = mkdtempSync(join(tmpdir(), 'classif-server-facts-'));
    const file = join(dir, 'faits.json');
    writeFileSync(file, JSON.stringify(facts));
    const api = await c.post('/api/conventions/1431/classify', { facts, at: '2025-01-01' });
    try {
      expect(api.json).toEqual(classif('classify', '1431', '--facts', file, '--at', '2025-01-01', '--json').json());
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses unknown facts and wrong values with the core’s French message', async () => {
    const r = await c.post<{ error: string; message: string }>('/api/conventions/1431/classify', { facts: { diplome: 'bts' } });
    expect(r.status).toBe(400);
    expect(r.json.message).toContain('Fait inconnu : « diplome »');
    const v = await c.post<{ message: string }>('/api/conventions/1431/classify', { facts: { diploma: 'doctorat-en-magie' } });
    expect(v.status).toBe(400);
    expect(v.json.message).toContain('Valeur invalide pour le fait « diploma »');
  });
  it('refuses a body that is not the expected object', async () => {
    const extra = await c.post<{ message: string }>('/api/conventions/1431/classify', { diploma: 'bts' });
    expect(extra.status).toBe(400);
    expect(extra.json.message).toMatch(/corps/);
    const notJson = await c.request('POST', '/api/conventions/1431/classify', '{"facts":', { 'content-type': 'application/json' });
    expect(notJson.status).toBe(400);
    expect((notJson.json as { message: string }).message).toContain('JSON');
    expect((await c.post('/api/conventions/9999/classify', { facts: {} })).status).toBe(404);
  });
});

describe('POST /api/conventions/:idcc/transpose', () => {
  it('is transpose(), and what `classif transpose --json` prints', async () => {
    const r = await c.post('/api/conventions/1431/transpose', { from: '150', at: '2025-01-01' });
    expect(r.status, r.body).toBe(200);
    const conv = findConvention(catalogue, '1431');
    expect(r.json).toEqual(roundTrip(explained(transpose(conv, { from: '150', facts: {}, at: '2025-01-01' }))));
    TransposeResponse.parse(r.json);
    expect(r.json).toEqual(classif('transpose', '1431', '--coefficient', '150', '--at', '2025-01-01', '--json').json());
  });
  it('404 for an unknown old position, 400 without one', async () => {
    expect((await c.post('/api/conventions/1431/transpose', { from: '9999', at: '2025-01-01' })).status).toBe(404);
    expect((await c.post('/api/conventions/1431/transpose', { from: ' ' })).status).toBe(400);
    expect((await c.post('/api/conventions/1431/transpose', {})).status).toBe(400);
  });
});

describe('other public routes', () => {
  it('GET /api/conventions/:idcc/facts lists the questions', async () => {
    const r = await c.get<{ facts: { id: string; question: string }[] }>('/api/conventions/1431/facts?at=2025-01-01');
    expect(r.status).toBe(200);
    expect(r.json.facts.map((f) => f.id)).toContain('diploma');
    expect((await c.get('/api/conventions/4444/facts')).status).toBe(404);
  });
  it('GET /api/conventions/:idcc/jobs/:jobId is `classif job --json`', async () => {
    const r = await c.get('/api/conventions/3168/jobs/retoucheur-2?at=2025-01-01');
    expect(r.status).toBe(200);
    expect(r.json).toEqual(classif('job', '3168', 'retoucheur-2', '--at', '2025-01-01', '--json').json());
    const missing = await c.get<{ message: string }>('/api/conventions/3168/jobs/astronaute');
    expect(missing.status).toBe(404);
    expect(missing.json.message).toContain('Emploi inconnu');
  });
  it('unknown addresses get a French 404', async () => {
    const r = await c.get<{ error: string; message: string }>('/api/nothing-here');
    expect(r.status).toBe(404);
    expect(r.json.message).toContain('Adresse inconnue');
  });
});

describe('finding the convention (issue 12)', () => {
  it('GET /api/conventions/find by NAF code, name or IDCC answers what `classif conventions --naf` prints', async () => {
    const r = await c.get<{ idcc: string; matched: string; naf: string[]; nafSource?: { quote: string } }[]>('/api/conventions/find?q=4778A');
    expect(r.status).toBe(200);
    expect(r.json.map((x) => [x.idcc, x.matched])).toEqual([['1431', 'naf']]);
    expect(r.json[0]!.nafSource?.quote).toContain('47.78A');
    expect(roundTrip(r.json)).toEqual(classif('conventions', '--naf', '47.78A', '--json').json());
    expect((await c.get<{ idcc: string }[]>('/api/conventions/find?q=photo')).json.map((x) => x.idcc)).toEqual(['3168']);
    const bad = await c.get<{ message: string }>('/api/conventions/find?naf=optique');
    expect(bad.status).toBe(400);
    expect(bad.json.message).toContain('Code NAF invalide');
  });

  it('GET /api/search searches every convention at once, each answer under its convention', async () => {
    const r = await c.get<{ query: string; conventions: { idcc: string; shortTitle: string; results: { job: { title: string } }[] }[] }>('/api/search?q=opticienne&limit=3');
    expect(r.status).toBe(200);
    expect(r.json.conventions[0]!.idcc).toBe('1431');
    expect(r.json.conventions[0]!.shortTitle).toBe('Optique-lunetterie de détail');
    expect(r.json.conventions[0]!.results[0]!.job.title).toMatch(/^Opticien/);
    expect((await c.get('/api/search?q=')).status).toBe(400);
  });

  it('lists the documents of each convention with their titles and article names, for citations', async () => {
    const r = await c.get<{ idcc: string; documents: { id: string; title: string; articles?: Record<string, { number?: string }> }[] }[]>('/api/conventions');
    const photo = r.json.find((x) => x.idcc === '3168')!;
    expect(photo.documents.find((d) => d.id === 'salaires-3168')!.articles!['KALIARTI000046241016']!.number).toBe('Article 1er');
  });
});
