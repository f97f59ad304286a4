/** Web pages for people (issue: web pages). Served by the same app, fully offline. */
import path from 'node:path';
import express, { type Express } from 'express';
import type { AppContext } from '../context';

export function mountWeb(app: Express, _ctx: AppContext): void {
  const publicDir = path.resolve(__dirname, '..', '..', '..', 'server', 'web', 'public');
  const dir = __dirname.includes(`${path.sep}dist${path.sep}`) ? publicDir : path.join(__dirname, 'public');
  app.use(express.static(dir, { index: 'index.html', maxAge: '1h' }));
}
