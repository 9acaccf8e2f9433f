/**
 * The CLI's bundling step (scripts/bundle-cli.mjs) on a copy of the built dist/cli: run again on
 * its own output (main.js already a bundle) it must leave a CLI that runs, with every chunk it
 * imports present and none of the earlier ones left. It once removed the chunks first, then
 * failed to bundle a main.js that imported them: the CLI was broken until tsc ran again.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../src/grids/folders.js';

const built = join(PACKAGE_ROOT, 'dist', 'cli', 'main.js');
const chunks = (dir: string) => readdirSync(dir).filter((f) => /^chunk-.*\.js$/.test(f)).sort();

describe('bundling the CLI (needs npm run build)', () => {
  it.skipIf(!existsSync(built))('runs again on its own output and leaves a CLI that runs', { timeout: 60_000 }, () => {
    const root = mkdtempSync(join(tmpdir(), 'classif-bundle-'));
    const cli = join(root, 'dist', 'cli');
    cpSync(join(PACKAGE_ROOT, 'dist', 'cli'), cli, { recursive: true });
    for (const f of ['node_modules', 'grids', 'law', 'texts']) symlinkSync(join(PACKAGE_ROOT, f), join(root, f));
    for (let run = 0; run < 2; run++) execFileSync(process.execPath, [join(PACKAGE_ROOT, 'scripts', 'bundle-cli.mjs'), cli], { stdio: 'pipe' });
    const main = readFileSync(join(cli, 'main.js'), 'utf8');
    const imported = [...new Set([...main.matchAll(/["']\.\/(chunk-[\w-]+\.js)["']/g)].map((m) => m[1]!))];
    expect(imported.length).toBeGreaterThan(0);
    for (const f of imported) expect(existsSync(join(cli, f)), f).toBe(true);
    // Only this build's chunks: each is imported by main.js or by another chunk.
    const all = chunks(cli);
    const used = new Set(all.flatMap((f) => [...readFileSync(join(cli, f), 'utf8').matchAll(/["']\.\/(chunk-[\w-]+\.js)["']/g)].map((m) => m[1]!)).concat(imported));
    expect(all.filter((f) => !used.has(f))).toEqual([]);
    expect(readdirSync(join(root, 'dist')).filter((f) => f.startsWith('.cli-bundle-'))).toEqual([]);
    expect(execFileSync(process.execPath, [join(cli, 'main.js'), '--help'], { encoding: 'utf8' })).toMatch(/^classif — /);
  });
});
