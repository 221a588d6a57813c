// Signing in and out in the browser, as the coordinator scripts/e2e.sh creates before the
// server starts (its email, password and name come in LECTOR_E2E_COORDINATOR_*).
import { test, expect, Page } from '@playwright/test';
import * as ids from '../support/ids';
import { failOnPageErrors } from '../support/lector';

const email = process.env.LECTOR_E2E_COORDINATOR_EMAIL!;
const password = process.env.LECTOR_E2E_COORDINATOR_PASSWORD!;
const name = process.env.LECTOR_E2E_COORDINATOR_NAME!;

async function openLogin(page: Page) {
  await page.goto('/login');
  await page.waitForFunction(() => document.body.hasAttribute('data-hydrated'));
}

test('a coordinator signs in, sees their name in the header, and signs out', async ({ page }) => {
  const errors = failOnPageErrors(page);
  await openLogin(page);

  await page.getByTestId(ids.LOGIN_EMAIL).fill(email);
  await page.getByTestId(ids.LOGIN_PASSWORD).fill(password);
  await page.getByTestId(ids.LOGIN_SUBMIT).click();

  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByTestId(ids.HEADER_USER)).toHaveText(name);
  await page.waitForFunction(() => document.body.hasAttribute('data-hydrated'));
  await page.getByTestId(ids.SIGN_OUT).click();
  await expect(page.getByTestId(ids.SIGN_IN_LINK)).toBeVisible();
  await expect(page.getByTestId(ids.HEADER_USER)).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('a wrong password shows the error and keeps the visitor signed out', async ({ page }) => {
  const errors = failOnPageErrors(page);
  await openLogin(page);

  await page.getByTestId(ids.LOGIN_EMAIL).fill(email);
  await page.getByTestId(ids.LOGIN_PASSWORD).fill('not the password');
  await page.getByTestId(ids.LOGIN_SUBMIT).click();

  await expect(page.getByTestId(ids.LOGIN_ERROR)).toHaveText('The email or the password is wrong.');
  await expect(page.getByTestId(ids.SIGN_IN_LINK)).toBeVisible();
  expect(errors).toEqual([]);
});

test('the admin page asks an anonymous visitor to sign in', async ({ page }) => {
  await page.goto('/admin/users');

  await expect(page.getByTestId(ids.SIGN_IN_PROMPT)).toBeVisible();
  await expect(page.getByTestId(ids.SIGN_IN_PROMPT).getByRole('link')).toHaveAttribute('href', '/login?next=/admin/users');
});
