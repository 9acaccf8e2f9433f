import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * The repository's ESLint configuration ignores the top-level dist/ only: built files say for
 * themselves that they are not sources to lint (added after minification, which drops comments).
 */
function notForLint(): Plugin {
  return {
    name: 'classif:not-for-lint',
    apply: 'build',
    generateBundle(_options, bundle) {
      for (const file of Object.values(bundle)) if (file.type === 'chunk') file.code = `/* eslint-disable */\n${file.code}`;
    },
  };
}

// The web UI, built into web/dist and served by the API server (src/server).
// In development (`npx vite --config web/vite.config.ts`), API calls go to a server on :3000.
export default defineConfig({
  root,
  base: '/',
  plugins: [react(), notForLint()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 600,
  },
  server: {
    proxy: { '/api': 'http://localhost:3000', '/health': 'http://localhost:3000' },
  },
});
