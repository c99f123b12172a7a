import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { defaultConsoleRoot } from '../../apps/api/src/console/serve-console.js';
import type { TestDatabase } from './database.js';
import { startHttpTestApi, type HttpTestApi } from './http-api.js';

// Browser tests drive Debian's Chromium (installed by .ci/run; Playwright
// never downloads a browser here) against the API and a worker listening on
// a real port, on the test file's own database and Redis prefix. One
// browser and one API per test file, shared by its tests; one context (a
// fresh profile: no storage, no cookies) per test.

export const CHROMIUM = '/usr/lib/chromium/chromium';

const CHROMIUM_ARGS = [
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-default-apps',
  '--disable-sync',
  '--no-first-run',
  '--metrics-recording-only',
  '--disable-features=Translate,OptimizationHints,MediaRouter,AutofillServerCommunication',
];

export interface PageOptions {
  viewport?: { width: number; height: number };
  colorScheme?: 'light' | 'dark';
}

export interface ConsoleHarness {
  api: HttpTestApi;
  browser: Browser;
  /** `http://127.0.0.1:<port>/ui/` */
  url: string;
  /** A fresh browser profile at 1280×800 (or the given viewport), every URL it requested recorded. */
  newPage(options?: PageOptions): Promise<ConsolePage>;
  close(): Promise<void>;
}

export interface ConsolePage {
  page: Page;
  context: BrowserContext;
  /** Every URL the page requested or navigated to. */
  urls: string[];
  /** Every message the page logged (console and uncaught errors). */
  messages: string[];
  /** Opens /ui/<path> and signs in with the token. */
  signIn: (token: string, path?: string) => Promise<void>;
  /** Everything in localStorage, sessionStorage and cookies, as one string. */
  storedText: () => Promise<string>;
}

/** `database`: serve this one (made and filled beforehand, left open on close) instead of a fresh one. */
export async function startConsole(
  suite: string,
  env: Record<string, string> = {},
  options: { database?: TestDatabase } = {},
): Promise<ConsoleHarness> {
  const root = defaultConsoleRoot();
  if (!root || !existsSync(`${root}/index.html`)) throw new Error('the console is not built: run `npm run build:web` first');
  const api = await startHttpTestApi(suite, env, { worker: true, database: options.database });
  let browser: Browser;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  } catch (error) {
    await api.close();
    throw error;
  }
  const url = `${api.url}/ui/`;
  return {
    api,
    browser,
    url,
    async newPage(options = {}) {
      const context = await browser.newContext({
        viewport: options.viewport ?? { width: 1280, height: 800 },
        colorScheme: options.colorScheme ?? 'light',
        reducedMotion: 'reduce',
        serviceWorkers: 'block',
      });
      const page = await context.newPage();
      // Well inside jest's test timeout, so a missing element fails with Playwright's own explanation.
      page.setDefaultTimeout(10_000);
      const urls: string[] = [];
      const messages: string[] = [];
      page.on('request', (request) => urls.push(request.url()));
      page.on('framenavigated', (frame) => urls.push(frame.url()));
      page.on('console', (message) => messages.push(`${message.type()}: ${message.text()}`));
      page.on('pageerror', (error) => messages.push(`pageerror: ${error.message}`));
      return {
        page,
        context,
        urls,
        messages,
        async signIn(token, path = '') {
          await page.goto(`${url}${path}`);
          await page.getByLabel('Access token').fill(token);
          await page.getByRole('button', { name: 'Sign in' }).click();
          await page.getByRole('button', { name: 'Sign out' }).waitFor();
        },
        async storedText() {
          // Evaluated in the page (as text: the tests are type-checked without the DOM library).
          const stored = await page.evaluate<string>('JSON.stringify([{ ...localStorage }, { ...sessionStorage }, document.cookie])');
          const cookies = await context.cookies();
          return stored + JSON.stringify(cookies);
        },
      };
    },
    async close() {
      await browser.close();
      await api.close();
    },
  };
}

/**
 * Where the browser tests save their screenshots: `test-results/screenshots/` (git-ignored), so a test run
 * changes no tracked file; `npm run screenshots` points them at `docs/screenshots/`, which the README shows.
 */
export const SCREENSHOTS = process.env.KEYLEDGER_SCREENSHOTS_DIR
  ? resolve(process.env.KEYLEDGER_SCREENSHOTS_DIR)
  : fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));

/** `<name>-light.png` and `<name>-dark.png` of the page as it is now (the colour scheme emulated in turn). */
export async function screenshotBothSchemes(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await page.screenshot({ path: join(SCREENSHOTS, `${name}-${colorScheme}.png`), fullPage: true, animations: 'disabled' });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}
