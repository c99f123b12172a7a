import type { PrincipalEvent, PrincipalState } from './types.js';

export function initialPrincipalState(): PrincipalState {
  return { status: 'absent' };
}

/** Total, like the credential's evolve: an event that cannot apply leaves the state unchanged. */
export function evolvePrincipal(state: PrincipalState, event: PrincipalEvent): PrincipalState {
  switch (event.type) {
    case 'PrincipalCreated': {
      if (state.status !== 'absent') return state;
      const { principalId, tenant, name, role, teams } = event.data;
      return { status: 'active', principalId, tenant, name, role, teams, tokens: {} };
    }
    case 'TokenIssued':
      if (state.status === 'absent') return state;
      return { ...state, tokens: { ...state.tokens, [event.data.tokenId]: { expiresAt: event.data.expiresAt, revoked: false } } };
    case 'TokenRevoked': {
      if (state.status === 'absent') return state;
      const token = state.tokens[event.data.tokenId];
      if (!token) return state;
      return { ...state, tokens: { ...state.tokens, [event.data.tokenId]: { ...token, revoked: true } } };
    }
  }
}

export function foldPrincipal(events: readonly PrincipalEvent[]): PrincipalState {
  return events.reduce(evolvePrincipal, initialPrincipalState());
}
