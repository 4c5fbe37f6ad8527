/** The pages' stylesheet and script, and the signature pad from its installed package: nothing from elsewhere. */
import express from 'express';
import path from 'node:path';

const FILES: Record<string, string> = {
  '/assets/app.js': path.join(__dirname, 'assets', 'app.js'),
  '/assets/form.js': path.join(__dirname, 'assets', 'form.js'),
  '/assets/app.css': path.join(__dirname, 'assets', 'app.css'),
  // The package's UMD build (its "require" export) defines window.SignaturePad in a browser.
  '/assets/signature_pad.js': require.resolve('signature_pad'),
  '/assets/dashboard.js': path.join(__dirname, 'assets', 'dashboard.js'),
  // Chart.js's UMD build defines window.Chart in a browser.
  '/assets/chart.js': path.join(path.dirname(require.resolve('chart.js')), 'chart.umd.js'),
  // The engineer's pages offline: the queue in IndexedDB (idb-keyval's UMD build defines window.idbKeyval),
  // the web app manifest and its icon, and Workbox's service worker modules, all served from here.
  '/assets/offline.js': path.join(__dirname, 'assets', 'offline.js'),
  '/assets/idb-keyval.js': path.join(path.dirname(require.resolve('idb-keyval')), 'umd.js'),
  '/assets/engineer.webmanifest': path.join(__dirname, 'assets', 'engineer.webmanifest'),
  '/assets/icon.svg': path.join(__dirname, 'assets', 'icon.svg'),
  '/assets/workbox/workbox-sw.js': require.resolve('workbox-sw'),
  ...Object.fromEntries(
    ['core', 'routing', 'strategies'].map((m) => [
      `/assets/workbox/workbox-${m}.prod.js`,
      path.join(path.dirname(require.resolve(`workbox-${m}/package.json`)), 'build', `workbox-${m}.prod.js`),
    ]),
  ),
};

/**
 * Chinese text on machines without a CJK font (Debian's Chromium has none): Noto Sans SC from its
 * package, split by unicode-range, so a browser fetches only the pieces a page's characters need.
 */
const NOTO_SC = path.dirname(require.resolve('@fontsource/noto-sans-sc/400.css'));

export function mountAssets(app: express.Express): void {
  app.use('/assets/noto-sans-sc', express.static(NOTO_SC, { index: false, immutable: true, maxAge: '30d' }));
  // The service worker from the root, so it may control the engineer's pages (its scope: /app/engineer).
  app.get('/sw.js', (_req, res) =>
    res.set('Cache-Control', 'no-cache').sendFile(path.join(__dirname, 'assets', 'sw.js')),
  );
  for (const [url, file] of Object.entries(FILES)) {
    app.get(url, (_req, res) => res.set('Cache-Control', 'public, max-age=300').sendFile(file));
  }
}
