// A coordinator's journey: sign in, create a study, import the phantom set (and see a bad zip
// refused with its report), run the AI, enrol readers by form and CSV, and follow progress.
import { test, expect } from '@playwright/test';
import { coordinator, failOnPageErrors, phantomFolder, signIn, waitForHydration } from '../support/lector';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

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
  await page.getByTestId('new-study').click();
  await waitForHydration(page);
  await page.getByTestId('settings-name').fill('Knee phantom study');
  await page.getByTestId('settings-submit').click();
  await expect(page).toHaveURL(/\/studies\/\d+\/cases$/);
  await waitForHydration(page);

  // A broken zip is refused with every problem listed, and nothing is imported.
  await page.getByTestId('import-file').setInputFiles(phantomZip(6, true));
  await page.getByTestId('import-submit').click();
  await expect(page.getByTestId('import-report')).toContainText('Nothing was imported');
  expect(await page.getByTestId('import-problem').count()).toBeGreaterThanOrEqual(2);
  await expect(page.getByTestId('case-row')).toHaveCount(0);

  // The phantom set imports whole.
  await page.getByTestId('import-file').setInputFiles(phantomZip(24));
  await page.getByTestId('import-submit').click();
  await expect(page.getByTestId('import-report')).toContainText('Imported 24 cases');
  await expect(page.getByTestId('case-row')).toHaveCount(24);

  // The AI runs over every case with its progress shown.
  await page.getByTestId('ai-start').click();
  await expect(page.getByTestId('ai-status')).toContainText('24 of 24 cases', { timeout: 90_000 });

  // Readers: one by the form, two by CSV; each gets an invite link.
  await page.getByTestId('tab-readers').click();
  await waitForHydration(page);
  const form = page.getByTestId('enrol-form');
  await form.locator('input[name=name]').fill('Li Wei');
  await form.locator('input[name=email]').fill('li.wei@h1.example');
  await form.locator('input[name=hospital]').fill('H1');
  await form.locator('input[name=years]').fill('3');
  await page.getByTestId('enrol-submit').click();
  await expect(page.getByTestId('invite-link')).toHaveCount(1);
  await page.getByTestId('enrol-csv').fill(
    'name,email,hospital,years\nWang Fang,wang.fang@h2.example,H2,8\nZhang Min,zhang.min@h3.example,H3,15\n',
  );
  await page.getByTestId('enrol-csv-submit').click();
  await expect(page.getByTestId('reader-row')).toHaveCount(3);
  await expect(page.getByTestId('reader-table')).toContainText('Senior');

  // Progress lists every reader's sessions, nothing read yet.
  await page.getByTestId('tab-progress').click();
  await expect(page.getByTestId('progress-row').first()).toContainText('0 / ');
  expect(await page.getByTestId('progress-row').count()).toBe(9);

  // The audit trail recorded it all and verifies.
  await page.getByTestId('tab-audit').click();
  await expect(page.getByTestId('audit-status')).toContainText('verifies');
  await expect(page.getByTestId('audit-table')).toContainText('cases.import');
  expect(errors).toEqual([]);
});
