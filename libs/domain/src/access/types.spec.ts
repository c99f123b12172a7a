import { ACCESS_STREAM_TYPE, accessStreamId } from './types.js';

describe('access stream', () => {
  it('is one stream per credential, distinct from the credential stream', () => {
    expect(accessStreamId('c-1')).toBe('credential-access-c-1');
    expect(accessStreamId('c-1')).not.toBe(accessStreamId('c-2'));
    expect(accessStreamId('c-1')).not.toBe('credential-c-1');
    expect(ACCESS_STREAM_TYPE).toBe('credential_access');
  });
});
