import type { KeyProvider } from '#crypto';
import type { CommandEnvironment } from '#event-store';
import type { Vault } from '#secrets';

/** What a rotation batch runs with: the worker's keyring and vault, its batch size, its clock and ids. */
export interface RotationDeps {
  keys: KeyProvider;
  vault: Vault;
  batchSize: number;
  env: CommandEnvironment;
}
