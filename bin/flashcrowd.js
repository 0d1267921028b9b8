#!/usr/bin/env node
// The executable shim: everything else lives in src/cli (built to dist/cli by `npm run build`).
import { main } from '../dist/cli/main.js';

process.exitCode = await main(process.argv.slice(2));
