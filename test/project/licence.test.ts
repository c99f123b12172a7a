import { readFileSync } from 'node:fs';

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
const json = (path: string) => JSON.parse(read(path)) as { license?: string; packages?: Record<string, { license?: string }> };

it('LICENSE is the Apache License 2.0, and every package manifest says so', () => {
  const licence = read('LICENSE');
  expect(licence).toMatch(/^\s*Apache License\s+Version 2\.0, January 2004/);
  expect(licence).toContain('END OF TERMS AND CONDITIONS');
  expect(json('package.json').license).toBe('Apache-2.0');
  expect(json('libs/client/package.json').license).toBe('Apache-2.0');
  expect(json('package-lock.json').packages?.['']?.license).toBe('Apache-2.0');
  expect(read('README.md')).toMatch(/\[Apache License 2\.0\]\(LICENSE\)/);
});

it('npm leaves the engine warnings of the older system Node out, errors still in', () => {
  // npm checks engines against the Node running npm, not the pinned Node 24 the project runs on.
  const settings = read('.npmrc')
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('#'));
  expect(settings).toEqual(['loglevel=error', 'engine-strict=false']);
});
