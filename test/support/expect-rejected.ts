import { KeyledgerError, type ErrorCode } from '#domain';

/** `run` throws a KeyledgerError with `code` (the domain specs' given/when/then). */
export function expectRejected(run: () => unknown, code: ErrorCode): void {
  expect(run).toThrow(KeyledgerError);
  try {
    run();
  } catch (error) {
    expect((error as KeyledgerError).code).toBe(code);
  }
}
