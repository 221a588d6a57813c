// Every page a reader meets speaks Simplified Chinese when asked: the login page, the worklist and
// the reading page (viewer tools, diagnosis, AI panel). With LECTOR_SCREENSHOT_DIR set, the
// reading page is also photographed in both languages for the README.
import { test, expect, Page } from '@playwright/test';
import { failOnPageErrors, readingStudy, signIn, waitForHydration } from '../support/lector';
import * as ids from '../support/ids';

const reader = { email: 'reader.i18n@h2.example', password: 'reader-i18n-password' };
let study = 0;

test.beforeAll(async () => {
  ({ study } = await readingStudy('Knee OS vs GCT (languages)', 'sequential', 0, reader));
});

async function toChinese(page: Page) {
  await waitForHydration(page);
  await page.getByTestId(`${ids.LANGUAGE_OPTION}-zh-CN`).click();
}

async function screenshot(page: Page, name: string) {
  const dir = process.env.LECTOR_SCREENSHOT_DIR;
  if (dir) await page.screenshot({ path: `${dir}/${name}.png`, fullPage: false });
}

test('the login, worklist and reading pages switch to Chinese and back', async ({ page }) => {
  const errors = failOnPageErrors(page);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('/login');
  await toChinese(page);
  await expect(page.getByTestId(ids.LOGIN_SUBMIT)).toContainText('登录');
  await page.getByTestId(`${ids.LANGUAGE_OPTION}-en`).click();
  await signIn(page, reader.email, reader.password);

  await expect(page.getByTestId(ids.WORKLIST)).toContainText('Your reading');
  await toChinese(page);
  await expect(page.getByTestId(ids.WORKLIST)).toContainText('我的阅片');
  await expect(page.getByTestId(ids.WORKLIST_OPEN).first()).toContainText('继续');

  await page.goto(`/read/${study}/1`);
  await waitForHydration(page);
  await expect(page.locator('.rating legend')).toHaveText('您的诊断');
  await expect(page.getByTestId(ids.SUBMIT_READ)).toContainText('提交');
  await page.getByTestId(ids.CALL_POSITIVE).check();
  await expect(page.getByTestId(ids.CONFIDENCE_UNSET)).toContainText('没有默认值');
  await page.getByTestId(ids.CONFIDENCE_NUMBER).fill('80');
  await page.getByTestId(ids.SUBMIT_READ).click();
  await expect(page.getByTestId(ids.AI_PROBABILITY)).toContainText('的概率');
  await expect(page.getByTestId(ids.AI_CALL)).toContainText('AI 判断');
  await screenshot(page, 'reading-zh-CN');

  await page.getByTestId(`${ids.LANGUAGE_OPTION}-en`).click();
  await expect(page.locator('.rating legend')).toHaveText('Your diagnosis');
  await expect(page.getByTestId(ids.AI_PROBABILITY)).toContainText('Probability of');
  await expect(page.getByTestId(ids.AI_CALL)).toContainText("The AI's call");
  await screenshot(page, 'reading-en');
  expect(errors).toEqual([]);
});
