import preact from '@preact/preset-vite';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// Built into dist/portal, which the service serves at /portal/ (app.factory.ts); nest build leaves dist/portal alone.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/portal/',
  plugins: [preact()],
  build: { outDir: '../../dist/portal', emptyOutDir: true, target: 'es2022', reportCompressedSize: true },
});
