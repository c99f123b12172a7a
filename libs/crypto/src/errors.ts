// Errors of the crypto lib. Neither ever carries key material, plaintext or
// ciphertext: messages are fixed text plus variable names and entry indexes.

/** A master key (KEK) setting is missing or malformed; start-up must stop. */
export class MasterKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MasterKeyError';
  }
}

/**
 * Anything went wrong while opening a ciphertext or unwrapping a data key:
 * bad format, unknown key, wrong key, wrong binding or tampering. The cases
 * are deliberately indistinguishable so the error is no oracle.
 */
export class DecryptionFailed extends Error {
  /** Same value as the domain's `ErrorCode` so one filter can map both. */
  readonly code = 'DECRYPTION_FAILED' as const;

  constructor() {
    super('ciphertext could not be decrypted');
    this.name = 'DecryptionFailed';
  }
}
