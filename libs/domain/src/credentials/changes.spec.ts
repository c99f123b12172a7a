import { changedFields } from './changes.js';
import type { CredentialMetadata } from './types.js';

const current: CredentialMetadata = {
  name: 'db/main',
  username: 'app',
  host: 'db.internal',
  purpose: null,
  extra: { port: 5432, database: 'app' },
  labels: ['env:prod', 'team:core'],
  description: null,
  expiresAt: null,
};

describe('changedFields', () => {
  it('keeps only values that differ', () => {
    expect(changedFields(current, { name: 'db/main', username: 'reader', purpose: 'reports' })).toEqual({
      username: 'reader',
      purpose: 'reports',
    });
  });

  it('compares extra structurally, ignoring key order', () => {
    expect(changedFields(current, { extra: { database: 'app', port: 5432 } })).toEqual({});
    expect(changedFields(current, { extra: { database: 'app', port: 6432 } })).toEqual({ extra: { database: 'app', port: 6432 } });
  });

  it('treats a reordered label list as a change (order is shown to users)', () => {
    expect(changedFields(current, { labels: ['team:core', 'env:prod'] })).toEqual({ labels: ['team:core', 'env:prod'] });
  });

  it('reports a change to null and drops undefined and unknown keys', () => {
    const changes = { host: null, description: undefined, secret: 'x' } as unknown as Partial<CredentialMetadata>;
    expect(changedFields(current, changes)).toEqual({ host: null });
  });
});
