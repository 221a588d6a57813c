// A coordinator imports cases from the hospital's PACS on the Cases page (issue 19): a manifest
// names each case's study, the page shows how far the import has come, the report offers the
// re-identification key the coordinator asked for, and the cases arrive. The PACS is Debian's
// Orthanc, started by scripts/e2e.sh and loaded here with phantoms from `lector synth`.
import { test, expect } from '@playwright/test';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { apiAs, call, failOnPageErrors, ownCoordinator, phantomFolder, signIn, studyForm, waitForHydration } from '../support/lector';
import * as ids from '../support/ids';

const orthanc = process.env.LECTOR_E2E_ORTHANC!;
const authorization =
  'Basic ' +
  Buffer.from(`${process.env.LECTOR_E2E_ORTHANC_USER}:${process.env.LECTOR_E2E_ORTHANC_PASSWORD}`).toString('base64');

/// Sends `count` phantoms to the PACS, each its own study; the manifest rows
/// (`case_id,study_uid,truth,split`) that name them.
async function loadPacs(count: number): Promise<string[]> {
  const set = phantomFolder(count, 31);
  const lines = fs.readFileSync(path.join(set, 'manifest.csv'), 'utf8').trim().split('\n').slice(1);
  const rows: string[] = [];
  for (const line of lines) {
    // case_id,file,truth,age,sex,location,site,split
    const f = line.split(',');
    const body = fs.readFileSync(path.join(set, 'dicom', `${f[0]}.dcm`));
    const stored = await fetch(`${orthanc}/instances`, { method: 'POST', headers: { Authorization: authorization }, body });
    expect(stored.ok).toBeTruthy();
    const { ParentStudy } = await stored.json();
    const study = await (await fetch(`${orthanc}/studies/${ParentStudy}`, { headers: { Authorization: authorization } })).json();
    rows.push(`${f[0]},${study.MainDicomTags.StudyInstanceUID},${f[2]},${f[7]}`);
  }
  return rows;
}

test('a coordinator imports from the PACS, follows its progress and takes the re-identification key', async ({ page }) => {
  test.setTimeout(180_000);
  const errors = failOnPageErrors(page);
  const rows = await loadPacs(120);
  const coordinator = ownCoordinator('PACS Coordinator');
  const api = await apiAs(coordinator.email, coordinator.password);
  const study = await call(api, 'studies/create', { form: studyForm('From the PACS', 'crossover') });
  await signIn(page, coordinator.email, coordinator.password);
  await page.goto(`/studies/${study.id}/cases`);
  await waitForHydration(page);

  await expect(page.getByTestId(ids.PACS_FORM)).toBeVisible();
  await page.getByTestId(ids.PACS_KEY).check();
  await page.getByTestId(ids.PACS_FILE).setInputFiles({
    name: 'cases.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('case_id,study_uid,truth,split\n' + rows.join('\n') + '\n'),
  });
  await page.getByTestId(ids.PACS_SUBMIT).click();

  // While the request is open, the page asks how far it has come.
  await expect(page.getByTestId(ids.PACS_PROGRESS)).toContainText(`${rows.length}`);
  await expect(page.getByTestId(ids.IMPORT_REPORT)).toContainText(`Imported ${rows.length} cases`, { timeout: 120_000 });
  await expect(page.getByTestId(ids.PACS_PROGRESS)).toHaveCount(0);
  await expect(page.getByTestId(ids.CASE_ROW)).toHaveCount(rows.length);

  // The key, asked for, downloads from the page: each case's PACS study UID and its new one.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId(ids.KEY_DOWNLOAD).locator('a').click(),
  ]);
  const key = fs.readFileSync((await download.path())!, 'utf8').trim().split('\n');
  expect(key[0]).toBe('case_id,attribute,original,replacement');
  for (const row of rows) {
    const [caseId, uid] = row.split(',');
    const line = key.find((l) => l.startsWith(`${caseId},StudyInstanceUID,${uid},`));
    expect(line, `${caseId} in the key`).toMatch(/,2\.25\.\d+$/);
  }
  expect(errors).toEqual([]);
});
