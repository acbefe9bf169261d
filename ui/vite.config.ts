/// <reference types="vitest/config" />
import { defineConfig, type ProxyOptions } from 'vite';
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
    // The map outlines (assets/geo, imported by src/lib/geo.ts) live beside the UI.
    fs: { allow: ['.', '../assets/geo'] },
    // During `npm run dev`, /api/* goes to the real backend: `npm run serve` in another terminal
    // (`exempelbank serve --write` on a temporary library, port 5174) prints its link; give it
    // as EXEMPELBANK_URL. The proxy adds the link's token, and the server's own origin in place
    // of this page's, which `serve` checks; only to this page's requests.
    proxy: { '/api': apiProxy(process.env.EXEMPELBANK_URL ?? 'http://127.0.0.1:5174/') },
  },
});

/**
 * The proxy to `exempelbank serve` at `link` (the address it printed, with its token). A
 * request from another origin (another page in the browser) goes on without the token and with
 * its own Origin, so the server refuses it.
 */
function apiProxy(link: string): ProxyOptions {
  const url = new URL(link);
  const token = url.searchParams.get('token');
  return {
    target: url.origin,
    changeOrigin: true,
    configure(proxy) {
      proxy.on('proxyReq', (proxyReq, req) => {
        const origin = req.headers.origin;
        if (origin !== undefined && origin !== `http://${req.headers.host}`) return;
        if (token) proxyReq.setHeader('Authorization', `Bearer ${token}`);
        if (origin !== undefined) proxyReq.setHeader('Origin', url.origin);
      });
    },
  };
}
