import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

// The layer rules, checked on the sources: the domain stays pure, the crypto
// lib depends on node:crypto alone, libs never import apps and apps never
// import each other.
const root = fileURLToPath(new URL('../..', import.meta.url));
const IMPORT = /^\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|^\s*import\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/gm;

function sources(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts'))
    .map((entry) => relative(root, join(entry.parentPath, entry.name)));
}

function importsOf(file: string): string[] {
  const text = readFileSync(join(root, file), 'utf8');
  return [...text.matchAll(IMPORT)].map((m) => m[1] ?? m[2] ?? m[3]!);
}

function offenders(dir: string, allowed: (specifier: string) => boolean): string[] {
  return sources(dir).flatMap((file) => importsOf(file).filter((s) => !allowed(s)).map((s) => `${file} imports ${s}`));
}

const relativeImport = (s: string) => s.startsWith('./') || s.startsWith('../');

it('finds the imports it checks (the scan itself works)', () => {
  expect(sources('libs/domain').length).toBeGreaterThan(10);
  expect(importsOf('libs/domain/src/index.ts').length).toBeGreaterThan(3);
  expect(importsOf('apps/api/src/app.module.ts')).toContain('@nestjs/common');
});

it('keeps libs/domain free of frameworks, I/O and other libs', () => {
  expect(offenders('libs/domain', relativeImport)).toEqual([]);
});

it('keeps clocks and randomness out of libs/domain: time and ids come in with the command', () => {
  const impure = sources('libs/domain').filter((file) => /Date\.now\(|new Date\(\)|randomUUID|Math\.random|process\./.test(readFileSync(join(root, file), 'utf8')));
  expect(impure).toEqual([]);
});

it('builds libs/crypto on node:crypto alone', () => {
  expect(offenders('libs/crypto', (s) => relativeImport(s) || s === 'node:crypto')).toEqual([]);
});

/** `apps/<name>` or `libs/<name>` a relative import lands in, if any. */
function targetRoom(file: string, specifier: string): string | undefined {
  if (!relativeImport(specifier)) return undefined;
  return join(dirname(file), specifier).split('/').slice(0, 2).join('/');
}

function intoOtherApp(file: string, specifier: string): boolean {
  const room = targetRoom(file, specifier);
  return room !== undefined && room.startsWith('apps/') && room !== file.split('/').slice(0, 2).join('/');
}

it('keeps every lib free of the apps', () => {
  const offending = sources('libs').flatMap((file) =>
    importsOf(file).filter((s) => targetRoom(file, s)?.startsWith('apps/')).map((s) => `${file} imports ${s}`),
  );
  expect(offending).toEqual([]);
});

it('keeps each app free of the other apps', () => {
  const offending = sources('apps').flatMap((file) => importsOf(file).filter((s) => intoOtherApp(file, s)).map((s) => `${file} imports ${s}`));
  expect(offending).toEqual([]);
});

it('gives every #lib of package.json its own folder under libs/', () => {
  const { imports } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { imports: Record<string, { source: string }> };
  const folders = readdirSync(join(root, 'libs'), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();
  expect(Object.keys(imports).map((name) => name.slice(1)).sort()).toEqual(folders);
  for (const [name, { source }] of Object.entries(imports)) expect(source).toBe(`./libs/${name.slice(1)}/src/index.ts`);
});

it('reads process.env only in libs/config', () => {
  const readers = ['apps', 'libs', 'scripts']
    .flatMap((dir) => sources(dir))
    .filter((file) => !file.startsWith('libs/config/') && /process\.env\b/.test(readFileSync(join(root, file), 'utf8')));
  expect(readers).toEqual([]);
});
