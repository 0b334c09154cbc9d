import { test as base, type BrowserContext } from '@playwright/test';

/**
 * Headless Chromium refuses persistent storage (it grants it by how much a
 * person has used the site), so the web host's one "this browser did not
 * agree to keep incidents" alert would stand in every test's page. Each
 * browser the tests open answers as a browser the user has kept using would;
 * web-host.spec.ts stubs both answers itself to test the alert.
 */
export async function keepStorage(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    for (const name of ['persist', 'persisted'] as const) {
      Object.defineProperty(StorageManager.prototype, name, { value: async () => true, configurable: true, writable: true });
    }
  });
}

/** Playwright's test, with every page's context answering as above. */
export const test = base.extend({
  context: async ({ context }, use) => {
    await keepStorage(context);
    await use(context);
  },
});

export { expect } from '@playwright/test';
