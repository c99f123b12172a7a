// The soak's mixed load: what each autocannon connection sends, in turn, for
// the whole run. Weighted towards the hot path (reveals), with the reads and
// writes an installation sees beside it; the master-key rotation is
// requested once, apart (soak.ts).
import type autocannon from 'autocannon';
import { createBodies, openAiSecret } from './scenarios.js';

export type SoakOperation = 'reveal' | 'list' | 'create' | 'rotate' | 'audit' | 'test' | 'health';

/** One connection's cycle: four reveals in ten requests. */
export const SOAK_CYCLE: readonly SoakOperation[] = [
  'reveal',
  'list',
  'reveal',
  'create',
  'reveal',
  'rotate',
  'audit',
  'reveal',
  'test',
  'health',
];

export interface SoakTargets {
  token: string;
  /** openai credentials that are revealed. */
  revealed: readonly string[];
  /** openai credentials whose secret is rotated, one after the other. */
  rotated: readonly string[];
  /** http_basic credentials whose health check is requested (the worker runs it against the soak's target). */
  tested: readonly string[];
}

/** Cycles through `ids`: consecutive calls never return the same id while there are several. */
export function roundRobin(ids: readonly string[]): () => string {
  if (ids.length === 0) throw new Error('nothing to cycle through');
  let next = 0;
  return () => {
    const id = ids[next]!;
    next = (next + 1) % ids.length;
    return id;
  };
}

/** Counts the answers of each operation, and hands a non-2xx answer to `onFailure` (status and body, for the log). */
export type FailureSink = (operation: SoakOperation, status: number, body: string) => void;

/** The autocannon requests of SOAK_CYCLE against `targets`. */
export function soakRequests(targets: SoakTargets, onFailure: FailureSink): autocannon.Request[] {
  const auth = { authorization: `Bearer ${targets.token}` };
  const json = { ...auth, 'content-type': 'application/json' };
  const revealed = roundRobin(targets.revealed);
  const rotated = roundRobin(targets.rotated);
  const tested = roundRobin(targets.tested);
  const bodies = createBodies('soak');
  const requests: Record<SoakOperation, autocannon.Request> = {
    // No body and no content-type: an empty JSON body would be a 400.
    reveal: { method: 'POST', headers: auth, setupRequest: (req) => ({ ...req, path: `/v1/credentials/${revealed()}/reveal` }) },
    list: { method: 'GET', path: '/v1/credentials?limit=50', headers: auth },
    create: { method: 'POST', path: '/v1/credentials', headers: json, setupRequest: (req) => ({ ...req, body: bodies() }) },
    rotate: {
      method: 'POST',
      headers: json,
      setupRequest: (req) => ({ ...req, path: `/v1/credentials/${rotated()}/rotate`, body: JSON.stringify({ secret: openAiSecret() }) }),
    },
    audit: { method: 'GET', path: '/v1/audit?limit=50', headers: auth },
    test: { method: 'POST', headers: auth, setupRequest: (req) => ({ ...req, path: `/v1/credentials/${tested()}/test` }) },
    health: { method: 'GET', path: '/health/live' },
  };
  return SOAK_CYCLE.map((operation) => ({
    ...requests[operation],
    onResponse: (status: number, body: string) => {
      if (status < 200 || status >= 300) onFailure(operation, status, body);
    },
  }));
}
