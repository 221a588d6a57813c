// What the reading page costs the network: on a cold load the bundle (wasm, JS, CSS) comes
// compressed, and a reload fetches none of it again (content-hashed names, cached immutable),
// so it transfers only the page and its API answers. The demo's visitor reads the practice.
// With LECTOR_E2E_MAX_COLD_BYTES set (scripts/e2e.sh sets 600 kB for the size-optimised bundle)
// the cold load of the bundle is held to it too; the figures are printed either way.
import { test, expect, Page, BrowserContext } from '@playwright/test';
import { baseURL, waitForHydration } from '../support/lector';
import * as ids from '../support/ids';

const visitor = { email: 'visitor@lector.demo', password: 'lector-demo-reader' };

/// Bytes on the wire (headers and encoded bodies) per URL while `act` runs, from Chromium's
/// own network events.
async function transferred(context: BrowserContext, page: Page, act: () => Promise<void>) {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  const urls = new Map<string, string>();
  const bytes = new Map<string, number>();
  cdp.on('Network.requestWillBeSent', (e: any) => urls.set(e.requestId, e.request.url));
  cdp.on('Network.loadingFinished', (e: any) => {
    const url = urls.get(e.requestId) ?? '?';
    bytes.set(url, (bytes.get(url) ?? 0) + e.encodedDataLength);
  });
  await act();
  await cdp.detach();
  return bytes;
}

const total = (bytes: Map<string, number>, keep: (url: string) => boolean = () => true) =>
  [...bytes].filter(([url]) => keep(url)).reduce((sum, [, n]) => sum + n, 0);

test('a reload of the reading page fetches nothing of the bundle again', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const login = await context.request.post(`${baseURL}/api/auth/login`, {
    headers: { Origin: baseURL },
    form: { email: visitor.email, password: visitor.password },
  });
  expect(login.ok()).toBeTruthy();
  const worklist = await (await context.request.post(`${baseURL}/api/reading/worklist`, {
    headers: { Origin: baseURL }, data: {},
  })).json();
  const readingPage = `/read/${worklist[0].study_id}/0`;
  const open = async () => {
    await page.goto(readingPage);
    await waitForHydration(page);
    await expect(page.getByTestId(ids.CASE_READER)).toBeVisible();
  };

  const cold = await transferred(context, page, open);
  const reload = await transferred(context, page, async () => {
    await page.reload();
    await waitForHydration(page);
    await expect(page.getByTestId(ids.CASE_READER)).toBeVisible();
  });

  const bundle = (url: string) => new URL(url).pathname.startsWith('/pkg/');
  const coldBundle = total(cold, bundle);
  console.log(`cold load: bundle ${coldBundle} B, everything ${total(cold)} B; reload: ${total(reload)} B`);
  for (const [url, n] of reload) console.log(`  reload ${n} B ${new URL(url).pathname}`);
  expect(total(reload, bundle)).toBe(0);
  expect(total(reload)).toBeLessThan(20_000);
  const limit = Number(process.env.LECTOR_E2E_MAX_COLD_BYTES ?? 0);
  if (limit > 0) expect(coldBundle).toBeLessThanOrEqual(limit);
  await context.close();
});
