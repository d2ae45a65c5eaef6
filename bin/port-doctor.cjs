#!/usr/bin/env node
// Thin launcher: the CLI is bundled to dist/cli/port-doctor.cjs by `npm run build` (run by npm ci's postinstall).
'use strict';
const path = require('node:path');
const fs = require('node:fs');
const bundle = path.join(__dirname, '..', 'dist', 'cli', 'port-doctor.cjs');
if (!fs.existsSync(bundle)) {
  process.stderr.write('port-doctor: the CLI is not built yet. Run `npm run build` in ' + path.join(__dirname, '..') + '\n');
  process.exit(1);
}
require(bundle);
