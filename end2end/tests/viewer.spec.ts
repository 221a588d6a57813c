// The reading station's viewer on a real radiograph (issue 16): the repo's 1760 × 1760 CR
// fixture, drawn at full depth in the browser, fits the frame, goes to actual pixels and back,
// windows as the mouse moves without asking the server, inverts, shows its window, zoom and a
// ruler, and goes full screen. The drawing times it measures are printed, not asserted: speed
// claims come from measurements, not from timed tests.
import { test, expect, Page } from '@playwright/test';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { apiAs, call, failOnPageErrors, ownCoordinator, lector, signIn, studyForm, waitForHydration } from '../support/lector';
import * as ids from '../support/ids';

const reader = { email: 'viewer.reader@h1.example', password: 'viewer-reader-password' };
let study = 0;

test.beforeAll(async () => {
  const coordinator = ownCoordinator('Viewer Coordinator');
  const api = await apiAs(coordinator.email, coordinator.password);
  study = (await call(api, 'studies/create', { form: studyForm('Viewer on a real radiograph', 'crossover') })).id;
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'lector-viewer-'));
  fs.mkdirSync(path.join(folder, 'dicom'));
  fs.copyFileSync(path.join(__dirname, '..', '..', 'fixtures', 'dicom', 'RG3_J2KR.dcm'), path.join(folder, 'dicom', 'rg3.dcm'));
  fs.writeFileSync(
    path.join(folder, 'manifest.csv'),
    'case_id,file,truth,age,sex,location,site,split\nrg3,dicom/rg3.dcm,GCT,34,F,distal_tibia,H1,internal\n',
  );
  lector('import', String(study), folder);
  const enrolled = await call(api, 'readers/enrol', {
    study_id: study,
    readers: [{ name: 'Viewer Reader', email: reader.email, hospital: 'H1', years_experience: 3, seniority_override: null }],
  });
  const token = enrolled[0].invite_path?.split('/').pop();
  const joined = await api.post('/api/auth/accept_invite', { form: { token, password: reader.password, confirm: reader.password } });
  expect(joined.ok(), await joined.text()).toBeTruthy();
});

/// The grey level the canvas shows at the centre of its bitmap.
async function centreGrey(page: Page): Promise<number> {
  return page.getByTestId(ids.VIEWER_CANVAS).evaluate((c: HTMLCanvasElement) => {
    const data = c.getContext('2d')!.getImageData(c.width >> 1, c.height >> 1, 1, 1).data;
    return data[0];
  });
}

async function frames(page: Page): Promise<number> {
  return Number(await page.getByTestId(ids.VIEWER_CANVAS).getAttribute('data-frames'));
}

test('a real radiograph is drawn at full depth, fits, goes to actual pixels, windows and inverts in the browser', async ({ page }) => {
  test.setTimeout(60_000);
  const errors = failOnPageErrors(page);
  await page.setViewportSize({ width: 1920, height: 1080 });
  await signIn(page, reader.email, reader.password);
  await page.goto(`/read/${study}/1`);
  await waitForHydration(page);
  const canvas = page.getByTestId(ids.VIEWER_CANVAS);
  const viewer = page.getByTestId(ids.VIEWER);
  await expect(canvas).toHaveAttribute('data-frame-ms', /\d/, { timeout: 20_000 });

  // Fitted: the image fills the frame's width or height, whichever binds, and stays inside.
  const frame = (await viewer.boundingBox())!;
  const shown = (await canvas.boundingBox())!;
  expect(Math.min(Math.abs(shown.width - frame.width), Math.abs(shown.height - frame.height))).toBeLessThan(2);
  expect(shown.width).toBeLessThanOrEqual(frame.width + 1);
  expect(shown.height).toBeLessThanOrEqual(frame.height + 1);
  await expect(page.getByTestId(ids.VIEWER_READOUT)).toContainText('Window of the file');

  // Actual pixels: 100 %, drawn from the image itself (level 0); Z again fits.
  await page.keyboard.press('z');
  await expect(page.getByTestId(ids.VIEWER_READOUT)).toContainText('100 %');
  await expect(canvas).toHaveAttribute('data-level', '0');
  await page.keyboard.press('z');
  await expect(canvas).not.toHaveAttribute('data-level', '0');

  // Windowing with the right button: every move is drawn by the page, none asks the server.
  let windowRequests = 0;
  page.on('request', (r) => { if (r.url().includes('/window')) windowRequests += 1; });
  const before = await centreGrey(page);
  const drawnBefore = await frames(page);
  const x = frame.x + frame.width / 2;
  const y = frame.y + frame.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down({ button: 'right' });
  const started = Date.now();
  for (let i = 1; i <= 60; i++) {
    await page.mouse.move(x + i * 3, y + i * 2);
  }
  await page.mouse.up({ button: 'right' });
  const seconds = (Date.now() - started) / 1000;
  await expect.poll(() => frames(page)).toBeGreaterThan(drawnBefore);
  const drawn = (await frames(page)) - drawnBefore;
  const after = await centreGrey(page);
  expect(after).not.toBe(before);
  expect(windowRequests).toBe(0);
  await expect(page.getByTestId(ids.VIEWER_READOUT)).toContainText('custom');
  const medianMs = await canvas.getAttribute('data-frame-ms');
  const lookupMs = await canvas.getAttribute('data-lookup-ms');
  const level = await canvas.getAttribute('data-level');
  const report = `window/level on RG3_J2KR (1760 x 1760, 10-bit): median draw ${medianMs} ms (lookup ${lookupMs} ms) at level ${level} (fitted), ${drawn} frames drawn for 60 moves in ${seconds.toFixed(2)} s (${(drawn / seconds).toFixed(0)} frames/s)`;
  console.log(report);
  test.info().annotations.push({ type: 'measured', description: report });

  // The same at actual pixels, where the image itself is drawn.
  await page.keyboard.press('z');
  await expect(canvas).toHaveAttribute('data-level', '0');
  const fullBefore = await frames(page);
  const fullStarted = Date.now();
  await page.mouse.down({ button: 'right' });
  for (let i = 1; i <= 30; i++) {
    await page.mouse.move(x + 180 - i * 3, y + 120 - i * 2);
  }
  await page.mouse.up({ button: 'right' });
  const fullSeconds = (Date.now() - fullStarted) / 1000;
  await expect.poll(() => frames(page)).toBeGreaterThan(fullBefore);
  const fullDrawn = (await frames(page)) - fullBefore;
  const full = `at actual pixels (level 0, 1760 x 1760): median draw ${await canvas.getAttribute('data-frame-ms')} ms (lookup ${await canvas.getAttribute('data-lookup-ms')} ms), ${fullDrawn} frames for 30 moves in ${fullSeconds.toFixed(2)} s`;
  console.log(full);
  test.info().annotations.push({ type: 'measured', description: full });
  await page.keyboard.press('z');
  await expect(canvas).not.toHaveAttribute('data-level', '0');

  // Invert: the same window, mirrored.
  const windowed = await centreGrey(page);
  await page.keyboard.press('i');
  await expect.poll(async () => Math.abs((await centreGrey(page)) - (255 - windowed))).toBeLessThanOrEqual(1);

  // Full screen with a dark surround, and back.
  await page.keyboard.press('f');
  await expect.poll(() => page.evaluate(() => document.fullscreenElement !== null)).toBe(true);
  await page.keyboard.press('f');
  await expect.poll(() => page.evaluate(() => document.fullscreenElement === null)).toBe(true);
  expect(errors).toEqual([]);
});
