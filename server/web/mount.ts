/**
 * Web pages for people (issue: web pages). Served by the same app, fully offline: plain HTML, CSS and
 * ES modules from server/web/public (no build step, see server/web/README.md).
 */
import path from 'node:path';
import express, { type Express } from 'express';
import type { AppContext } from '../context';

export function mountWeb(app: Express, _ctx: AppContext): void {
  const publicDir = path.resolve(__dirname, '..', '..', '..', 'server', 'web', 'public');
  const dir = __dirname.includes(`${path.sep}dist${path.sep}`) ? publicDir : path.join(__dirname, 'public');
  app.use(
    express.static(dir, {
      index: 'index.html',
      // Modules import each other by plain URLs (no content hashes): browsers revalidate every
      // file (a cheap 304 via ETag), so a new version of the service is picked up at once.
      setHeaders: (res) => res.setHeader('Cache-Control', 'no-cache'),
    }),
  );
}
