import path from 'node:path';

/** The project's folder, whether a bench runs from source (tsx bench/x.ts) or built (dist/bench/x.js). */
export const PROJECT_ROOT = path.resolve(
  __dirname,
  __dirname.split(path.sep).includes('dist') ? '../..' : '..',
);
