import { readFileSync } from 'node:fs';
import { SERVICE_MALLOC_ARENA_MAX, SERVICE_NODE_FLAGS, serviceEnv } from './service-process.js';

describe('serviceEnv', () => {
  it('sizes V8 for a service and caps the allocator arenas', () => {
    expect(serviceEnv({ PORT: '8080' })).toEqual({
      PORT: '8080',
      NODE_OPTIONS: '--max-semi-space-size=8 --max-old-space-size=512',
      MALLOC_ARENA_MAX: '2',
    });
  });

  it("puts an operator's own NODE_OPTIONS after the service flags, so a flag given twice is the operator's", () => {
    expect(serviceEnv({ NODE_OPTIONS: ' --max-old-space-size=1024 ' }).NODE_OPTIONS).toBe(
      '--max-semi-space-size=8 --max-old-space-size=512 --max-old-space-size=1024',
    );
    expect(serviceEnv({ MALLOC_ARENA_MAX: '4' }).MALLOC_ARENA_MAX).toBe('4');
  });

  it('leaves out variables that are not set', () => {
    expect(Object.keys(serviceEnv({ GONE: undefined }))).toEqual(['NODE_OPTIONS', 'MALLOC_ARENA_MAX']);
  });
});

describe('the Docker image', () => {
  it('starts its processes with the same V8 flags and arena cap', () => {
    const dockerfile = readFileSync(new URL('../../../Dockerfile', import.meta.url), 'utf8');
    expect(dockerfile).toContain(`NODE_OPTIONS="${SERVICE_NODE_FLAGS.join(' ')}"`);
    expect(dockerfile).toContain(`MALLOC_ARENA_MAX=${SERVICE_MALLOC_ARENA_MAX}`);
  });
});
