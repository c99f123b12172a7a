#!/usr/bin/env node
// The keyledger command (package.json "bin"): runs the compiled CLI, which
// `npm run build` (or `npm test`) writes to dist/.
//
// The CLI needs Node 22.17 or later. npx and npm scripts put the project's own
// Node 24 (the `node` devDependency) first on the PATH; a shell whose `node`
// is older (a global `npm i -g .` on a machine with Node 20) gets that Node
// too: this launcher then runs the CLI with it. package.json's `engines`
// therefore names only what npm itself needs, so npx has nothing to warn about.
import { spawn } from 'node:child_process';
import { access } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/apps/cli/src/main.js', import.meta.url);
const projectNode = fileURLToPath(new URL('../node_modules/node/bin/node', import.meta.url));
const [major, minor] = process.versions.node.split('.').map(Number);
const supported = major > 22 || (major === 22 && minor >= 17);

if (!(await exists(entry))) fail('not built yet: run npm run build');
if (supported) {
  await import(entry.href);
} else if (await exists(projectNode)) {
  const child = spawn(projectNode, [fileURLToPath(entry), ...process.argv.slice(2)], { stdio: 'inherit' });
  // Ctrl-C reaches the child through the terminal; a SIGTERM sent to this process is passed on.
  process.on('SIGTERM', () => child.kill('SIGTERM'));
  process.on('SIGINT', () => {});
  child.on('exit', (code, signal) => process.exit(code ?? (signal === 'SIGINT' ? 130 : 1)));
} else {
  fail(`needs Node 22.17 or later (this is ${process.version}): run npm ci in the repository, or use a newer Node`);
}

async function exists(path) {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

function fail(message) {
  process.stderr.write(`keyledger: ${message}\n`);
  process.exit(1);
}
