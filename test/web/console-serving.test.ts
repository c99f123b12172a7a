import { CONSOLE_CSP } from '../../apps/api/src/console/serve-console.js';
import { ADMIN_TOKEN } from '../support/api.js';
import { startConsole, type ConsoleHarness } from '../support/browser.js';

// The API serves the built console at /ui/ with its own security headers;
// the JSON API and /docs keep theirs. The CSP is enforced by a real browser.
let harness: ConsoleHarness;

beforeAll(async () => {
  harness = await startConsole('web_serving');
}, 60_000);

afterAll(async () => {
  await harness?.close();
});

const get = (path: string) => fetch(`${harness.api.url}${path}`, { redirect: 'manual' });

describe('the console at /ui/', () => {
  it('serves index.html with a strict CSP, no caching and no sniffing', async () => {
    const reply = await get('/ui/');
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toMatch(/^text\/html/);
    const csp = reply.headers.get('content-security-policy') ?? '';
    for (const directive of [
      "default-src 'none'",
      "script-src 'self'",
      "style-src 'self'",
      "img-src 'self'",
      "connect-src 'self'",
      "frame-ancestors 'none'",
      "base-uri 'none'",
      "form-action 'self'",
    ]) {
      expect(csp.split('; ')).toContain(directive);
    }
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
    expect(reply.headers.get('cache-control')).toBe('no-store');
    expect(reply.headers.get('x-content-type-options')).toBe('nosniff');
    expect(reply.headers.get('referrer-policy')).toBe('no-referrer');
    const html = await reply.text();
    // No inline script or style: everything comes from hashed files under /ui/assets/.
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/<style|style=/);
    expect(html).toMatch(/<script type="module" crossorigin src="\/ui\/assets\/index-[\w-]+\.js"><\/script>/);
  });

  it('lets browsers keep hashed assets and 404s a missing one', async () => {
    const html = await (await get('/ui/')).text();
    const script = /src="(\/ui\/assets\/[^"]+\.js)"/.exec(html)?.[1] as string;
    const asset = await get(script);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toMatch(/javascript/);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(asset.headers.get('content-security-policy')).toBe(CONSOLE_CSP);
    const missing = await get('/ui/assets/index-missing.js');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('cache-control')).toBe('no-store');
    expect(await missing.text()).not.toMatch(/<html/);
  });

  it('answers deep links with index.html and redirects /ui to /ui/', async () => {
    const deep = await get('/ui/credentials/5f0c6a56-0c4e-4a8e-9a53-2d5f2f7f4a11');
    expect(deep.status).toBe(200);
    expect(deep.headers.get('cache-control')).toBe('no-store');
    expect(await deep.text()).toContain('<div id="app"></div>');
    const bare = await get('/ui');
    expect(bare.status).toBe(301);
    expect(bare.headers.get('location')).toBe('/ui/');
  });

  it('leaves the API and /docs without the console headers', async () => {
    const me = await fetch(`${harness.api.url}/v1/me`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    expect(me.status).toBe(200);
    expect(me.headers.get('content-security-policy')).toBeNull();
    const docs = await get('/docs/openapi.json');
    expect(docs.status).toBe(200);
    expect(docs.headers.get('content-security-policy')).not.toBe(CONSOLE_CSP);
  });

  it('runs under its CSP, which blocks an injected inline script', async () => {
    const { page, messages, context } = await harness.newPage();
    await page.goto(harness.url);
    await page.getByLabel('Access token').waitFor();
    // Evaluated in the page, as text: these tests are type-checked without the DOM library.
    const blocked = await page.evaluate<{ directive: string; ran: boolean }>(`(async () => {
      const seen = new Promise((resolve) =>
        document.addEventListener('securitypolicyviolation', (e) => resolve(e.violatedDirective), { once: true }));
      const script = document.createElement('script');
      script.textContent = 'window.injected = true';
      document.body.append(script);
      return { directive: await seen, ran: window.injected === true };
    })()`);
    expect(blocked).toEqual({ directive: expect.stringMatching(/^script-src/), ran: false });
    // The app itself ran without a violation of its own before the probe.
    expect(messages.filter((m) => /Content Security Policy/.test(m) && !/inline script/i.test(m))).toEqual([]);
    await context.close();
  });
});
