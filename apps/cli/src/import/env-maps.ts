// The CLI's side of the shared .env plan (#env-import): --map VAR=TYPE
// options, and the hint that names --map where a variable could be mapped.
import type { ImportPlan } from '#env-import';
import { UsageError } from '../errors.js';

export function parseMaps(maps: readonly string[]): [string, string][] {
  return maps.map((map) => {
    const match = /^([A-Za-z_][A-Za-z0-9_.]*)=([a-z0-9_]+|-)$/.exec(map);
    if (!match) throw new UsageError(`--map expects VAR=TYPE or VAR=-, e.g. --map STRIPE_KEY=api_key (got "${map.split('=')[0]}")`);
    return [match[1]!, match[2]!];
  });
}

export function withMapHints(plan: ImportPlan): ImportPlan {
  const skipped = plan.skipped.map(({ mappable, ...skip }) =>
    mappable ? { ...skip, reason: `${skip.reason}: --map VAR=TYPE imports it` } : skip,
  );
  return { ...plan, skipped };
}
