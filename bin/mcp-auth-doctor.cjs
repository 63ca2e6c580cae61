#!/usr/bin/env node
'use strict';
// The CLI runs on plain Node, without Electron. `npm install` builds the bundle (prepare).
const path = require('node:path');
const fs = require('node:fs');
const bundle = path.join(__dirname, '..', 'out', 'cli', 'mcp-auth-doctor.cjs');
if (!fs.existsSync(bundle)) {
  process.stderr.write('mcp-auth-doctor: the CLI is not built yet; run `npm run build:cli` first.\n');
  process.exit(2);
}
require(bundle);
