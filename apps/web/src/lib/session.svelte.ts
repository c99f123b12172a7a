// Who is signed in. The token lives in this module's memory only: never in
// localStorage, sessionStorage, a cookie or the URL. Reloading the page,
// signing out, an idle lock or a 401 forgets it.
import * as api from './api.js';
import type { CredentialAction, Me } from './types.js';

export const IDLE_CHOICES_MINUTES = [5, 15, 30, 60] as const;
export const DEFAULT_IDLE_MINUTES = 15;
/** How long before the token's expiry the banner warns. */
const EXPIRY_WARNING_MS = 10 * 60_000;
const ACTIVITY_EVENTS = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const;

export const session = $state({
  me: null as Me | null,
  /** Why the last session ended (shown on the sign-in page). */
  endedBecause: '',
  /** Minutes until the token expires, once within the warning window. */
  expiresInMinutes: null as number | null,
});

let idleTimer: ReturnType<typeof setTimeout> | undefined;
let expiryTimer: ReturnType<typeof setInterval> | undefined;
let idleMs = DEFAULT_IDLE_MINUTES * 60_000;

function resetIdle(): void {
  clearTimeout(idleTimer);
  idleTimer = setTimeout(() => signOut(`Locked after ${idleMs / 60_000} minutes without activity. Paste your token again.`), idleMs);
}

function watchExpiry(expiresAt: string | null): void {
  clearInterval(expiryTimer);
  session.expiresInMinutes = null;
  if (!expiresAt) return;
  const at = Date.parse(expiresAt);
  const check = () => {
    const left = at - Date.now();
    if (left <= 0) return signOut('Your token has expired. Sign in with a new one.');
    session.expiresInMinutes = left <= EXPIRY_WARNING_MS ? Math.max(1, Math.ceil(left / 60_000)) : null;
  };
  check();
  expiryTimer = setInterval(check, 15_000);
}

/** Checks the token with GET /v1/me; on success it is the session's until sign-out. */
export async function signIn(token: string, idleMinutes: number = DEFAULT_IDLE_MINUTES): Promise<void> {
  api.useToken(token, () => signOut('The API no longer accepts this token. Sign in again.'));
  try {
    const me = await api.me();
    idleMs = idleMinutes * 60_000;
    session.me = me;
    session.endedBecause = '';
    for (const event of ACTIVITY_EVENTS) window.addEventListener(event, resetIdle, { passive: true });
    resetIdle();
    watchExpiry(me.token?.expiresAt ?? null);
  } catch (error) {
    api.forgetToken();
    throw error;
  }
}

export function signOut(reason = ''): void {
  api.forgetToken();
  clearTimeout(idleTimer);
  clearInterval(expiryTimer);
  for (const event of ACTIVITY_EVENTS) window.removeEventListener(event, resetIdle);
  session.me = null;
  session.expiresInMinutes = null;
  session.endedBecause = reason;
}

/** The role reaches this action on some credentials (the API decides per credential). */
export function may(action: CredentialAction): boolean {
  return (session.me?.credentialAccess[action] ?? 'none') !== 'none';
}

/** Creating and testing unsaved credentials: admins and operators. */
export function mayCreate(): boolean {
  return session.me?.role === 'admin' || session.me?.role === 'operator';
}

/** Master keys and their rotation (GET /v1/keys, /v1/keys/rotations): admins only, as the API allows. */
export function mayManageKeys(): boolean {
  return session.me?.role === 'admin';
}

/** Who read a credential (GET /v1/credentials/{id}/usage): admins, operators and auditors, as the API allows. */
export function mayReadUsage(): boolean {
  return session.me?.role === 'admin' || session.me?.role === 'operator' || session.me?.role === 'auditor';
}
