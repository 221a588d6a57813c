// A localization study in the browser (issue 21): a reader marks the lesion of a phantom and a
// spot beside it, rates both and submits; the read stores one lesion localization and one
// non-lesion localization (reads.csv shows the scoring), and once both readers have read both
// sessions the results page shows the wAFROC table by seniority with its F test.
import { test, expect, request, APIRequestContext } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import {
  apiAs, baseURL, call, lector, phantomFolder, pointInMask, signIn, studyForm, waitForHydration,
} from '../support/lector';
import * as ids from '../support/ids';

const password = 'localizing-reader-password';
const coordinator = { email: 'froc.coordinator@h1.example', password: 'froc-coordinator-password' };
const readers = ['froc.r1@h1.example', 'froc.r2@h1.example'];

test.beforeAll(() => {
  execFileSync(process.env.LECTOR_BIN!, [
    '--data-dir', process.env.LECTOR_E2E_DATA_DIR!, 'user', 'add', '--role', 'coordinator',
    '--email', coordinator.email, '--name', 'FROC Coordinator',
  ], { env: { ...process.env, LECTOR_PASSWORD: coordinator.password } });
});

/// Where the lesion of each OS case is (case_ref → fractions), from the imported phantoms' masks;
/// GCT cases are the normal cases of this study.
async function lesions(api: APIRequestContext, study: number, phantoms: string) {
  const cases = await call(api, 'cases/list', { study_id: study });
  const spots = new Map<number, { x: number; y: number }>();
  for (const c of cases) {
    if (c.truth_label !== 'OS') continue;
    const spot = pointInMask(path.join(phantoms, 'masks', `${c.case_id}.png`));
    if (spot) spots.set(c.id, spot);
  }
  return { spots, caseIds: new Map<number, string>(cases.map((c: any) => [c.id, c.case_id])) };
}

/// Reads what is left of a session through the API as the page would, marking each lesion.
async function readRest(
  reader: APIRequestContext, study: number, session: number, spots: Map<number, { x: number; y: number }>, tag: string,
) {
  let state = await call(reader, 'reading/state', { study_id: study, session });
  let n = 0;
  while (state.case) {
    n += 1;
    const caseRef = state.case.case_ref;
    const spot = spots.get(caseRef);
    const score = 30 + ((caseRef * 7 + session * 13 + tag.length * 5) % 70);
    const marks = spot ? [{ x: spot.x, y: spot.y, rating: score }, { x: 0.02, y: 0.02, rating: 20 }] : [];
    const read = { case_ref: caseRef, stage: state.case.stage, call_positive: score >= 50, score,
      active_ms: 2000, interactions: '[]', idempotency_key: `${tag}${session}-${n}-${Date.now()}`, marks };
    state = (await call(reader, 'reading/submit', { study_id: study, session, read })).next;
  }
}

/// A localization study of 16 phantoms with the AI run and two junior readers enrolled (the
/// first in crossover group A, unaided first; the second in group B, aided first).
async function localizationStudy(name: string, readerEmails: string[]) {
  const api = await apiAs(coordinator.email, coordinator.password);
  const form = { ...studyForm(name, 'crossover', 0), washout_days: 0, task: 'localization' };
  const study = (await call(api, 'studies/create', { form })).id;
  const phantoms = phantomFolder(16, 13);
  lector('import', String(study), phantoms);
  // The AI's outputs make the aided session aided, and give the AI its marks.
  await call(api, 'ai/start', { study_id: study });
  await expect.poll(async () => (await call(api, 'ai/status', { study_id: study })).status, { timeout: 60_000 }).toBe('done');
  const enrolled = await call(api, 'readers/enrol', {
    study_id: study,
    readers: readerEmails.map((email) => ({ name: email, email, hospital: 'H1', years_experience: 3, seniority_override: null })),
  });
  const clients: Record<string, APIRequestContext> = {};
  for (const invitation of enrolled) {
    const token = invitation.invite_path.split('/').pop();
    const invited = await request.newContext({ baseURL, extraHTTPHeaders: { Origin: baseURL } });
    const joined = await invited.post('/api/auth/accept_invite', { form: { token, password, confirm: password } });
    expect(joined.ok(), await joined.text()).toBeTruthy();
    clients[invitation.reader.email] = invited;
  }
  const { spots, caseIds } = await lesions(api, study, phantoms);
  return { api, study, clients, spots, caseIds };
}

test('a reader marks a lesion and a spot beside it, and the results show wAFROC by seniority', async ({ page }) => {
  test.setTimeout(180_000);
  const { api, study, clients, spots, caseIds } = await localizationStudy('Localization journey', readers);
  const first = clients[readers[0]];

  // Arrange: read through the API until an OS case (one with a lesion) is next.
  let state = await call(first, 'reading/state', { study_id: study, session: 1 });
  let n = 0;
  while (!spots.has(state.case.case_ref)) {
    n += 1;
    const read = { case_ref: state.case.case_ref, stage: state.case.stage, call_positive: false, score: 60,
      active_ms: 2000, interactions: '[]', idempotency_key: `pre-${n}-${Date.now()}`, marks: [] };
    state = (await call(first, 'reading/submit', { study_id: study, session: 1, read })).next;
  }
  const marked = state.case.case_ref as number;
  const spot = spots.get(marked)!;

  // Act: in the page, click the lesion and a corner, rate both marks, call and rate the case.
  await signIn(page, readers[0], password);
  await page.goto(`/read/${study}/1`);
  await waitForHydration(page);
  await expect(page.getByTestId(ids.CASE_READER)).toHaveAttribute('data-case', String(marked));
  const image = page.getByTestId(ids.VIEWER_IMAGE);
  await expect(image).toBeVisible();
  const box = (await image.boundingBox())!;
  await image.click({ position: { x: spot.x * box.width, y: spot.y * box.height } });
  await image.click({ position: { x: 0.02 * box.width, y: 0.02 * box.height } });
  await expect(page.getByTestId(ids.MARK)).toHaveCount(2);
  await expect(page.getByTestId(ids.SUBMIT_READ)).toBeDisabled();
  // A placed mark can be dragged a little: it moves, the image does not pan, no mark is added.
  const before = (await page.getByTestId(ids.MARK).nth(1).boundingBox())!;
  const imageBefore = (await image.boundingBox())!;
  await page.mouse.move(before.x + before.width / 2, before.y + before.height / 2);
  await page.mouse.down();
  await page.mouse.move(before.x + before.width / 2 + 6, before.y + before.height / 2 + 4, { steps: 3 });
  await page.mouse.up();
  const after = (await page.getByTestId(ids.MARK).nth(1).boundingBox())!;
  expect(after.x).toBeGreaterThan(before.x + 3);
  expect((await image.boundingBox())!.x).toBe(imageBefore.x);
  await expect(page.getByTestId(ids.MARK)).toHaveCount(2);
  await page.getByTestId(ids.MARK_RATING).nth(0).fill('85');
  await page.getByTestId(ids.MARK_RATING).nth(1).fill('20');
  await page.getByTestId(ids.CALL_POSITIVE).check();
  await page.getByTestId(ids.CONFIDENCE_NUMBER).fill('85');
  await page.getByTestId(ids.SUBMIT_READ).click();
  await expect(page.getByTestId(ids.CASE_READER)).not.toHaveAttribute('data-case', String(marked));

  // Assert: the stored read scores one LL (on a lesion) and one NL.
  const csv = await (await api.get(`/studies/${study}/export/reads.csv`)).text();
  const row = csv.split('\n').find((line) => line.startsWith(readers[0]) && line.includes(`,${caseIds.get(marked)},`));
  expect(row, csv).toBeTruthy();
  // The phantom's mask may hold the tumour and its soft-tissue mass as two lesions.
  expect(row).toMatch(/ 85 LL\d+; 0\.0\d+ 0\.0\d+ 20 NL/);

  // Both readers finish both sessions; the results page then shows the wAFROC table.
  await readRest(first, study, 1, spots, 'a');
  await readRest(first, study, 2, spots, 'a');
  await readRest(clients[readers[1]], study, 1, spots, 'bb');
  await readRest(clients[readers[1]], study, 2, spots, 'bb');
  await signIn(page, coordinator.email, coordinator.password);
  await page.goto(`/studies/${study}/results`);
  await waitForHydration(page);
  const table = page.locator('[data-table="localization"]');
  await expect(table).toBeVisible({ timeout: 30_000 });
  await expect(table).toContainText('Junior');
  await expect(table).toContainText('All readers');
  await expect(page.locator('[data-figure="wafroc_all"]')).toBeVisible();
  await expect(page.locator('[data-export="marks.zip"]')).toBeVisible();
});

test('an aided reader sees the AI marks, and moves and removes a mark with the keyboard', async ({ page }) => {
  test.setTimeout(120_000);
  const emails = ['froc.k1@h1.example', 'froc.k2@h1.example'];
  const { study, clients } = await localizationStudy('Localization by keyboard', emails);
  // The reader of group B reads session 1 with the AI; group A's first session is unaided.
  const groups = await Promise.all(emails.map(async (e) => (await call(clients[e], 'reading/state', { study_id: study, session: 1 })).case.ai));
  const aided = emails[groups.findIndex((ai) => ai !== null)];
  const unaided = emails[groups.findIndex((ai) => ai === null)];
  const state = await call(clients[aided], 'reading/state', { study_id: study, session: 1 });
  const aiMarks = state.case.ai.marks as { x: number; y: number; rating: number }[];

  await signIn(page, unaided, password);
  await page.goto(`/read/${study}/1`);
  await waitForHydration(page);
  await expect(page.getByTestId(ids.VIEWER_IMAGE)).toBeVisible();
  await expect(page.getByTestId(ids.AI_MARK)).toHaveCount(0);
  await expect(page.getByTestId(ids.AI_PANEL_READER)).toHaveCount(0);

  await signIn(page, aided, password);
  await page.goto(`/read/${study}/1`);
  await waitForHydration(page);
  const image = page.getByTestId(ids.VIEWER_IMAGE);
  await expect(image).toBeVisible();
  await expect(page.getByTestId(ids.AI_MARK)).toHaveCount(aiMarks.length);
  await expect(page.getByTestId(ids.AI_MARKS)).toBeVisible();
  if (aiMarks.length > 0) {
    // Each diamond sits where the AI put it and says its probability.
    const box = (await image.boundingBox())!;
    const diamond = (await page.getByTestId(ids.AI_MARK).first().boundingBox())!;
    expect(Math.abs(diamond.x + diamond.width / 2 - (box.x + aiMarks[0].x * box.width))).toBeLessThan(3);
    await expect(page.getByTestId(ids.AI_MARK).first()).toHaveText(String(Math.round(aiMarks[0].rating * 100)));
  }

  const box = (await image.boundingBox())!;
  await image.click({ position: { x: 0.5 * box.width, y: 0.5 * box.height } });
  await image.click({ position: { x: 0.2 * box.width, y: 0.2 * box.height } });
  const mark = page.getByTestId(ids.MARK).first();
  const start = (await mark.boundingBox())!;
  await mark.focus();
  await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('ArrowDown');
  const moved = (await page.getByTestId(ids.MARK).first().boundingBox())!;
  // Two coarse steps of 5 % of the image's width, one fine step of 0.5 % of its height.
  expect(moved.x - start.x).toBeGreaterThan(0.09 * box.width);
  expect(moved.x - start.x).toBeLessThan(0.11 * box.width);
  expect(moved.y).toBeGreaterThan(start.y);
  await expect(page.getByTestId(ids.MARK).first()).toBeFocused();
  // The second mark goes with Delete; the viewer's keys did nothing meanwhile.
  await page.getByTestId(ids.MARK).nth(1).focus();
  await page.keyboard.press('Delete');
  await expect(page.getByTestId(ids.MARK)).toHaveCount(1);
  await page.getByTestId(ids.MARK_RATING).first().fill('70');
  await page.getByTestId(ids.CALL_POSITIVE).check();
  await page.getByTestId(ids.CONFIDENCE_NUMBER).fill('70');
  const submitted = state.case.case_ref as number;
  await page.getByTestId(ids.SUBMIT_READ).click();
  await expect(page.getByTestId(ids.CASE_READER)).not.toHaveAttribute('data-case', String(submitted));

  const reads = await call(clients[aided], 'reading/state', { study_id: study, session: 1 });
  expect(reads.done).toBe(1);
  const csv = await (await (await apiAs(coordinator.email, coordinator.password)).get(`/studies/${study}/export/reads.csv`)).text();
  const row = csv.split('\n').find((line) => line.startsWith(aided));
  // The one mark, at 0.5 + 2 × 0.05 across and 0.5 + 0.005 down.
  const stored = row?.match(/(\d\.\d{4}) (\d\.\d{4}) 70 (LL\d+|NL)/);
  expect(stored, csv).toBeTruthy();
  expect(Math.abs(Number(stored![1]) - 0.6)).toBeLessThan(0.01);
  expect(Math.abs(Number(stored![2]) - 0.505)).toBeLessThan(0.01);
});
