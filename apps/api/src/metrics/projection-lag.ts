import type { EntityManager } from '@mikro-orm/postgresql';
import { Gauge, type Registry } from 'prom-client';

// Global positions have gaps (rolled-back appends), so the distance between
// the newest position and a consumer's checkpoint is an upper bound on its
// backlog: cheap to read at every scrape, and zero when it is caught up.
const LAG = `select c.name, greatest(coalesce((select max(global_position) from kl_events), 0) - c.global_position, 0)::bigint as lag
  from kl_projection_checkpoints c`;

/** `keyledger_projection_lag_events{projection}`, read from the checkpoints at each scrape. */
export function registerProjectionLag(registry: Registry, em: () => EntityManager): void {
  new Gauge({
    name: 'keyledger_projection_lag_events',
    help: 'Events in the log past each consumer checkpoint (upper bound)',
    labelNames: ['projection'],
    registers: [registry],
    async collect() {
      this.reset();
      const rows = await em().execute<{ name: string; lag: string }[]>(LAG);
      for (const row of rows) this.set({ projection: row.name }, Number(row.lag));
    },
  });
}
