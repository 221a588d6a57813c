// Shared helpers for the browser journeys: the lector binary, server-function calls as a signed-in
// coordinator (to arrange a study quickly), phantom zips, and sign-in through the page.
import { expect, Page, APIRequestContext, request } from '@playwright/test';
import * as ids from './ids';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';

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
  await page.getByTestId(ids.LOGIN_EMAIL).fill(email);
  await page.getByTestId(ids.LOGIN_PASSWORD).fill(password);
  await page.getByTestId(ids.LOGIN_SUBMIT).click();
  await expect(page).toHaveURL(/\/$/);
  // An account may have saved Chinese in an earlier journey; these journeys read English.
  if ((await page.locator('html').getAttribute('lang')) !== 'en') {
    await waitForHydration(page);
    await page.getByTestId(`${ids.LANGUAGE_OPTION}-en`).click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  }
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

export function studyForm(name: string, design: 'crossover' | 'sequential', practice = 0, backNavigation = 'none') {
  return {
    name, positive_label: 'OS', negative_label: 'GCT', design, rating_scale: 'confidence',
    washout_days: 28, read_splits: ['internal', 'external'], practice_cases: practice, seed: 11,
    back_navigation: backNavigation, show_clinical: true, junior_max_years: 5, intermediate_max_years: 10,
    default_locale: 'en',
  };
}

/// A coordinator account of a journey's own (made as an operator would, once), so its studies
/// stay off the shared coordinator's home page, which home.spec.ts expects empty.
export function ownCoordinator(name: string): { email: string; password: string } {
  const slug = name.toLowerCase().replace(/[^a-z]+/g, '.');
  const account = { email: `${slug}@coordinators.example`, password: `${slug}-coordinator-password` };
  try {
    execFileSync(process.env.LECTOR_BIN!, [
      '--data-dir', process.env.LECTOR_E2E_DATA_DIR!, 'user', 'add', '--role', 'coordinator',
      '--email', account.email, '--name', name,
    ], { env: { ...process.env, LECTOR_PASSWORD: account.password }, stdio: 'pipe' });
  } catch {
    // Made by an earlier test of the same file: the account is there.
  }
  return account;
}

export const coordinator = {
  email: process.env.LECTOR_E2E_COORDINATOR_EMAIL!,
  password: process.env.LECTOR_E2E_COORDINATOR_PASSWORD!,
};

/// A study with phantom cases imported, the AI run, and `reader` enrolled and joined; returns
/// the study id and the reader's id in it.
export async function readingStudy(
  name: string, design: 'crossover' | 'sequential', practice: number,
  reader: { email: string; password: string }, backNavigation = 'none',
  owner: { email: string; password: string } = coordinator,
): Promise<{ study: number; readerId: number }> {
  const api = await apiAs(owner.email, owner.password);
  const study = (await call(api, 'studies/create', { form: studyForm(name, design, practice, backNavigation) })).id;
  lector('import', String(study), phantomFolder(16, 3));
  await call(api, 'ai/start', { study_id: study });
  await expect.poll(async () => (await call(api, 'ai/status', { study_id: study })).status, { timeout: 60_000 }).toBe('done');
  const enrolled = await call(api, 'readers/enrol', {
    study_id: study,
    readers: [{ name: 'Reader', email: reader.email, hospital: 'H1', years_experience: 3, seniority_override: null }],
  });
  const token = enrolled[0].invite_path?.split('/').pop();
  if (token) {
    const joined = await api.post('/api/auth/accept_invite', { form: { token, password: reader.password, confirm: reader.password } });
    expect(joined.ok(), await joined.text()).toBeTruthy();
  }
  return { study, readerId: enrolled[0].reader.id };
}

/// A point inside the lesion of an 8-bit grey-scale mask PNG (as `lector synth` writes them), as
/// fractions of the image: the lesion pixel nearest the centroid of all lesion pixels; `null`
/// for an empty mask. Decoded here (zlib and the five PNG row filters) so no package is needed.
export function pointInMask(file: string): { x: number; y: number } | null {
  const png = fs.readFileSync(file);
  let offset = 8;
  let width = 0;
  let height = 0;
  const idat: Buffer[] = [];
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('ascii', offset + 4, offset + 8);
    const data = png.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      if (data[8] !== 8 || data[9] !== 0) throw new Error(`${file}: not an 8-bit grey PNG`);
    } else if (type === 'IDAT') {
      idat.push(data);
    }
    offset += 12 + length;
  }
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const pixels = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (width + 1)];
    for (let x = 0; x < width; x++) {
      const value = raw[y * (width + 1) + 1 + x];
      const left = x > 0 ? pixels[y * width + x - 1] : 0;
      const up = y > 0 ? pixels[(y - 1) * width + x] : 0;
      const upLeft = x > 0 && y > 0 ? pixels[(y - 1) * width + x - 1] : 0;
      const paeth = () => {
        const p = left + up - upLeft;
        const [pa, pb, pc] = [Math.abs(p - left), Math.abs(p - up), Math.abs(p - upLeft)];
        return pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft;
      };
      const predictor = [0, left, up, (left + up) >> 1, paeth()][filter];
      pixels[y * width + x] = (value + predictor) & 0xff;
    }
  }
  let [sx, sy, n] = [0, 0, 0];
  pixels.forEach((v, i) => {
    if (v) { sx += i % width; sy += Math.floor(i / width); n++; }
  });
  if (!n) return null;
  const [cx, cy] = [sx / n, sy / n];
  let best = -1;
  let bestDistance = Infinity;
  pixels.forEach((v, i) => {
    const d = Math.hypot((i % width) - cx, Math.floor(i / width) - cy);
    if (v && d < bestDistance) { best = i; bestDistance = d; }
  });
  return { x: ((best % width) + 0.5) / width, y: (Math.floor(best / width) + 0.5) / height };
}
