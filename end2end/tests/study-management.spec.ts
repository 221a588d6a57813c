// A coordinator's journey: sign in, create a study, import the phantom set (and see a bad zip
// refused with its report), run the AI, enrol readers by form and CSV, and follow progress.
import { test, expect } from '@playwright/test';
import { coordinator, failOnPageErrors, phantomFolder, signIn, waitForHydration } from '../support/lector';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ids from '../support/ids';

/// A zip of `count` phantom cases, made by `lector synth` and Python's zipfile module.
function phantomZip(count: number, corrupt = false): string {
  const set = phantomFolder(count);
  const dir = path.dirname(set);
  if (corrupt) {
    const manifest = path.join(set, 'manifest.csv');
    const lines = fs.readFileSync(manifest, 'utf8').trimEnd().split('\n');
    lines.push(lines[1]);
    fs.writeFileSync(manifest, lines.join('\n') + '\n');
    fs.writeFileSync(path.join(set, 'images', fs.readdirSync(path.join(set, 'images'))[0]), 'not a png');
  }
  const zip = path.join(dir, 'phantoms.zip');
  execFileSync('python3', ['-m', 'zipfile', '-c', zip, 'phantoms'], { cwd: dir });
  return zip;
}

test('a coordinator sets up a study: import with its report, AI, readers and progress', async ({ page }) => {
  test.setTimeout(120_000);
  const errors = failOnPageErrors(page);
  await signIn(page, coordinator.email, coordinator.password);

  // Create the study.
  await page.getByTestId(ids.NEW_STUDY).click();
  await waitForHydration(page);
  await page.getByTestId(ids.SETTINGS_NAME).fill('Knee phantom study');
  await page.getByTestId(ids.SETTINGS_SUBMIT).click();
  await expect(page).toHaveURL(/\/studies\/\d+\/cases$/);
  await waitForHydration(page);

  // A broken zip is refused with every problem listed, and nothing is imported.
  await page.getByTestId(ids.IMPORT_FILE).setInputFiles(phantomZip(6, true));
  await page.getByTestId(ids.IMPORT_SUBMIT).click();
  await expect(page.getByTestId(ids.IMPORT_REPORT)).toContainText('Nothing was imported');
  expect(await page.getByTestId(ids.IMPORT_PROBLEM).count()).toBeGreaterThanOrEqual(2);
  await expect(page.getByTestId(ids.CASE_ROW)).toHaveCount(0);

  // The phantom set imports whole.
  await page.getByTestId(ids.IMPORT_FILE).setInputFiles(phantomZip(24));
  await page.getByTestId(ids.IMPORT_SUBMIT).click();
  await expect(page.getByTestId(ids.IMPORT_REPORT)).toContainText('Imported 24 cases');
  await expect(page.getByTestId(ids.CASE_ROW)).toHaveCount(24);

  // The AI runs over every case with its progress shown.
  await page.getByTestId(ids.AI_START).click();
  await expect(page.getByTestId(ids.AI_STATUS)).toContainText('24 of 24 cases', { timeout: 90_000 });

  // Readers: one by the form, two by CSV; each gets an invite link.
  await page.getByTestId(`${ids.TAB}-readers`).click();
  await waitForHydration(page);
  const form = page.getByTestId(ids.ENROL_FORM);
  await form.locator('input[name=name]').fill('Li Wei');
  await form.locator('input[name=email]').fill('li.wei@h1.example');
  await form.locator('input[name=hospital]').fill('H1');
  await form.locator('input[name=years]').fill('3');
  await page.getByTestId(ids.ENROL_SUBMIT).click();
  await expect(page.getByTestId(ids.INVITE_LINK)).toHaveCount(1);
  await page.getByTestId(ids.ENROL_CSV).fill(
    'name,email,hospital,years\nWang Fang,wang.fang@h2.example,H2,8\nZhang Min,zhang.min@h3.example,H3,15\n',
  );
  await page.getByTestId(ids.ENROL_CSV_SUBMIT).click();
  await expect(page.getByTestId(ids.READER_ROW)).toHaveCount(3);
  await expect(page.getByTestId(ids.READER_TABLE)).toContainText('Senior');

  // Progress lists every reader's sessions, nothing read yet.
  await page.getByTestId(`${ids.TAB}-progress`).click();
  await expect(page.getByTestId(ids.PROGRESS_ROW).first()).toContainText('0 / ');
  expect(await page.getByTestId(ids.PROGRESS_ROW).count()).toBe(9);

  // The audit trail recorded it all and verifies.
  await page.getByTestId(`${ids.TAB}-audit`).click();
  await expect(page.getByTestId(ids.AUDIT_STATUS)).toContainText('verifies');
  await expect(page.getByTestId(ids.AUDIT_TABLE)).toContainText('cases.import');
  expect(errors).toEqual([]);
});
