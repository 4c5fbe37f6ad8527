/** The pages' stylesheet and script, and the signature pad from its installed package: nothing from elsewhere. */
import express from 'express';
import path from 'node:path';

const FILES: Record<string, string> = {
  '/assets/app.js': path.join(__dirname, 'assets', 'app.js'),
  '/assets/app.css': path.join(__dirname, 'assets', 'app.css'),
  // The package's UMD build (its "require" export) defines window.SignaturePad in a browser.
  '/assets/signature_pad.js': require.resolve('signature_pad'),
  '/assets/dashboard.js': path.join(__dirname, 'assets', 'dashboard.js'),
  // Chart.js's UMD build defines window.Chart in a browser.
  '/assets/chart.js': path.join(path.dirname(require.resolve('chart.js')), 'chart.umd.js'),
};

/**
 * Chinese text on machines without a CJK font (Debian's Chromium has none): Noto Sans SC from its
 * package, split by unicode-range, so a browser fetches only the pieces a page's characters need.
 */
const NOTO_SC = path.dirname(require.resolve('@fontsource/noto-sans-sc/400.css'));

export function mountAssets(app: express.Express): void {
  app.use('/assets/noto-sans-sc', express.static(NOTO_SC, { index: false, immutable: true, maxAge: '30d' }));
  for (const [url, file] of Object.entries(FILES)) {
    app.get(url, (_req, res) => res.set('Cache-Control', 'public, max-age=300').sendFile(file));
  }
}
