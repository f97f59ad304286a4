#!/usr/bin/env node
// Entry point for `npx dsv …`: runs the compiled CLI (built by `npm install` through the prepare script).
require('../dist/server/cli/dsv.js');
