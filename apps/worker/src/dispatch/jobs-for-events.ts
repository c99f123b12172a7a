import type { RecordedEvent } from '#event-store';
import type { DispatchedJob, JobRoute } from './job-route.js';

/** The jobs a batch of events asks for, per queue, in log order. */
export function jobsForEvents(events: readonly RecordedEvent[], routes: readonly JobRoute[]): Map<string, DispatchedJob[]> {
  const byQueue = new Map<string, DispatchedJob[]>();
  for (const event of events) {
    for (const route of routes) {
      if (!route.eventTypes.includes(event.type)) continue;
      const jobs = route.toJobs(event);
      if (jobs.length === 0) continue;
      byQueue.set(route.queue, [...(byQueue.get(route.queue) ?? []), ...jobs]);
    }
  }
  return byQueue;
}
