// Every page, in both languages, checked by axe-core (issue 16): no critical or serious
// violation of WCAG 2.1 A/AA for a signed-out visitor, a coordinator (the demo study, with its
// results) or a reader in a session. The violations found are listed with their elements.
import { test, expect, Page } from '@playwright/test';
import { ownCoordinator, readingStudy, signIn, waitForHydration } from '../support/lector';
import { Language } from '../support/pages';

const demo = { email: 'coordinator@lector.demo', password: 'lector-demo-coordinator' };
const reader = { email: 'axe.reader@h1.example', password: 'axe-reader-password' };
const AXE = require.resolve('axe-core/axe.min.js');

test.describe.configure({ mode: 'serial' });
// The pages' Content-Security-Policy (rightly) refuses injected scripts; axe is the test's own.
test.use({ bypassCSP: true });
let readerStudy = 0;

test.beforeAll(async () => {
  const owner = ownCoordinator('Accessibility Coordinator');
  ({ study: readerStudy } = await readingStudy('Accessible reading', 'crossover', 0, reader, 'none', owner));
});

/// The critical and serious violations on the page as it is now, one line each.
async function violations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  const found: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] = await page.evaluate(
    async () =>
      // @ts-ignore axe is the script just added
      (await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } }))
        .violations,
  );
  return found
    .filter((v) => v.impact === 'critical' || v.impact === 'serious')
    .map((v) => `${v.impact} ${v.id} (${v.help}): ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(', ')}`);
}

async function check(page: Page, paths: string[], problems: string[]) {
  for (const path of paths) {
    await page.goto(path);
    await waitForHydration(page);
    const lang = await page.locator('html').getAttribute('lang');
    for (const v of await violations(page)) {
      problems.push(`${path} [${lang}] ${v}`);
    }
  }
}

for (const tag of ['en', 'zh-CN'] as const) {
  test(`no critical or serious violation on any page in ${tag}`, async ({ page }) => {
    test.setTimeout(180_000);
    const problems: string[] = [];

    // A signed-out visitor.
    await page.goto('/');
    await new Language(page).choose(tag);
    await check(page, ['/', '/login'], problems);

    // The demo study's coordinator: every study page, results included.
    await signIn(page, demo.email, demo.password);
    await new Language(page).choose(tag);
    await page.goto('/');
    const hrefs = await page.locator('a[href^="/studies/"]').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
    const study = hrefs.find((h) => /^\/studies\/\d+/.test(h))!.split('/')[2];
    await check(
      page,
      ['/', '/studies/new', ...['', '/settings', '/cases', '/readers', '/progress', '/audit', '/results'].map((p) => `/studies/${study}${p}`)],
      problems,
    );
    await page.context().clearCookies();

    // A reader: the worklist and a case being read.
    await signIn(page, reader.email, reader.password);
    await new Language(page).choose(tag);
    await check(page, ['/', `/read/${readerStudy}/1`], problems);
    await page.keyboard.press('?');
    for (const v of await violations(page)) {
      problems.push(`/read (keys list) [${tag}] ${v}`);
    }

    expect(problems, problems.join('\n')).toEqual([]);
  });
}
