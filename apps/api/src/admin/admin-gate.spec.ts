import { mayOpenDashboard, tokenOf } from './admin-gate.js';

const basic = (text: string) => `Basic ${Buffer.from(text).toString('base64')}`;

describe('dashboard credentials', () => {
  it('take a Bearer token, or the password of HTTP Basic whatever the user name', () => {
    expect(tokenOf('Bearer klt_abc_def')).toBe('klt_abc_def');
    expect(tokenOf(basic('admin:klt_abc_def'))).toBe('klt_abc_def');
    expect(tokenOf(basic(':pa:ss'))).toBe('pa:ss');
  });

  it('find none in anything else', () => {
    for (const header of [undefined, '', 'Bearer', basic('no-colon'), basic('user:'), 'Digest x', 'Basic !!!'])
      expect(tokenOf(header)).toBeNull();
  });

  it('let in admins of the operator tenant only', () => {
    const p = (role: 'admin' | 'operator', tenant: string) => ({ id: 'p', role, tenant, teams: [] });
    expect(mayOpenDashboard(p('admin', 'default'), 'default')).toBe(true);
    expect(mayOpenDashboard(p('operator', 'default'), 'default')).toBe(false);
    expect(mayOpenDashboard(p('admin', 'acme'), 'default')).toBe(false);
  });
});
