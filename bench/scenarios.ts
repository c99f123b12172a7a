// What is put under load: the same two operations on Keyledger's API and on
// the bare baseline. A scenario only describes requests; run.ts decides
// when and for how long.
import { randomBytes } from 'node:crypto';
import type { LoadSpec } from './load.js';

export type System = 'baseline' | 'keyledger';
export type Operation = 'reveal' | 'create';

export interface Scenario {
  system: System;
  operation: Operation;
  /** The request of this scenario at `connections` for `durationSeconds`. */
  load(connections: number, durationSeconds: number): LoadSpec;
}

export interface Targets {
  keyledgerUrl: string;
  baselineUrl: string;
  bootstrapToken: string;
  /** The credential every reveal reads, in both databases. */
  credentialId: string;
}

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** `length` random letters and digits (rejection-free: 256 % 62 bias is irrelevant for a benchmark body). */
export function randomAlphanumeric(length: number): string {
  const bytes = randomBytes(length);
  let out = '';
  for (const byte of bytes) out += ALPHANUMERIC[byte % ALPHANUMERIC.length];
  return out;
}

export function openAiSecret(): string {
  return `sk-proj-${randomAlphanumeric(40)}`;
}

/** A valid create body for the openai template; names are unique per generator. */
export function createBodies(prefix = 'bench'): () => string {
  let counter = 0;
  return () => {
    counter += 1;
    return JSON.stringify({ name: `${prefix}-${counter}`, type: 'openai', secret: openAiSecret() });
  };
}

export function scenarios(targets: Targets): Scenario[] {
  const auth = { authorization: `Bearer ${targets.bootstrapToken}` };
  const json = { 'content-type': 'application/json' };
  // One generator per system for the whole run: warm-ups and both connection
  // levels draw from it, so no name repeats (a repeat would be a 409).
  const keyledgerBodies = createBodies();
  const baselineBodies = createBodies();
  const spec =
    (url: string, headers: Record<string, string>, body?: () => string) =>
    (connections: number, durationSeconds: number): LoadSpec => ({
      url,
      method: 'POST',
      connections,
      durationSeconds,
      headers,
      ...(body ? { body } : {}),
    });
  return [
    { system: 'baseline', operation: 'reveal', load: spec(`${targets.baselineUrl}/reveal/${targets.credentialId}`, {}) },
    {
      system: 'keyledger',
      operation: 'reveal',
      // No body and no content-type: an empty JSON body would be a 400.
      load: spec(`${targets.keyledgerUrl}/v1/credentials/${targets.credentialId}/reveal`, auth),
    },
    { system: 'baseline', operation: 'create', load: spec(`${targets.baselineUrl}/credentials`, json, baselineBodies) },
    {
      system: 'keyledger',
      operation: 'create',
      load: spec(`${targets.keyledgerUrl}/v1/credentials`, { ...auth, ...json }, keyledgerBodies),
    },
  ];
}
