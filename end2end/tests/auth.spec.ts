// Signing in and out in the browser, as the coordinator scripts/e2e.sh creates before the
// server starts (its email, password and name come in LECTOR_E2E_COORDINATOR_*).
import { test, expect, Page } from '@playwright/test';

const email = process.env.LECTOR_E2E_COORDINATOR_EMAIL!;
const password = process.env.LECTOR_E2E_COORDINATOR_PASSWORD!;
const name = process.env.LECTOR_E2E_COORDINATOR_NAME!;

function failOnPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  return errors;
}

async function openLogin(page: Page) {
  await page.goto('/login');
  await page.waitForFunction(() => document.body.hasAttribute('data-hydrated'));
}

test('a coordinator signs in, sees their name in the header, and signs out', async ({ page }) => {
  const errors = failOnPageErrors(page);
  await openLogin(page);

  await page.getByTestId('login-email').fill(email);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();

  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByTestId('header-user')).toHaveText(name);
  await page.waitForFunction(() => document.body.hasAttribute('data-hydrated'));
  await page.getByTestId('sign-out').click();
  await expect(page.getByTestId('sign-in-link')).toBeVisible();
  await expect(page.getByTestId('header-user')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('a wrong password shows the error and keeps the visitor signed out', async ({ page }) => {
  const errors = failOnPageErrors(page);
  await openLogin(page);

  await page.getByTestId('login-email').fill(email);
  await page.getByTestId('login-password').fill('not the password');
  await page.getByTestId('login-submit').click();

  await expect(page.getByTestId('login-error')).toHaveText('The email or the password is wrong.');
  await expect(page.getByTestId('sign-in-link')).toBeVisible();
  expect(errors).toEqual([]);
});

test('the admin page asks an anonymous visitor to sign in', async ({ page }) => {
  await page.goto('/admin/users');

  await expect(page.getByTestId('sign-in-prompt')).toBeVisible();
  await expect(page.getByTestId('sign-in-prompt').getByRole('link')).toHaveAttribute('href', '/login?next=/admin/users');
});
