import type { EgressPolicy } from '#egress';

/** What a tester sees of a credential: its settings and the opened secret. Never logged, never stored. */
export interface TestTarget {
  type: string;
  username: string | null;
  host: string | null;
  extra: Readonly<Record<string, unknown>>;
  secret: string;
}

export interface TestOptions {
  /** Bound of every connect, handshake and request the tester makes. */
  timeoutMs: number;
  /** Where the tester may connect: every host goes through \`pinHost\` (see egress.ts) before a connection is opened. */
  egress: EgressPolicy;
}

/** Resolves when the credential works against its target; throws (preferably a TestFailure) when it does not. */
export type Tester = (target: TestTarget, options: TestOptions) => Promise<void>;

/** A failure whose message is meant for the operator: what failed, where, never the secret. */
export class TestFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TestFailure';
  }
}

export const seconds = (ms: number): string => `${Math.round(ms / 100) / 10} s`;

/** `host:port` from the target's host and `extra.port` (or the given default). */
export function endpointOf(target: Pick<TestTarget, 'host' | 'extra'>, defaultPort?: number): { host: string; port: number } | undefined {
  const port = typeof target.extra.port === 'number' ? target.extra.port : defaultPort;
  if (!target.host || port === undefined) return undefined;
  return { host: target.host, port };
}

export function text(value: unknown, fallback = ''): string {
  return typeof value === 'string' && value !== '' ? value : fallback;
}
