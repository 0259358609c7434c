/**
 * Serves the built renderer. Default folder: `out/renderer` at the repository root — the output of both
 * `npm run build:renderer` (renderer/vite.config.ts) and `npm run build` (electron-vite), one artifact.
 */
import { existsSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import sirv from 'sirv';

export const DEFAULT_STATIC_DIR = resolve(fileURLToPath(new URL('../../out/renderer', import.meta.url)));

export function createStaticHandler(dir: string, htmlHeaders: () => Record<string, string>) {
  const serve = sirv(dir, {
    // dev: look files up per request, so a renderer rebuilt while the host runs is picked up.
    dev: true,
    etag: true,
    dotfiles: false,
    setHeaders(res, pathname) {
      // On every file, not only *.html: sirv reports '/' (not '/index.html') for the root document.
      for (const [k, v] of Object.entries(htmlHeaders())) res.setHeader(k, v);
      if (pathname === '/' || pathname.endsWith('.html')) res.setHeader('Cache-Control', 'no-store');
    },
  });
  return (req: IncomingMessage, res: ServerResponse): void => {
    if (!existsSync(join(dir, 'index.html'))) {
      res.writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(`The UI is not built (no ${join(dir, 'index.html')}). Run \`npm run build:renderer\`, then reload.\n`);
      return;
    }
    serve(req, res, () => {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Not found\n');
    });
  };
}
