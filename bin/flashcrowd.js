#!/usr/bin/env node
// The executable shim: everything else lives in src/cli, built by `npm run build` (tsc to dist/,
// then scripts/bundle.mjs to dist/bundle/, which loads in a few files instead of hundreds).
import { main } from '../dist/bundle/cli/main.js';

process.exitCode = await main(process.argv.slice(2));
