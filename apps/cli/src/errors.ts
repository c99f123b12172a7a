// Exit codes scripts can rely on, and the one-line message of any failure.
import { CommanderError } from 'commander';
import {
  ConflictError,
  IdempotencyKeyReusedError,
  KeyledgerApiError,
  NotFoundError,
  PreconditionFailedError,
  UnauthorizedError,
  ValidationFailedError,
} from '#client';

// 130: stopped with Ctrl-C, as shells report it.
export const EXIT = { ok: 0, error: 1, usage: 2, notFound: 3, conflict: 4, interrupted: 130 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** The command line itself is wrong (missing option, no terminal to prompt on, ...). */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** A failure the CLI explains itself, with the exit code it means. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode = EXIT.error,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

export function exitCodeOf(error: unknown): ExitCode {
  if (error instanceof CliError) return error.exitCode;
  if (error instanceof UsageError || error instanceof CommanderError || error instanceof ValidationFailedError) return EXIT.usage;
  if (error instanceof NotFoundError) return EXIT.notFound;
  const conflicts = [ConflictError, PreconditionFailedError, IdempotencyKeyReusedError];
  if (conflicts.some((type) => error instanceof type)) return EXIT.conflict;
  return EXIT.error;
}

/** One line: the server's message and every failing field, or the local error's message. */
export function messageOf(error: unknown): string {
  if (error instanceof UnauthorizedError) {
    return `${error.message}: set KEYLEDGER_TOKEN or run keyledger login`;
  }
  if (error instanceof KeyledgerApiError) {
    const fields = fieldIssues(error.details);
    return fields.length > 0 ? `${error.message} (${fields.join('; ')})` : error.message;
  }
  if (error instanceof Error) return error.message.split('\n')[0]!;
  return String(error);
}

/** What --json prints on stderr for a failure. */
export function jsonErrorOf(error: unknown): Record<string, unknown> {
  const api = error instanceof KeyledgerApiError ? { status: error.status, code: error.code, details: error.details } : {};
  return { error: { message: messageOf(error), exitCode: exitCodeOf(error), ...api } };
}

/** `field: message` for each failing field of a 400 (or of the same validation run locally). */
export function fieldIssues(details: unknown): string[] {
  if (!Array.isArray(details)) return [];
  return details
    .filter((d): d is { field: string; message: string } => typeof d?.field === 'string' && typeof d?.message === 'string')
    .map((d) => (d.message.startsWith(`${d.field}:`) ? d.message : `${d.field}: ${d.message}`));
}
