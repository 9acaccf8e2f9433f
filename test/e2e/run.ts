/**
 * `npm run test:e2e` (after `npm run build`): starts the built server on a free port with a fresh
 * SQLite database in a temporary directory, waits for /health, runs the Playwright specs of this
 * folder against it in Debian's Chromium, then stops the server and removes the directory.
 *
 *   CHROMIUM_PATH   browser to drive (default /usr/bin/chromium; never downloaded)
 *   E2E_SCREENSHOTS directory where the specs save screenshots of each page (optional)
 * Extra arguments go to `playwright test` (e.g. a spec file, --grep).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..', '..');

function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.once('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => ok(port));
    });
  });
}

async function waitForHealth(url: string, server: ChildProcess, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (server.exitCode !== null) throw new Error(`le serveur s'est arrêté au démarrage (code ${server.exitCode})`);
    try {
      const res = await fetch(`${url}/health`);
      if (res.ok) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`le serveur ne répond pas sur ${url}/health après ${timeoutMs / 1000} s`);
}

async function main(): Promise<number> {
  const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (!existsSync(chromium)) {
    console.error(`e2e : navigateur introuvable (${chromium}). Installez-le : apt-get install -y chromium (ou CHROMIUM_PATH=…).`);
    return 1;
  }
  for (const f of ['dist/server/main.js', 'web/dist/index.html']) {
    if (!existsSync(join(root, f))) {
      console.error(`e2e : ${f} absent : lancez d'abord npm run build.`);
      return 1;
    }
  }
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'classif-e2e-'));
  const baseUrl = `http://127.0.0.1:${port}`;
  const server = spawn(process.execPath, [join(root, 'dist/server/main.js')], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      DATABASE_URL: '',
      LOG_LEVEL: 'warn',
      WEB_DIR: join(root, 'web/dist'),
      // Audits pause after each batch of rows, so that the progress page can be seen (and tested).
      CLASSIF_TEST_AUDIT_DELAY_MS: '1500',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const stop = () => {
    if (server.exitCode === null && server.pid !== undefined) server.kill('SIGTERM');
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    await waitForHealth(baseUrl, server);
    console.log(`e2e : serveur sur ${baseUrl} (base SQLite dans ${dataDir})`);
    const cli = join(root, 'node_modules', '@playwright', 'test', 'cli.js');
    const code = await new Promise<number>((ok) => {
      const pw = spawn(process.execPath, [cli, 'test', '-c', join(here, 'playwright.config.ts'), ...process.argv.slice(2)], {
        cwd: root,
        env: { ...process.env, E2E_BASE_URL: baseUrl, CHROMIUM_PATH: chromium, E2E_DATA_DIR: dataDir },
        stdio: 'inherit',
      });
      pw.on('exit', (c, signal) => ok(c ?? (signal ? 1 : 0)));
    });
    return code;
  } finally {
    stop();
    await new Promise((r) => (server.exitCode !== null ? r(null) : server.once('exit', r)));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(`e2e : ${(e as Error).message}`);
    process.exit(1);
  },
);
