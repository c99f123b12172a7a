// Projection lag under load: how long from a reveal's commit until the
// worker has projected it into the audit trail and into usage. A probe
// reveals a credential of its own (nothing else reads it) while the load
// runs, one reveal at a time, and watches the database from its own
// connection: the moment the reveal's access record is visible (its commit)
// and the moment both its audit entry and its usage count are there.
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { percentile } from './load.js';

/** Pause between two probe reveals, so the probe adds little load of its own. */
const PROBE_GAP_MS = 50;
/** A reveal not projected within this is counted at this (the run is then plainly wrong). */
const GIVE_UP_MS = 10_000;

export interface ProjectionLag {
  connections: number;
  samples: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

export interface LagProbeTarget {
  keyledgerUrl: string;
  token: string;
  databaseUrl: string;
  tenant: string;
  /** The probe's own credential. */
  credentialId: string;
}

// One round trip reads all three counts, so they are seen at the same moment.
const PROGRESS = `select
  (select count(*) from kl_events where stream_id = $1)::int as committed,
  (select count(*) from kl_audit_trail where tenant = $2 and credential_id = $3::text and action = 'revealed')::int as trail,
  coalesce((select reveal_count from kl_credential_usage where credential_id = $3::uuid), 0)::int as usage`;

interface Progress {
  committed: number;
  trail: number;
  usage: number;
}

/**
 * Probes until `done` settles; returns the lag of each probe reveal in ms,
 * from the first poll that saw it committed to the first that saw it
 * projected (both polled back to back, so both carry one poll's resolution).
 */
export async function probeLag(target: LagProbeTarget, done: Promise<unknown>): Promise<number[]> {
  const client = new pg.Client({ connectionString: target.databaseUrl });
  await client.connect();
  let finished = false;
  void done.finally(() => (finished = true));
  const lags: number[] = [];
  try {
    const progress = async (): Promise<Progress> =>
      (await client.query<Progress>(PROGRESS, [`credential-access-${target.credentialId}`, target.tenant, target.credentialId])).rows[0]!;
    let reveals = (await progress()).committed;
    while (!finished) {
      const reveal = fetch(`${target.keyledgerUrl}/v1/credentials/${target.credentialId}/reveal`, {
        method: 'POST',
        headers: { authorization: `Bearer ${target.token}` },
      }).then(async (response) => {
        await response.arrayBuffer();
        if (response.status !== 200) throw new Error(`probe reveal answered ${response.status}`);
      });
      reveals += 1;
      const startedAt = performance.now();
      let committedAt: number | undefined;
      for (;;) {
        const seen = await progress();
        const now = performance.now();
        if (committedAt === undefined && seen.committed >= reveals) committedAt = now;
        if (committedAt !== undefined && seen.trail >= reveals && seen.usage >= reveals) {
          lags.push(now - committedAt);
          break;
        }
        if (now - startedAt > GIVE_UP_MS) {
          lags.push(GIVE_UP_MS);
          reveals = seen.committed;
          break;
        }
      }
      await reveal;
      await sleep(PROBE_GAP_MS);
    }
  } finally {
    await client.end();
  }
  return lags;
}

export function summariseLag(connections: number, lags: number[]): ProjectionLag {
  const sorted = [...lags].sort((a, b) => a - b);
  return {
    connections,
    samples: sorted.length,
    p50Ms: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
    maxMs: sorted.at(-1) ?? Number.NaN,
  };
}
