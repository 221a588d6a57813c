// Shared helpers for the browser journeys: the lector binary, server-function calls as a signed-in
// coordinator (to arrange a study quickly), phantom zips, and sign-in through the page.
import { expect, Page, APIRequestContext, request } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const baseURL = process.env.LECTOR_E2E_URL ?? 'http://127.0.0.1:3000';

export function lector(...args: string[]): Buffer {
  return execFileSync(process.env.LECTOR_BIN!, ['--data-dir', process.env.LECTOR_E2E_DATA_DIR!, ...args]);
}

export function failOnPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  return errors;
}

export async function waitForHydration(page: Page) {
  await page.waitForFunction(() => document.body.hasAttribute('data-hydrated'));
}

export async function signIn(page: Page, email: string, password: string) {
  await page.goto('/login');
  await waitForHydration(page);
  await page.getByTestId('login-email').fill(email);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await expect(page).toHaveURL(/\/$/);
}

/// A phantom data set folder made by `lector synth`.
export function phantomFolder(count: number, seed = 7): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lector-phantoms-'));
  const set = path.join(dir, 'phantoms');
  execFileSync(process.env.LECTOR_BIN!, ['synth', '--cases', String(count), '--seed', String(seed), '--out', set]);
  return set;
}

/// An API client signed in as `email`, sending the site's Origin like a page would.
export async function apiAs(email: string, password: string): Promise<APIRequestContext> {
  const api = await request.newContext({ baseURL, extraHTTPHeaders: { Origin: baseURL } });
  const login = await api.post('/api/auth/login', { form: { email, password } });
  expect(login.ok(), await login.text()).toBeTruthy();
  return api;
}

export async function call(api: APIRequestContext, endpoint: string, body: object): Promise<any> {
  const response = await api.post(`/api/${endpoint}`, { data: body });
  const text = await response.text();
  expect(response.ok(), `${endpoint}: ${text}`).toBeTruthy();
  return text ? JSON.parse(text) : null;
}

export function studyForm(name: string, design: 'crossover' | 'sequential', practice = 0) {
  return {
    name, positive_label: 'OS', negative_label: 'GCT', design, rating_scale: 'confidence',
    washout_days: 28, read_splits: ['internal', 'external'], practice_cases: practice, seed: 11,
    back_navigation: 'none', show_clinical: true, junior_max_years: 5, intermediate_max_years: 10,
    default_locale: 'en',
  };
}

export const coordinator = {
  email: process.env.LECTOR_E2E_COORDINATOR_EMAIL!,
  password: process.env.LECTOR_E2E_COORDINATOR_PASSWORD!,
};
