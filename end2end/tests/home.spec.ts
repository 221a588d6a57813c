// The home page: server-rendered, then hydrated so that its controls respond in the browser.
import { test, expect, Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import * as ids from '../support/ids';
// Hydration errors surface as page errors; any of them fails the test.
import { failOnPageErrors, waitForHydration } from '../support/lector';

async function signInAsCoordinator(page: Page) {
  await page.goto('/login');
  await waitForHydration(page);
  await page.getByTestId(ids.LOGIN_EMAIL).fill(process.env.LECTOR_E2E_COORDINATOR_EMAIL!);
  await page.getByTestId(ids.LOGIN_PASSWORD).fill(process.env.LECTOR_E2E_COORDINATOR_PASSWORD!);
  await page.getByTestId(ids.LOGIN_SUBMIT).click();
  await expect(page).toHaveURL(/\/$/);
}

test('a visitor who is not signed in is welcomed and asked to sign in', async ({ page }) => {
  await page.goto('/');

  await expect(page.getByTestId(ids.WELCOME)).toContainText('Welcome to Lector');
  await expect(page.getByTestId(ids.WELCOME_SIGN_IN)).toHaveAttribute('href', '/login');
  await expect(page.getByTestId(ids.STUDY_ROW)).toHaveCount(0);
});

test('the empty home page explains how to start, and its toggle works once hydrated', async ({ page }) => {
  const errors = failOnPageErrors(page);
  await signInAsCoordinator(page);

  await page.goto('/');
  await expect(page.getByTestId(ids.EMPTY_STATE)).toContainText('No studies yet');
  await waitForHydration(page);
  await page.getByTestId(ids.HOW_TO_START_TOGGLE).click();

  await expect(page.getByTestId(ids.HOW_TO_START_STEPS)).toContainText('lector study create');
  await expect(page.getByTestId(ids.HOW_TO_START_TOGGLE)).toHaveText('Hide the steps');
  expect(errors).toEqual([]);
});

test('studies created on the command line are listed and filtered as the user types', async ({ page }) => {
  const errors = failOnPageErrors(page);
  const lector = (...args: string[]) =>
    execFileSync(process.env.LECTOR_BIN!, ['--data-dir', process.env.LECTOR_E2E_DATA_DIR!, ...args]);
  const coordinator = process.env.LECTOR_E2E_COORDINATOR_EMAIL!;
  lector('study', 'create', 'Knee OS vs GCT', '--positive', 'OS', '--negative', 'GCT', '--coordinator', coordinator);
  lector('study', 'create', 'Chest nodules', '--positive', 'malignant', '--negative', 'benign', '--design', 'sequential', '--coordinator', coordinator);
  await signInAsCoordinator(page);

  await page.goto('/');
  await expect(page.getByTestId(ids.STUDY_ROW)).toHaveCount(2);
  await waitForHydration(page);
  await page.getByTestId(ids.STUDY_FILTER).fill('gct');

  await expect(page.getByTestId(ids.STUDY_ROW)).toHaveCount(1);
  await expect(page.getByTestId(ids.STUDY_ROW)).toContainText('Knee OS vs GCT');
  expect(errors).toEqual([]);
});

test('an unknown address shows the error page', async ({ page }) => {
  const response = await page.goto('/no/such/page');

  expect(response?.status()).toBe(404);
  await expect(page.getByTestId(ids.NOT_FOUND)).toContainText('Page not found');
});

test('the language switcher turns the page into Chinese and the choice survives a reload', async ({ page }) => {
  await signInAsCoordinator(page);
  await page.goto('/');
  await waitForHydration(page);

  await page.getByTestId(`${ids.LANGUAGE_OPTION}-zh-CN`).click();
  await expect(page.locator('h1')).toHaveText('研究');
  await page.reload();

  await expect(page.locator('h1')).toHaveText('研究');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  // The reloaded page must hydrate before the switcher answers a click.
  await waitForHydration(page);
  await page.getByTestId(`${ids.LANGUAGE_OPTION}-en`).click();
  await expect(page.locator('h1')).toHaveText('Studies');
});

test('a browser asking for Chinese gets Chinese on its first visit', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'zh-CN' });
  const page = await context.newPage();

  await page.goto('/');

  await expect(page.locator('h1')).toHaveText('研究');
  await context.close();
});
