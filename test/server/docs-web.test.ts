/**
 * The OpenAPI document and its docs page, and the web UI's files: served with the SPA fallback
 * when built, a French home page otherwise.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeApp, type TestApp } from './helpers.js';

let bare: TestApp;
let withUi: TestApp;
let webDir: string;

beforeAll(async () => {
  webDir = mkdtempSync(join(tmpdir(), 'classif-web-'));
  mkdirSync(join(webDir, 'assets'));
  writeFileSync(join(webDir, 'index.html'), '<!doctype html><html lang="fr"><body><div id="root"></div><script type="module" src="/assets/app-123.js"></script></body></html>');
  writeFileSync(join(webDir, 'assets', 'app-123.js'), 'console.log("classif")');
  bare = await makeApp();
  withUi = await makeApp({ webDir });
});
afterAll(async () => {
  await bare.close();
  await withUi.close();
  rmSync(webDir, { recursive: true, force: true });
});

describe('OpenAPI', () => {
  it('documents every route with its schemas, tags and security', async () => {
    const r = await bare.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(r.statusCode).toBe(200);
    const doc = r.json() as { openapi: string; paths: Record<string, Record<string, { tags?: string[]; responses: Record<string, unknown>; security?: unknown[] }>>; components: { securitySchemes: Record<string, unknown> } };
    expect(doc.openapi).toBe('3.1.0');
    const paths = Object.keys(doc.paths);
    for (const p of [
      '/health',
      '/api/conventions',
      '/api/conventions/{idcc}/grid',
      '/api/conventions/{idcc}/search',
      '/api/conventions/{idcc}/classify',
      '/api/conventions/{idcc}/transpose',
      '/api/auth/login',
      '/api/employees/{id}/decisions',
      '/api/decisions',
      '/api/decisions/{id}',
      '/api/audits',
      '/api/audits/{id}',
      '/api/audits/{id}/report.{format}',
      '/api/audits/{id}/rerun',
      '/api/members/{userId}',
      '/api/tokens/{id}',
    ]) {
      expect(paths, p).toContain(p);
    }
    expect(paths.some((p) => p.startsWith('/api/docs'))).toBe(false);
    expect(Object.keys(doc.components.securitySchemes).sort()).toEqual(['bearer', 'session']);
    const search = doc.paths['/api/conventions/{idcc}/search']!.get!;
    expect(search.tags).toEqual(['Conventions (public)']);
    expect(Object.keys(search.responses).sort()).toEqual(['200', '400', '404']);
    expect(JSON.stringify(search.responses['200'])).toContain('trackTitle');
    expect(JSON.stringify(doc.paths['/api/decisions']!.post)).toContain('previousId');
    // Public routes say so; the others inherit the document's security (session or token).
    expect(search.security).toEqual([]);
    expect(doc.paths['/api/auth/login']!.post!.security).toEqual([]);
    expect(doc.paths['/api/employees']!.get!.security).toBeUndefined();
  });

  it('has a docs page that works offline (assets from the package)', async () => {
    const page = await bare.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    const init = await bare.app.inject({ method: 'GET', url: '/api/docs/static/swagger-initializer.js' });
    expect(init.statusCode).toBe(200);
    expect(init.body).toContain('/api/openapi.json');
    const bundle = await bare.app.inject({ method: 'GET', url: '/api/docs/static/swagger-ui-bundle.js' });
    expect(bundle.statusCode).toBe(200);
  });
});

describe('web UI', () => {
  it('without a built UI, / is a French page pointing to the docs', async () => {
    const r = await bare.app.inject({ method: 'GET', url: '/' });
    expect(r.statusCode).toBe(200);
    expect(r.body).toContain('lang="fr"');
    expect(r.body).toContain('/api/docs');
  });

  it('serves the built UI, its hashed assets cached, and index.html for browser navigations', async () => {
    const home = await withUi.app.inject({ method: 'GET', url: '/' });
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain('id="root"');
    expect(home.headers['cache-control']).toBe('no-cache');
    const asset = await withUi.app.inject({ method: 'GET', url: '/assets/app-123.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toContain('immutable');
    const deep = await withUi.app.inject({ method: 'GET', url: '/decisions/abc?x=1', headers: { accept: 'text/html,application/xhtml+xml' } });
    expect(deep.statusCode).toBe(200);
    expect(deep.body).toContain('id="root"');
    expect(deep.headers['content-security-policy']).toContain("script-src 'self'");
  });

  it('API addresses and missing files stay JSON 404s', async () => {
    const api = await withUi.app.inject({ method: 'GET', url: '/api/nope', headers: { accept: 'text/html' } });
    expect(api.statusCode).toBe(404);
    expect(api.json().error).toBe('not-found');
    const missing = await withUi.app.inject({ method: 'GET', url: '/assets/absent.js', headers: { accept: '*/*' } });
    expect(missing.statusCode).toBe(404);
    const traversal = await withUi.app.inject({ method: 'GET', url: '/..%2f..%2fetc%2fpasswd', headers: { accept: '*/*' } });
    expect(traversal.statusCode).toBe(404);
    expect(traversal.body).not.toContain('root:');
    expect((await withUi.app.inject({ method: 'POST', url: '/decisions', headers: { accept: 'text/html' } })).statusCode).toBe(404);
  });
});
