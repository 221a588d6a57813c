// The coordinator's results page on the study `lector demo` built before the server started
// (scripts/e2e.sh): every table and figure, every download, and the page in both languages.
import { test, expect, Page } from '@playwright/test';
import { apiAs, call, failOnPageErrors, signIn, waitForHydration } from '../support/lector';
import * as ids from '../support/ids';
import { Language } from '../support/pages';

const demo = { email: 'coordinator@lector.demo', password: 'lector-demo-coordinator' };
const tables = [
  'seniority', 'mrmc_or', 'mrmc_dbm', 'readers', 'ai_vs_readers', 'ai_models', 'automation_bias',
  'reading_time', 'agreement', 'sample_size',
];
const downloads = [
  'tables.xlsx', 'tables.csv', 'tables.md', 'tables.tex', 'report.html', 'reads.csv',
  'reads.imrmc', 'rjafroc.xlsx', 'methods.txt', 'figures.zip', 'audit.csv',
];
let study = 0;

test.beforeAll(async () => {
  const api = await apiAs(demo.email, demo.password);
  const studies = await call(api, 'studies/list', {});
  study = studies[0].id;
});

async function toChinese(page: Page) {
  await new Language(page).choose('zh-CN');
}

test('the results page shows every table and figure of the demo study', async ({ page }) => {
  const errors = failOnPageErrors(page);
  await signIn(page, demo.email, demo.password);

  await page.goto(`/studies/${study}/results`);
  await waitForHydration(page);

  for (const id of tables) {
    await expect(page.locator(`[data-table="${id}"]`), id).toBeVisible();
  }
  await expect(page.locator('[data-table="seniority"]')).toContainText('Junior');
  for (const id of ['roc_all', 'accuracy_by_group', 'tsne']) {
    await expect(page.locator(`[data-figure="${id}"] svg`), id).toBeVisible();
  }
  // The overlays load lazily: scroll to the gallery, then check the first one really decoded.
  const overlay = page.getByTestId(ids.RESULTS_GALLERY).locator('img').first();
  await overlay.scrollIntoViewIfNeeded();
  await expect(overlay).toBeVisible();
  await expect.poll(() => overlay.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  expect(errors).toEqual([]);
});

test('every download on the results page arrives under its own name', async ({ page }) => {
  await signIn(page, demo.email, demo.password);
  await page.goto(`/studies/${study}/results`);
  await waitForHydration(page);

  for (const file of downloads) {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator(`[data-export="${file}"]`).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`study-${study}-${file}`);
    expect(await download.failure()).toBeNull();
  }
});

test('the home and results pages switch to Chinese and back', async ({ page }) => {
  const errors = failOnPageErrors(page);
  await signIn(page, demo.email, demo.password);

  await toChinese(page);
  await expect(page.locator('h1')).toHaveText('研究');
  await page.goto(`/studies/${study}/results`);
  await expect(page.getByTestId(`${ids.TAB}-results`)).toHaveText('结果');
  await expect(page.locator('[data-table="seniority"] h2')).toHaveText('各年资组诊断效能');
  await expect(page.locator('[data-table="seniority"]')).toContainText('低年资');
  await waitForHydration(page);
  await page.getByTestId(`${ids.LANGUAGE_OPTION}-en`).click();
  await expect(page.locator('[data-table="seniority"]')).toContainText('Junior');
  expect(errors).toEqual([]);
});

test('a coordinator plans a follow-up study and reads the methods paragraph in both languages', async ({ page }) => {
  const errors = failOnPageErrors(page);
  await signIn(page, demo.email, demo.password);
  await page.goto(`/studies/${study}/results`);
  await waitForHydration(page);
  const sampleSize = page.locator('[data-table="sample_size"]');
  await expect(sampleSize).toContainText('observed AUC difference');

  await page.getByTestId(ids.RESULTS_PLAN_EFFECT).fill('0.04');
  await page.getByTestId(ids.RESULTS_PLAN_EFFECT).press('Tab');

  await expect(sampleSize).toContainText('entered on the results page');
  await expect(sampleSize.locator('tbody tr').first().locator('td').first()).toHaveText('0.040');
  // The downloads carry the plan.
  await expect(page.locator('[data-export="tables.csv"]')).toHaveAttribute('href', /effect=0\.04/);
  const methods = page.getByTestId(ids.RESULTS_METHODS);
  await expect(methods).toContainText('Obuchowski–Rockette method with jackknife covariance');
  await expect(methods.locator('ol li')).not.toHaveCount(0);
  await toChinese(page);
  await expect(page.getByTestId(ids.RESULTS_METHODS)).toContainText('交叉设计');
  expect(errors).toEqual([]);
});

// Printed to A4 portrait (180 mm between 15 mm margins, 680 CSS pixels), the report shows every
// column of every table: Chromium lays out printed pages at that width, so a table wider than it
// would be cut off on paper.
test('the printed report fits every table on an A4 page in both languages', async ({ page }) => {
  const api = await apiAs(demo.email, demo.password);
  for (const lang of ['en', 'zh-CN']) {
    const response = await api.get(`/studies/${study}/export/report.html?lang=${lang}`);
    expect(response.ok()).toBeTruthy();
    await page.setViewportSize({ width: 680, height: 1000 });
    await page.setContent(await response.text());
    await page.emulateMedia({ media: 'print' });

    const overflowing = await page.evaluate(() => {
      const width = document.documentElement.clientWidth;
      return Array.from(document.querySelectorAll('table'))
        .filter((t) => t.getBoundingClientRect().right > width + 0.5)
        .map((t) => `${t.querySelector('caption')?.textContent}: ${Math.round(t.getBoundingClientRect().width)} px`);
    });
    const pdf = await page.pdf({ format: 'A4', margin: { top: '15mm', bottom: '15mm', left: '15mm', right: '15mm' } });

    expect(overflowing, lang).toEqual([]);
    expect(await page.locator('table').count()).toBeGreaterThan(10);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const readers = lang === 'en' ? 'Readers in the analyses' : '纳入分析的阅片者';
    await expect(page.locator('dl.meta')).toContainText(readers);
  }
});
