// Which jest runs of this checkout are alive. Each run registers its main
// process in a folder named after the checkout's test namespace; the net in
// global-teardown.js drops leftovers only when the run ending is the last
// one alive, so a one-file run never drops the databases of a full run
// going on beside it.
//
// Plain JavaScript: jest loads globalSetup/globalTeardown outside the test
// projects, without their transform and `#lib` mapping.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** `kl_test_<sha256 of the checkout path, 6 hex>_`, as test/support/namespace.ts derives it. */
export function namespacePrefix() {
  return `kl_test_${createHash('sha256').update(process.cwd()).digest('hex').slice(0, 6)}_`;
}

function runsFolder() {
  return join(tmpdir(), `keyledger-jest-runs-${namespacePrefix()}`);
}

export function registerRun() {
  mkdirSync(runsFolder(), { recursive: true });
  writeFileSync(join(runsFolder(), String(process.pid)), '');
}

/** Unregisters this run; true when no other run of this checkout is alive. */
export function endRun() {
  const folder = runsFolder();
  rmSync(join(folder, String(process.pid)), { force: true });
  let others = 0;
  for (const name of readdirSync(folder, { withFileTypes: false })) {
    if (isAlive(Number(name))) others += 1;
    else rmSync(join(folder, name), { force: true });
  }
  return others === 0;
}

function isAlive(pid) {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}
