#!/usr/bin/env node
// The keyledger command (package.json "bin"): runs the compiled CLI, which
// `npm run build` (or `npm test`) writes to dist/.
import { access } from 'node:fs/promises';

const entry = new URL('../dist/apps/cli/src/main.js', import.meta.url);
try {
  await access(entry);
} catch {
  process.stderr.write('keyledger: not built yet: run npm run build\n');
  process.exit(1);
}
await import(entry.href);
