// Client-side routes under /ui/, on the History API. A route's path holds
// ids only: never a secret, a token or form input.

export const BASE = '/ui/';

export type Route =
  | { page: 'overview' }
  | { page: 'credentials' }
  | { page: 'new-credential' }
  | { page: 'credential'; id: string }
  | { page: 'edit-credential'; id: string }
  | { page: 'keys' }
  | { page: 'key-rotation'; id: string }
  | { page: 'audit' }
  | { page: 'import' }
  | { page: 'access-principals' }
  | { page: 'access-principal'; id: string }
  | { page: 'access-webhooks' }
  | { page: 'access-webhook'; id: string }
  | { page: 'not-found' };

const UUID = '[0-9a-fA-F-]{36}';

export function parse(pathname: string): Route {
  const path = pathname.startsWith(BASE) ? pathname.slice(BASE.length) : pathname.replace(/^\/ui\/?/, '');
  if (path === '') return { page: 'overview' };
  if (path === 'credentials') return { page: 'credentials' };
  if (path === 'credentials/new') return { page: 'new-credential' };
  if (path === 'audit') return { page: 'audit' };
  if (path === 'import') return { page: 'import' };
  let match = new RegExp(`^credentials/(${UUID})$`).exec(path);
  if (match?.[1]) return { page: 'credential', id: match[1] };
  match = new RegExp(`^credentials/(${UUID})/edit$`).exec(path);
  if (match?.[1]) return { page: 'edit-credential', id: match[1] };
  if (path === 'keys') return { page: 'keys' };
  match = new RegExp(`^keys/rotations/(${UUID})$`).exec(path);
  if (match?.[1]) return { page: 'key-rotation', id: match[1] };
  if (path === 'access' || path === 'access/principals') return { page: 'access-principals' };
  if (path === 'access/webhooks') return { page: 'access-webhooks' };
  match = new RegExp(`^access/principals/(${UUID})$`).exec(path);
  if (match?.[1]) return { page: 'access-principal', id: match[1] };
  match = new RegExp(`^access/webhooks/(${UUID})$`).exec(path);
  if (match?.[1]) return { page: 'access-webhook', id: match[1] };
  return { page: 'not-found' };
}

export const router = $state({ route: parse(window.location.pathname) });

/** Listeners run before the route changes (a revealed secret hides itself). */
const leaving = new Set<() => void>();

export function onLeave(listener: () => void): () => void {
  leaving.add(listener);
  return () => leaving.delete(listener);
}

function changed(): void {
  for (const listener of leaving) listener();
  router.route = parse(window.location.pathname);
  window.scrollTo(0, 0);
}

export function navigate(path: string): void {
  const url = path.startsWith('/') ? path : `${BASE}${path}`;
  if (url === window.location.pathname) return;
  window.history.pushState(null, '', url);
  changed();
}

export const href = (path: string): string => `${BASE}${path}`;

window.addEventListener('popstate', changed);

/** Same-origin links under /ui/ move through the router instead of reloading the page (and the token with it). */
document.addEventListener('click', (event) => {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const link = (event.target as Element | null)?.closest?.('a[href]');
  if (!(link instanceof HTMLAnchorElement) || link.target || link.origin !== window.location.origin) return;
  if (!link.pathname.startsWith(BASE)) return;
  event.preventDefault();
  navigate(link.pathname);
});
