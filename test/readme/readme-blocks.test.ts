import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ADMIN_TOKEN } from '../support/api.js';
import { startHttpTestApi, type HttpTestApi } from '../support/http-api.js';
import { live } from '../support/live-process.js';

// Every ```sh block of README.md right after a `<!-- readme-test -->` line
// runs, in order, in one bash session against a fresh instance (its own
// database, the API on a real port and a worker), with KEYLEDGER_ADDR and
// KEYLEDGER_TOKEN exported and `keyledger` (also as `npx keyledger`) on the
// PATH. A command that fails fails the test with its block and the output.
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const MARKER = '<!-- readme-test -->';

/** The marked blocks, in README order. */
export function markedShellBlocks(markdown: string): string[] {
  const lines = markdown.split('\n');
  const blocks: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (lines[i]!.trim() !== MARKER) continue;
    let start = i + 1;
    while (lines[start]?.trim() === '') start++;
    if (lines[start]?.trim() !== '```sh') throw new Error(`README.md line ${i + 1}: ${MARKER} is not followed by a \`\`\`sh block`);
    const end = lines.findIndex((line, index) => index > start && line.trim() === '```');
    if (end < 0) throw new Error(`README.md line ${start + 1}: the block never closes`);
    blocks.push(lines.slice(start + 1, end).join('\n'));
    i = end;
  }
  return blocks;
}

const blocks = markedShellBlocks(readFileSync(join(ROOT, 'README.md'), 'utf8'));

let api: HttpTestApi;
beforeAll(async () => {
  api = await startHttpTestApi('readme_blocks', {}, { worker: true });
}, 60_000);
afterAll(() => api.close());

it('finds the marked blocks', () => {
  expect(blocks.length).toBeGreaterThanOrEqual(2);
  expect(markedShellBlocks(`a\n${MARKER}\n\n\`\`\`sh\necho one\n\`\`\`\n\`\`\`sh\nnot marked\n\`\`\``)).toEqual(['echo one']);
  expect(() => markedShellBlocks(`${MARKER}\n\`\`\`js\nx\n\`\`\``)).toThrow(/not followed by a ```sh block/);
});

it('runs every marked README block without a failing command', async () => {
  // A directory of its own for what the blocks write, set up as a project
  // that has keyledger installed: `keyledger` and `npx keyledger` both run
  // this checkout's build, and npx never asks the registry.
  const work = mkdtempSync(join(tmpdir(), 'kl-readme-'));
  const bin = join(work, 'node_modules/.bin');
  mkdirSync(bin, { recursive: true });
  writeFileSync(join(work, 'package.json'), JSON.stringify({ name: 'readme-blocks', private: true }));
  symlinkSync(join(ROOT, 'bin/keyledger.js'), join(bin, 'keyledger'));
  const script = [
    'set -euo pipefail',
    'npx --offline keyledger --help >/dev/null',
    ...blocks.flatMap((block, index) => [`echo '::readme-block ${index}::'`, block]),
  ].join('\n');
  const bash = live(
    spawn('bash', ['-c', script], {
      cwd: work,
      env: {
        PATH: [bin, join(ROOT, 'node_modules/.bin'), process.env.PATH ?? '/usr/bin:/bin'].join(':'),
        HOME: work,
        LANG: 'C.UTF-8',
        KEYLEDGER_ADDR: api.url,
        KEYLEDGER_TOKEN: ADMIN_TOKEN,
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    }),
    170_000,
  );
  const code = await bash.exit();
  if (code !== 0) {
    const output = bash.output();
    const reached = [...output.matchAll(/::readme-block (\d+)::/g)].pop();
    const index = reached ? Number(reached[1]) : 0;
    throw new Error(`README block ${index + 1} of ${blocks.length} failed (exit ${code}):\n${blocks[index]}\n--- output ---\n${output}`);
  }
}, 180_000);
