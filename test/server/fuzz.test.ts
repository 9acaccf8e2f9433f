/**
 * Garbage at every route: odd ids, query strings, bodies, content types, with and without an
 * account. Whatever comes in, the server answers with a 4xx (or a 2xx) and a French JSON message
 * — never a 500. The routes come from the OpenAPI document, so a new route is fuzzed too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, Client, makeApp, register, token, type TestApp } from './helpers.js';

let t: TestApp;
let clients: [string, Client][];

beforeAll(async () => {
  t = await makeApp({ maxUploadBytes: 32 * 1024 });
  const admin = await register(t.app);
  const reader = await addMember(t.app, admin, 'read-only');
  const employee = (await admin.client.post<{ id: string }>('/api/employees', { matricule: 'F1' })).json.id;
  const decision = (await admin.client.post<{ id: string }>('/api/decisions', { idcc: '1431', facts: {}, employeeId: employee })).json.id;
  realIds.push(employee, decision, admin.userId);
  clients = [
    ['anonyme', new Client(t.app)],
    ['admin', admin.client],
    ['lecture seule', reader.client],
    ['jeton', await token(t.app, admin, 'member')],
  ];
}, 60_000);
afterAll(() => t.close());

const realIds: string[] = [];

// A small deterministic generator, so that a failure can be replayed.
let seed = Number(process.env.FUZZ_SEED ?? 20261122);
/** mulberry32: an integer in [0, n). */
function rand(n: number): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
  return Math.floor((((x ^ (x >>> 14)) >>> 0) / 4294967296) * n);
}
const pick = <T>(xs: readonly T[]): T => xs[rand(xs.length)]!;

const STRINGS = [
  '',
  ' ',
  '0',
  '-1',
  '1e309',
  '99999999999999999999',
  'NaN',
  'null',
  'true',
  '3168',
  '9999',
  '1431',
  'abc',
  "' OR 1=1 --",
  '"; drop table users; --',
  '../../etc/passwd',
  '%00',
  '\u0000',
  '\ud800',
  '𝕏🙂é',
  '<script>alert(1)</script>',
  '__proto__',
  'constructor',
  'a'.repeat(300),
  '2024-02-30',
  '2025-01-01',
  '0000-00-00',
  '31/12/2024',
];

const VALUES: unknown[] = [null, true, false, 0, -1, 1.5, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, '', 'x', '\u0000', [], [1, 'a'], {}, { a: { b: { c: [] } } }, 'a'.repeat(5000)];

function randomValue(depth = 0): unknown {
  const r = rand(10);
  if (depth > 3 || r < 5) return pick([...VALUES, ...STRINGS]);
  if (r < 7) return Array.from({ length: rand(4) }, () => randomValue(depth + 1));
  const o: Record<string, unknown> = {};
  for (let i = 0; i < rand(5); i++) o[pick(KEYS)] = randomValue(depth + 1);
  return o;
}

const KEYS = ['facts', 'at', 'from', 'idcc', 'email', 'password', 'name', 'organisationName', 'organisationId', 'role', 'matricule', 'position', 'note', 'employeeId', 'previousId', 'kind', 'comment', 'expiresInDays', 'currentPassword', 'newPassword', 'diploma', 'jobId', 'yearsOfPractice', 'x'];

function randomBody(): { payload?: string | Buffer; contentType?: string } {
  switch (rand(9)) {
    case 0:
      return {};
    case 1:
      return { payload: '{"facts":', contentType: 'application/json' };
    case 2:
      return { payload: JSON.stringify(randomValue()), contentType: 'application/json' };
    case 3:
      return { payload: 'a=1&b=2', contentType: 'application/x-www-form-urlencoded' };
    case 4:
      return { payload: 'texte brut', contentType: 'text/plain' };
    case 5:
      return { payload: '--x\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\nmatricule;idcc\r\n', contentType: pick(['multipart/form-data', 'multipart/form-data; boundary=x', 'multipart/form-data; boundary=']) };
    case 6:
      return { payload: '{"__proto__":{"admin":true},"constructor":{"prototype":{"x":1}}}', contentType: 'application/json' };
    case 7:
      return { payload: `${'['.repeat(5000)}${']'.repeat(5000)}`, contentType: 'application/json' };
    default: {
      const o: Record<string, unknown> = {};
      for (let i = 0; i < 1 + rand(5); i++) o[pick(KEYS)] = randomValue();
      return { payload: JSON.stringify(o), contentType: pick(['application/json', 'application/json; charset=utf-8', 'application/JSON', 'application/json; charset=latin1']) };
    }
  }
}

/** encodeURIComponent, with a lone surrogate sent as the bytes a broken client would send. */
function enc(s: string): string {
  try {
    return encodeURIComponent(s);
  } catch {
    return '%ED%A0%80';
  }
}

function fillPath(path: string): string {
  return path.replace(/\{(\w+)\}/g, (_m, name: string) => {
    if (name === 'idcc') return enc(pick(['3168', '1431', '2198', ...STRINGS]));
    if (name === 'format') return pick(['json', 'csv', 'pdf', 'xml', '']);
    return pick([...realIds, ...STRINGS.map(enc), '%ZZ', '%']);
  });
}

function randomQuery(): string {
  const keys = ['q', 'limit', 'offset', 'at', 'mode', 'employeeId', 'latest', 'x', 'q[]', 'limit', '__proto__[x]'];
  const parts: string[] = [];
  for (let i = 0; i < rand(5); i++) parts.push(`${enc(pick(keys))}=${enc(pick(STRINGS))}`);
  if (rand(10) === 0) parts.push('q=%E0%A4%A');
  return parts.length ? `?${parts.join('&')}` : '';
}

describe('no input yields a 500', () => {
  it('fuzzes every documented route', async () => {
    const doc = t.app.swagger() as { paths: Record<string, Record<string, unknown>> };
    const routes = Object.entries(doc.paths).flatMap(([path, methods]) => Object.keys(methods).map((m) => [m.toUpperCase(), path] as const));
    expect(routes.length).toBeGreaterThan(30);
    const failures: string[] = [];
    const seen = new Map<number, number>();
    let count = 0;
    for (const [method, path] of routes) {
      // Logout and password change would end the sessions the other requests use.
      if (path === '/api/auth/logout' || path === '/api/auth/password') continue;
      for (let i = 0; i < 80; i++) {
        const [who, client] = pick(clients);
        const url = fillPath(path) + randomQuery();
        const { payload, contentType } = method === 'GET' || method === 'DELETE' ? (rand(4) === 0 ? randomBody() : {}) : randomBody();
        const headers: Record<string, string> = {};
        if (contentType) headers['content-type'] = contentType;
        const r = await client.request(method as 'GET', url, payload, headers);
        count++;
        seen.set(r.status, (seen.get(r.status) ?? 0) + 1);
        if (r.status >= 500) failures.push(`${who} ${method} ${url} ${String(payload).slice(0, 80)} → ${r.status} ${r.body.slice(0, 200)}`);
        else if (r.status >= 400) {
          const body = r.json as { error?: string; message?: string } | undefined;
          if (!body?.message || !body.error) failures.push(`${who} ${method} ${url} → ${r.status} sans message JSON : ${r.body.slice(0, 100)}`);
        }
      }
    }
    expect(failures, failures.slice(0, 10).join('\n')).toEqual([]);
    expect(count).toBeGreaterThan(2000);
    // The garbage reaches the handlers, not only the guards.
    for (const status of [200, 400, 401, 403, 404]) expect(seen.get(status) ?? 0, `statut ${status} : ${JSON.stringify([...seen])}`).toBeGreaterThan(20);
  }, 120_000);

  it('odd requests outside the documented routes', async () => {
    const c = clients[1]![1];
    const odd: [string, string, string?, Record<string, string>?][] = [
      ['GET', '/%ZZ'],
      ['GET', '/api/%ZZ'],
      ['GET', `/api/conventions/${'9'.repeat(500)}/grid`],
      ['GET', '/api/conventions/3168/search?q=' + 'a'.repeat(20_001)],
      ['GET', '/api/conventions/3168/search?q=a&q=b'],
      ['POST', '/api/conventions/3168/classify', JSON.stringify({ facts: { a: 'x'.repeat(2_000_000) } }), { 'content-type': 'application/json' }],
      ['POST', '/api/conventions/3168/classify', '{}', { 'content-type': 'application/json', 'content-length': '1' }],
      ['POST', '/api/conventions/3168/classify', '', { 'content-type': 'application/json' }],
      ['PUT', '/api/employees'],
      ['OPTIONS', '/api/employees'],
      ['TRACE', '/api/employees'],
      ['GET', '/api/audits/x/report.'],
      ['GET', '/api/audits/x/report.csv.bak'],
      ['HEAD', '/api/conventions'],
      ['GET', '/api/employees', undefined, { authorization: 'Bearer ' + 'x'.repeat(10_000) }],
      ['GET', '/api/employees', undefined, { cookie: `classif_session=${'x'.repeat(5000)}` }],
      ['GET', '/api/employees', undefined, { cookie: 'classif_session=%ZZ; classif_csrf=%' }],
      ['POST', '/api/auth/login', '{"email":"a@b.fr","password":"x"}', { 'content-type': 'application/json', origin: '%%%' }],
    ];
    for (const [method, url, payload, headers] of odd) {
      const r = await c.request(method as 'GET', url, payload, headers ?? {});
      expect(r.status, `${method} ${url.slice(0, 80)} → ${r.body.slice(0, 200)}`).toBeLessThan(500);
    }
  });
});
