#!/usr/bin/env node
// Entry point for `npx dsv …`: runs the compiled CLI (built by `npm install` through the prepare script).
// eslint-disable-next-line @typescript-eslint/no-require-imports
require('../dist/server/cli/dsv.js');
