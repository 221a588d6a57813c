// Blinding against a reader who looks for the AI (issue 14): in a crossover study, the group-B
// reader's unaided session 2 (after the aided session 1) shows no AI element and every heat map
// answers 404 — when the washout has passed, and when a coordinator ended it early.
import { test, expect, request, APIRequestContext } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import {
  apiAs, baseURL, call, lector, phantomFolder, signIn, studyForm, waitForHydration,
} from '../support/lector';
import * as ids from '../support/ids';

test.describe.configure({ mode: 'serial' });

const password = 'blinded-reader-password';
// A coordinator of its own, so these studies stay off the shared coordinator's home page,
// which other journeys expect empty.
const coordinator = { email: 'blinding.coordinator@h1.example', password: 'blinding-coordinator-password' };

test.beforeAll(() => {
  execFileSync(process.env.LECTOR_BIN!, [
    '--data-dir', process.env.LECTOR_E2E_DATA_DIR!, 'user', 'add', '--role', 'coordinator',
    '--email', coordinator.email, '--name', 'Blinding Coordinator',
  ], { env: { ...process.env, LECTOR_PASSWORD: coordinator.password } });
});

/// A crossover study (washout in days) with the AI run and two junior readers joined, one in
/// each group; returns the study and the group-B reader's email.
async function crossoverWithGroupB(name: string, washoutDays: number, tag: string) {
  const api = await apiAs(coordinator.email, coordinator.password);
  const form = { ...studyForm(name, 'crossover', 0), washout_days: washoutDays };
  const study = (await call(api, 'studies/create', { form })).id;
  lector('import', String(study), phantomFolder(16, 5));
  await call(api, 'ai/start', { study_id: study });
  await expect.poll(async () => (await call(api, 'ai/status', { study_id: study })).status, { timeout: 60_000 }).toBe('done');
  const emails = [`blind.${tag}1@h1.example`, `blind.${tag}2@h1.example`];
  const enrolled = await call(api, 'readers/enrol', {
    study_id: study,
    readers: emails.map((email) => ({ name: email, email, hospital: 'H1', years_experience: 3, seniority_override: null })),
  });
  for (const invitation of enrolled) {
    const token = invitation.invite_path?.split('/').pop();
    if (!token) continue;
    // Accepting signs the reader in: in a context of their own, not the coordinator's.
    const invited = await request.newContext({ baseURL, extraHTTPHeaders: { Origin: baseURL } });
    const joined = await invited.post('/api/auth/accept_invite', { form: { token, password, confirm: password } });
    expect(joined.ok(), await joined.text()).toBeTruthy();
    await invited.dispose();
  }
  const groupB = enrolled.find((i: any) => i.reader.group === 'B').reader;
  return { api, study, email: groupB.email as string, readerId: groupB.id as number };
}

/// Reads the whole session through the API as the page would; returns the cases read.
async function readSession(reader: APIRequestContext, study: number, session: number): Promise<number[]> {
  const cases: number[] = [];
  let state = await call(reader, 'reading/state', { study_id: study, session });
  while (state.case) {
    cases.push(state.case.case_ref);
    const read = { case_ref: state.case.case_ref, stage: state.case.stage, call_positive: true, score: 70,
      active_ms: 2000, interactions: '[]', idempotency_key: `b${session}-${cases.length}-${Date.now()}` };
    state = (await call(reader, 'reading/submit', { study_id: study, session, read })).next;
  }
  return cases;
}

async function expectBlindedSessionTwo(page: any, study: number, email: string, cases: number[]) {
  await signIn(page, email, password);
  await page.goto(`/read/${study}/2`);
  await waitForHydration(page);
  await expect(page.getByTestId(ids.READING_MODE)).toContainText('Unaided');
  await expect(page.getByTestId(ids.CASE_READER)).toBeVisible();
  await expect(page.getByTestId(ids.AI_PANEL_READER)).toHaveCount(0);
  await expect(page.getByTestId(ids.HEATMAP)).toHaveCount(0);
  await expect(page.getByTestId(ids.HEATMAP_TOGGLE)).toHaveCount(0);
  for (const id of cases) {
    const heatmap = await page.request.get(`/images/cases/${id}/heatmap`);
    expect(heatmap.status(), `heat map of case ${id}`).toBe(404);
  }
}

test('a group-B reader sees no AI in the unaided session once the washout has passed', async ({ page }) => {
  const { study, email } = await crossoverWithGroupB('Blinding after washout', 0, 'w');
  const reader = await apiAs(email, password);
  const aidedFirst = await call(reader, 'reading/state', { study_id: study, session: 1 });
  expect(aidedFirst.case.ai, 'session 1 is aided for group B').toBeTruthy();
  const cases = await readSession(reader, study, 1);

  await expectBlindedSessionTwo(page, study, email, cases);
});

test('a group-B reader sees no AI in the unaided session a coordinator opened early', async ({ page }) => {
  const { api, study, email, readerId } = await crossoverWithGroupB('Blinding after override', 28, 'o');
  const reader = await apiAs(email, password);
  const cases = await readSession(reader, study, 1);
  await call(api, 'reading/override', { study_id: study, reader_id: readerId, session: 2, reason: 'reader leaves next week' });

  await expectBlindedSessionTwo(page, study, email, cases);
});
