import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Registry } from 'prom-client';
import { HEAP_AFTER_GC_METRIC, heapUsedOutsideYoungGeneration, registerProcessMetrics } from './process-metrics.js';

setFlagsFromString('--expose-gc');
const fullGc = runInNewContext('gc') as () => void;

async function heapAfterGc(registry: Registry): Promise<number> {
  const metric = await registry.getSingleMetric(HEAP_AFTER_GC_METRIC)!.get();
  return metric.values[0]!.value;
}

async function until(condition: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 200 && !(await condition()); i++) await new Promise((r) => setTimeout(r, 10));
}

describe('registerProcessMetrics', () => {
  it('records the heap in use after a full collection', async () => {
    const registry = new Registry();
    const stop = registerProcessMetrics(registry);
    expect(await heapAfterGc(registry)).toBe(0);
    fullGc();
    await until(async () => (await heapAfterGc(registry)) > 0);
    const recorded = await heapAfterGc(registry);
    expect(recorded).toBeGreaterThan(1024 * 1024);
    expect(recorded).toBeLessThan(process.memoryUsage().heapTotal);
    stop();
  });

  it('registers the process figures an operator reads RSS and heap from, under the keyledger_ prefix', async () => {
    const registry = new Registry();
    const stop = registerProcessMetrics(registry);
    const text = await registry.metrics();
    stop();
    expect(text).toMatch(/^keyledger_process_resident_memory_bytes \d+/m);
    expect(text).toMatch(/^keyledger_nodejs_heap_size_used_bytes \d+/m);
    expect(text).toContain(`# TYPE ${HEAP_AFTER_GC_METRIC} gauge`);
  });
});

describe('heapUsedOutsideYoungGeneration', () => {
  it('is part of the heap in use', () => {
    const used = heapUsedOutsideYoungGeneration();
    expect(used).toBeGreaterThan(0);
    expect(used).toBeLessThanOrEqual(process.memoryUsage().heapUsed);
  });
});
