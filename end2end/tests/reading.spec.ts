// A reader's journeys: invite, practice with feedback, unaided and aided sessions with the
// washout and its audited override, the sequential design, submits that are never doubled or
// lost, and resuming after signing out.
import { test, expect, Page } from '@playwright/test';
import {
  apiAs, call, coordinator, failOnPageErrors, readingStudy, signIn, waitForHydration,
} from '../support/lector';
import * as ids from '../support/ids';
import { ReadingPage } from '../support/pages';

const reader = { email: 'reader.one@h1.example', password: 'reader-one-password' };

test.describe.configure({ mode: 'serial' });

let crossover = 0;
let sequential = 0;
let readerId = 0;

test.beforeAll(async () => {
  ({ study: crossover, readerId } = await readingStudy('Reading crossover', 'crossover', 2, reader));
  ({ study: sequential } = await readingStudy('Reading sequential', 'sequential', 0, reader));
});

async function readCase(page: Page, positive = true) {
  await new ReadingPage(page).read(positive);
}

async function openSession(page: Page, study: number, session: number) {
  await new ReadingPage(page).open(study, session);
}

test('practice shows the truth after each read, then session 1 opens', async ({ page }) => {
  const errors = failOnPageErrors(page);
  await signIn(page, reader.email, reader.password);
  await expect(page.getByTestId(ids.WORKLIST)).toBeVisible();
  await expect(page.locator(`[data-testid=${ids.WORKLIST_SESSION}][data-session="1"]`).first()).toHaveAttribute('data-state', 'closed');

  await openSession(page, crossover, 0);
  await readCase(page);
  // The feedback stays on the case just answered, with its image, until the reader moves on.
  await expect(page.getByTestId(ids.PRACTICE_FEEDBACK)).toContainText('the answer is');
  await expect(page.getByTestId(ids.PRACTICE_ANSWERED).locator('img')).toBeVisible();
  await expect(page.getByTestId(ids.READING_PROGRESS)).toContainText('1 of');
  await expect(page.getByTestId(ids.SUBMIT_READ)).toHaveCount(0);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId(ids.PRACTICE_FEEDBACK)).toHaveCount(0);
  await readCase(page);
  await expect(page.getByTestId(ids.PRACTICE_FEEDBACK)).toBeVisible();
  await page.getByTestId(ids.PRACTICE_NEXT).click();
  await expect(page.getByTestId(ids.SESSION_DONE)).toBeVisible();

  await page.goto('/');
  await expect(page.locator(`[data-testid=${ids.WORKLIST_SESSION}][data-session="1"]`).first()).toHaveAttribute('data-state', 'open');
  expect(errors).toEqual([]);
});

test('the unaided session has no AI in the page, session 2 waits for the washout until a coordinator opens it', async ({ page, browser }) => {
  await signIn(page, reader.email, reader.password);
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  const expectNoAi = async () => {
    await expect(page.getByTestId(ids.CASE_READER)).toBeVisible();
    await expect(page.getByTestId(ids.AI_PANEL_READER)).toHaveCount(0);
    await expect(page.getByTestId(ids.HEATMAP)).toHaveCount(0);
  };
  const expectAi = async () => {
    await expect(page.getByTestId(ids.AI_PROBABILITY)).toContainText('%');
    await expect(page.getByTestId(ids.HEATMAP)).toBeHidden();
    await page.getByTestId(ids.HEATMAP_TOGGLE).check();
    await expect(page.getByTestId(ids.HEATMAP)).toBeVisible();
  };

  await openSession(page, crossover, 1);
  // Group A reads unaided first, group B aided first; the study's seed decided which.
  const unaidedFirst = (await page.getByTestId(ids.READING_MODE).textContent())!.includes('Unaided');
  await (unaidedFirst ? expectNoAi() : expectAi());
  while (await page.getByTestId(ids.CASE_READER).count()) {
    await readCase(page);
    await page.waitForTimeout(150);
  }
  await expect(page.getByTestId(ids.SESSION_DONE)).toBeVisible();
  if (unaidedFirst) expect(requests.filter((u) => u.includes('/heatmap'))).toEqual([]);

  await page.goto('/');
  await expect(page.locator(`[data-testid=${ids.WORKLIST_SESSION}][data-session="2"]`).first()).toHaveAttribute('data-state', 'closed');
  await expect(page.getByTestId(ids.WORKLIST_CLOSED).first()).toContainText('after the washout');

  // The coordinator ends the washout from the Progress page, giving the reason.
  const desk = await browser.newPage();
  await signIn(desk, coordinator.email, coordinator.password);
  await desk.goto(`/studies/${crossover}/progress`);
  await waitForHydration(desk);
  await desk.getByTestId(ids.OPEN_EARLY_REASON).first().fill('reader leaves the hospital next week');
  await desk.getByTestId(ids.OPEN_EARLY).first().locator('button').click();
  await expect(desk.getByTestId(ids.OPEN_EARLY)).toHaveCount(0);
  await desk.close();
  const api = await apiAs(coordinator.email, coordinator.password);
  const audit = await call(api, 'progress/audit', { study_id: crossover, kind: 'sessions' });
  expect(JSON.stringify(audit.rows)).toContain('session.override');

  await page.reload();
  await expect(page.locator(`[data-testid=${ids.WORKLIST_SESSION}][data-session="2"]`).first()).toHaveAttribute('data-state', 'open');
  requests.length = 0;
  await openSession(page, crossover, 2);
  await (unaidedFirst ? expectAi() : expectNoAi());
  if (!unaidedFirst) expect(requests.filter((u) => u.includes('/heatmap'))).toEqual([]);
});

test('a double-clicked submit and a reload mid-case leave exactly one read each', async ({ page }) => {
  await signIn(page, reader.email, reader.password);
  await openSession(page, crossover, 2);
  const progress = page.getByTestId(ids.READING_PROGRESS);
  const before = await progress.textContent();

  await page.getByTestId(ids.CALL_NEGATIVE).check();
  await page.getByTestId(ids.CONFIDENCE_NUMBER).fill('20');
  await page.getByTestId(ids.SUBMIT_READ).dblclick();
  await expect(progress).not.toHaveText(before!);
  const afterDouble = await progress.textContent();
  await page.reload();
  await waitForHydration(page);
  await expect(progress).toHaveText(afterDouble!);
  await readCase(page);
  await expect(progress).not.toHaveText(afterDouble!);

  const api = await apiAs(coordinator.email, coordinator.password);
  const rows = await call(api, 'progress/study', { study_id: crossover });
  const session2 = rows.find((r: any) => r.reader_id === readerId && r.session === 2);
  const doneNow = Number(before!.match(/Case (\d+)/)![1]) + 2;
  expect(session2.done).toBe(doneNow);
});

test('a reader who opens a study page sees neither its tabs nor its downloads', async ({ page }) => {
  await signIn(page, reader.email, reader.password);
  await page.goto(`/studies/${crossover}/results`);
  await waitForHydration(page);

  await expect(page.getByTestId(ids.FORBIDDEN)).toBeVisible();
  await expect(page.getByTestId(ids.STUDY_TABS)).toHaveCount(0);
  await expect(page.getByTestId(ids.RESULTS_EXPORTS)).toHaveCount(0);
});

test('after signing out and in again the reader resumes at the next unread case', async ({ page }) => {
  await signIn(page, reader.email, reader.password);
  await openSession(page, crossover, 2);
  const at = await page.getByTestId(ids.READING_PROGRESS).textContent();
  await page.getByTestId(ids.SIGN_OUT).click();
  await expect(page.getByTestId(ids.SIGN_IN_LINK)).toBeVisible();

  await signIn(page, reader.email, reader.password);
  await page.getByTestId(ids.WORKLIST_OPEN).first().click();
  await waitForHydration(page);

  await expect(page.getByTestId(ids.READING_PROGRESS)).toHaveText(at!);
});

test('the sequential design shows the AI only after the unaided rating is committed, and keeps both', async ({ page }) => {
  await signIn(page, reader.email, reader.password);
  await openSession(page, sequential, 1);
  const caseRef = await page.getByTestId(ids.CASE_READER).getAttribute('data-case');
  await expect(page.getByTestId(ids.CASE_READER)).toHaveAttribute('data-stage', 'unaided');
  await expect(page.getByTestId(ids.AI_PANEL_READER)).toHaveCount(0);

  await readCase(page, true);

  await expect(page.getByTestId(ids.CASE_READER)).toHaveAttribute('data-stage', 'final');
  await expect(page.getByTestId(ids.CASE_READER)).toHaveAttribute('data-case', caseRef!);
  await expect(page.getByTestId(ids.AI_PROBABILITY)).toContainText('%');
  await expect(page.getByTestId(ids.UNAIDED_RATING)).toContainText('70');
  // The viewer's keys: H shows and hides the heat map, I inverts, R resets.
  await expect(page.getByTestId(ids.HEATMAP)).toBeHidden();
  await page.keyboard.press('h');
  await expect(page.getByTestId(ids.HEATMAP)).toBeVisible();
  await page.keyboard.press('i');
  await expect(page.getByTestId(ids.VIEWER_IMAGE)).toHaveClass(/inverted/);
  await page.keyboard.press('r');
  await expect(page.getByTestId(ids.VIEWER_IMAGE)).not.toHaveClass(/inverted/);
  await page.keyboard.press('h');
  await expect(page.getByTestId(ids.HEATMAP)).toBeHidden();
  await page.keyboard.press('?');
  await expect(page.getByTestId(ids.VIEWER_HELP)).toContainText('H: heat map');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId(ids.VIEWER_HELP)).toHaveCount(0);
  await readCase(page, false);
  await expect(page.getByTestId(ids.CASE_READER)).toHaveAttribute('data-stage', 'unaided');
  await expect(page.getByTestId(ids.CASE_READER)).not.toHaveAttribute('data-case', caseRef!);
});

test('where the study allows it, going back corrects a rating without counting the case twice', async ({ page }) => {
  const errors = failOnPageErrors(page);
  const { study } = await readingStudy('Reading with corrections', 'crossover', 0, reader, 'within_session');
  await signIn(page, reader.email, reader.password);
  await openSession(page, study, 1);
  const first = await page.getByTestId(ids.CASE_READER).getAttribute('data-case');
  await readCase(page, true);
  await expect(page.getByTestId(ids.READING_PROGRESS)).toContainText('Case 1 of');

  await page.getByTestId(ids.READING_PREVIOUS).click();
  await expect(page.getByTestId(ids.CASE_READER)).toHaveAttribute('data-case', first!);
  await expect(page.getByTestId(ids.CORRECTING)).toContainText('70');
  await readCase(page, false);

  await expect(page.getByTestId(ids.CASE_READER)).not.toHaveAttribute('data-case', first!);
  await expect(page.getByTestId(ids.READING_PROGRESS)).toContainText('Case 1 of');
  expect(errors).toEqual([]);
});

test('a rating has no default: Submit waits until the reader sets one, by keyboard or by typing', async ({ page }) => {
  await signIn(page, reader.email, reader.password);
  await openSession(page, crossover, 2);
  const progress = page.getByTestId(ids.READING_PROGRESS);
  const before = await progress.textContent();
  const submitButton = page.getByTestId(ids.SUBMIT_READ);

  await page.getByTestId(ids.CALL_POSITIVE).check();
  await expect(page.getByTestId(ids.CONFIDENCE_UNSET)).toBeVisible();
  await expect(submitButton).toBeDisabled();
  await page.keyboard.press('Enter');
  await expect(progress).toHaveText(before!);

  await page.getByTestId(ids.CONFIDENCE_NUMBER).fill('150');
  await expect(submitButton).toBeDisabled();
  await page.getByTestId(ids.CONFIDENCE).focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId(ids.CONFIDENCE_NUMBER)).toHaveValue('51');
  await expect(page.getByTestId(ids.CONFIDENCE_UNSET)).toHaveCount(0);
  await expect(submitButton).toBeEnabled();
  await submitButton.click();
  await expect(progress).not.toHaveText(before!);
});
