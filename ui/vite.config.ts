/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

// The app runs under a strict CSP (no inline scripts or styles, no remote origins): Svelte's
// component CSS is emitted as files, and the entry is one module script.
export default defineConfig({
  base: './',
  plugins: [svelte()],
  clearScreen: false,
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Tauri's webviews (WebKitGTK, WebView2, WKWebView) are all recent.
    target: 'es2022',
    // No inline data: URLs for assets: everything is a file served from 'self'.
    assetsInlineLimit: 0,
  },
  test: {
    // Unit tests of the UI's logic; files that need a DOM say so (@vitest-environment jsdom).
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
  server: {
    // `npm run fake-api` in another terminal answers /api/* during `npm run dev`.
    proxy: { '/api': 'http://127.0.0.1:5174' },
  },
});
