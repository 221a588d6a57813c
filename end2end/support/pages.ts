// Page objects: what the journeys do on a page, named as a user would say it, so a change to a
// page's markup is made here once rather than in every journey.
import { expect, Page } from '@playwright/test';
import * as ids from './ids';
import { waitForHydration } from './lector';

/// Any page's language switcher.
export class Language {
  constructor(private readonly page: Page) {}

  async choose(tag: 'en' | 'zh-CN') {
    await waitForHydration(this.page);
    await this.page.getByTestId(`${ids.LANGUAGE_OPTION}-${tag}`).click();
    await expect(this.page.locator('html')).toHaveAttribute('lang', tag);
  }
}

/// The reading page of one session.
export class ReadingPage {
  constructor(readonly page: Page) {}

  async open(study: number, session: number) {
    await this.page.goto(`/read/${study}/${session}`);
    await waitForHydration(this.page);
  }

  /// The case on screen, with its data-case and data-stage attributes.
  get caseReader() {
    return this.page.getByTestId(ids.CASE_READER);
  }

  get progress() {
    return this.page.getByTestId(ids.READING_PROGRESS);
  }

  /// Calls the case and rates it (70 for a positive call, 30 for a negative one), then submits.
  async read(positive = true) {
    await this.page.getByTestId(positive ? ids.CALL_POSITIVE : ids.CALL_NEGATIVE).check();
    await this.page.getByTestId(ids.CONFIDENCE_NUMBER).fill(positive ? '70' : '30');
    await this.page.getByTestId(ids.SUBMIT_READ).click();
  }
}
