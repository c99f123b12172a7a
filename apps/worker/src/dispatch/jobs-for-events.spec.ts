import type { RecordedEvent } from '#event-store';
import type { JobRoute } from './job-route.js';
import { jobsForEvents } from './jobs-for-events.js';

const event = (type: string, id: string) => ({ type, data: { id } }) as unknown as RecordedEvent;

const routes: JobRoute[] = [
  { queue: 'a', eventTypes: ['X', 'Y'], toJobs: (e) => [{ name: 'a', jobId: `a.${e.data.id}`, data: { id: e.data.id } }] },
  { queue: 'b', eventTypes: ['X'], toJobs: (e) => (e.data.id === 'skip' ? [] : [{ name: 'b', jobId: `b.${e.data.id}`, data: {} }]) },
];

describe('jobsForEvents', () => {
  it('groups the jobs of every matching route by queue, in log order', () => {
    const jobs = jobsForEvents([event('X', '1'), event('Z', '2'), event('Y', '3')], routes);
    expect([...jobs.keys()]).toEqual(['a', 'b']);
    expect(jobs.get('a')!.map((j) => j.jobId)).toEqual(['a.1', 'a.3']);
    expect(jobs.get('b')!.map((j) => j.jobId)).toEqual(['b.1']);
  });

  it('asks for nothing when no route matches or a route returns no job', () => {
    expect(jobsForEvents([event('Z', '1')], routes).size).toBe(0);
    expect(jobsForEvents([event('X', 'skip')], routes).get('b')).toBeUndefined();
  });
});
