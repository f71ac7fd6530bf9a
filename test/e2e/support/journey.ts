// One server and one browser per journey file, started before its tests and stopped after them.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchBrowser } from './browser.js';
import { startServer, type TestServer } from './server.js';

export interface Journey { readonly server: TestServer; readonly browser: Browser }

export function useJourney(): Journey {
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });
  return {
    get server() { if (!server) throw new Error('the journey has not started'); return server; },
    get browser() { if (!browser) throw new Error('the journey has not started'); return browser; },
  };
}
