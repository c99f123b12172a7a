import { keyringStatus } from './keyring-status.js';

describe('keyringStatus', () => {
  it('lists the keyring in its order, then other master keys stored data keys name', () => {
    const status = keyringStatus({
      activeKekId: 'k3',
      kekIds: ['k3', 'k2'],
      dataKeys: new Map([
        ['k2', 5],
        ['k0', 1],
        ['k1', 0],
      ]),
    });
    expect(status).toEqual([
      { kekId: 'k3', active: true, inKeyring: true, dataKeys: 0 },
      { kekId: 'k2', active: false, inKeyring: true, dataKeys: 5 },
      { kekId: 'k0', active: false, inKeyring: false, dataKeys: 1 },
      { kekId: 'k1', active: false, inKeyring: false, dataKeys: 0 },
    ]);
  });
});
