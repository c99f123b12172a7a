import { KeyledgerError, ValidationError } from '../errors.js';
import { decidePrincipal } from './decide.js';
import { foldPrincipal, evolvePrincipal } from './evolve.js';
import type { PrincipalCommand, PrincipalEvent, PrincipalState } from './types.js';

const metadata = { actor: 'admin-1', now: '2026-11-22T10:00:00.000Z' };
const create: PrincipalCommand = {
  type: 'CreatePrincipal',
  data: { principalId: 'p-1', tenant: 'acme', name: 'billing-svc', role: 'service', teams: ['payments', 'billing', 'payments'] },
  metadata,
};

function given(...commands: PrincipalCommand[]): PrincipalState {
  const events: PrincipalEvent[] = [];
  for (const command of commands) events.push(...decidePrincipal(command, foldPrincipal(events)));
  return foldPrincipal(events);
}

const issue = (tokenId: string, expiresAt: string | null = null): PrincipalCommand => ({
  type: 'IssueToken',
  data: { tokenId, description: null, expiresAt },
  metadata,
});
const revoke = (tokenId: string): PrincipalCommand => ({ type: 'RevokeToken', data: { tokenId }, metadata });

describe('principal decide', () => {
  it('creates a principal with its teams deduplicated and sorted', () => {
    const [event] = decidePrincipal(create, { status: 'absent' });
    expect(event).toEqual({
      type: 'PrincipalCreated',
      data: {
        principalId: 'p-1',
        tenant: 'acme',
        name: 'billing-svc',
        role: 'service',
        teams: ['billing', 'payments'],
        actor: 'admin-1',
        at: metadata.now,
      },
    });
  });

  it('refuses an unknown role, a bad name and bad team names, naming each field', () => {
    const bad = { ...create, data: { ...create.data, name: ' x', role: 'root' as never, teams: ['ok', 'no spaces'] } } as PrincipalCommand;
    try {
      decidePrincipal(bad, { status: 'absent' });
      throw new Error('expected a validation error');
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).issues.map((i) => i.field)).toEqual(['name', 'role', 'teams.1']);
    }
  });

  it('refuses to create a principal twice', () => {
    expect(() => decidePrincipal(create, given(create))).toThrow(KeyledgerError);
  });

  it('issues a token and refuses one that would already be expired', () => {
    const state = given(create);
    expect(decidePrincipal(issue('t-1', '2026-12-01T00:00:00.000Z'), state)[0]).toMatchObject({
      type: 'TokenIssued',
      data: { principalId: 'p-1', tokenId: 't-1', expiresAt: '2026-12-01T00:00:00.000Z' },
    });
    expect(() => decidePrincipal(issue('t-2', metadata.now), state)).toThrow(ValidationError);
  });

  it('revokes a token once; revoking again records nothing; an unknown token is not found', () => {
    const state = given(create, issue('t-1'));
    expect(decidePrincipal(revoke('t-1'), state)).toHaveLength(1);
    expect(decidePrincipal(revoke('t-1'), given(create, issue('t-1'), revoke('t-1')))).toEqual([]);
    expect(() => decidePrincipal(revoke('t-9'), state)).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
  });

  it('refuses token commands for a principal that does not exist', () => {
    expect(() => decidePrincipal(issue('t-1'), { status: 'absent' })).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
  });

  it('evolve ignores events that cannot apply', () => {
    const revoked: PrincipalEvent = { type: 'TokenRevoked', data: { principalId: 'p-1', tokenId: 't-1', actor: 'a', at: metadata.now } };
    expect(evolvePrincipal({ status: 'absent' }, revoked)).toEqual({ status: 'absent' });
    const state = given(create);
    expect(evolvePrincipal(state, revoked)).toBe(state);
  });
});
