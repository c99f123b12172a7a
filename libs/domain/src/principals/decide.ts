import { KeyledgerError, ValidationError, type FieldIssue } from '../errors.js';
import {
  ROLES,
  type CreatePrincipal,
  type IssueToken,
  type PrincipalCommand,
  type PrincipalEvent,
  type PrincipalState,
  type RevokeToken,
} from './types.js';

type ActivePrincipal = Extract<PrincipalState, { status: 'active' }>;

const NAME = /^[A-Za-z0-9][A-Za-z0-9_.@-]{0,127}$/;
/** A team name, as principals carry it and grants name it. */
export const TEAM_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
const MAX_TEAMS = 32;

export function decidePrincipal(command: PrincipalCommand, state: PrincipalState): PrincipalEvent[] {
  if (command.type === 'CreatePrincipal') return create(command, state);
  if (state.status === 'absent') throw new KeyledgerError('NOT_FOUND', 'principal not found');
  return command.type === 'IssueToken' ? issue(command, state) : revoke(command, state);
}

function create(command: CreatePrincipal, state: PrincipalState): PrincipalEvent[] {
  if (state.status !== 'absent') throw new KeyledgerError('INVALID_STATE', `principal ${command.data.principalId} already exists`);
  const { data, metadata } = command;
  const issues = principalIssues(data);
  if (issues.length > 0) throw new ValidationError('the principal is not valid', issues);
  const teams = [...new Set(data.teams)].sort();
  return [{ type: 'PrincipalCreated', data: { ...data, teams, actor: metadata.actor, at: metadata.now } }];
}

function issue(command: IssueToken, principal: ActivePrincipal): PrincipalEvent[] {
  const { data, metadata } = command;
  if (data.expiresAt !== null && data.expiresAt <= metadata.now) {
    throw new ValidationError('the token would already be expired', [{ field: 'expiresAt', message: 'must be in the future' }]);
  }
  if (principal.tokens[data.tokenId]) throw new KeyledgerError('INVALID_STATE', `token ${data.tokenId} already exists`);
  return [{ type: 'TokenIssued', data: { principalId: principal.principalId, ...data, actor: metadata.actor, at: metadata.now } }];
}

/** Revoking a revoked token changes nothing (no event), like deleting twice. */
function revoke(command: RevokeToken, principal: ActivePrincipal): PrincipalEvent[] {
  const token = principal.tokens[command.data.tokenId];
  if (!token) throw new KeyledgerError('NOT_FOUND', `token ${command.data.tokenId} not found`);
  if (token.revoked) return [];
  const { actor, now } = command.metadata;
  return [{ type: 'TokenRevoked', data: { principalId: principal.principalId, tokenId: command.data.tokenId, actor, at: now } }];
}

/** Every problem with a principal's name, role and teams, by field. */
export function principalIssues(data: { name: unknown; role: unknown; teams: unknown }): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (typeof data.name !== 'string' || !NAME.test(data.name)) {
    issues.push({ field: 'name', message: 'use 1-128 of A-Z a-z 0-9 _ . @ -, starting with a letter or digit' });
  }
  if (!ROLES.includes(data.role as never)) issues.push({ field: 'role', message: `must be one of ${ROLES.join(', ')}` });
  if (!Array.isArray(data.teams) || data.teams.length > MAX_TEAMS) {
    issues.push({ field: 'teams', message: `must be a list of at most ${MAX_TEAMS} team names` });
  } else {
    data.teams.forEach((team, i) => {
      if (typeof team !== 'string' || !TEAM_NAME.test(team)) issues.push({ field: `teams.${i}`, message: 'use 1-64 of A-Z a-z 0-9 _ . -' });
    });
  }
  return issues;
}
