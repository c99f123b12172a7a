import { randomUUID } from 'node:crypto';

/**
 * Where a command's time comes from. An abstract class rather than an
 * interface so that it can be a dependency-injection token as it is.
 */
export abstract class Clock {
  abstract now(): Date;
}

/** Where new ids (aggregate ids, event ids) come from. */
export abstract class IdSource {
  /** A new random UUID. */
  abstract uuid(): string;
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}

export class RandomIds extends IdSource {
  uuid(): string {
    return randomUUID();
  }
}

/** The clock and id source a command runs with. */
export interface CommandEnvironment {
  clock: Clock;
  ids: IdSource;
}

/** The real clock and random ids. */
export function systemEnvironment(): CommandEnvironment {
  return { clock: new SystemClock(), ids: new RandomIds() };
}

/** A clock that always reads `at`. */
export function fixedClock(at: Date): Clock {
  return { now: () => new Date(at.getTime()) };
}
