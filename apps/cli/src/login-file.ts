// `keyledger login` keeps the API address and a token in one file that only
// its owner can read (0600, in a 0700 directory), like ~/.ssh keys. A file
// that others can read is refused rather than used.
import { chmod, mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { CliError } from './errors.js';

export interface Login {
  addr: string;
  token: string;
}

export async function readLogin(path: string): Promise<Login | null> {
  let mode: number;
  try {
    mode = (await stat(path)).mode;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  if ((mode & 0o077) !== 0) {
    throw new CliError(`${path} can be read by other users: run chmod 600 ${path}, or keyledger login again`);
  }
  const login = JSON.parse(await readFile(path, 'utf8')) as Partial<Login>;
  if (typeof login.addr !== 'string' || typeof login.token !== 'string')
    throw new CliError(`${path} is damaged: run keyledger login again`);
  return { addr: login.addr, token: login.token };
}

/** Written to a private temporary file first, then renamed: never readable by others, even for a moment. */
export async function writeLogin(path: string, login: Login): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const temporary = `${path}.${process.pid}.tmp`;
  const file = await open(temporary, 'w', 0o600);
  try {
    await file.writeFile(`${JSON.stringify(login)}\n`);
  } finally {
    await file.close();
  }
  await chmod(temporary, 0o600);
  await rename(temporary, path);
}

export async function removeLogin(path: string): Promise<boolean> {
  try {
    await rm(path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}
