// The survey editor end to end: an administrator makes a survey in the browser, adds questions,
// translates it into Spanish, opens it; a resident answers it in Spanish with English where no
// translation was written; a change after that is saved as a new version. Every editor page passes
// axe. The README's screenshot of the editor is taken here.
import * as path from 'node:path';
import { expect, test } from '@playwright/test';
import { waitForHydration } from './helpers';
import { PASSWORD, expectNoAxeViolations, needscope, signIn } from './staff-helpers';

const ADMIN = `editor-${Date.now()}@example.org`;
// Each run has its own data directory (and no retries), so the address can read naturally.
const SLUG = 'parks-2027';
const SHOTS = path.resolve(__dirname, '../../docs/screenshots');

test('administrators make, translate, open and version a survey in the browser', async ({ page, browser }) => {
  test.setTimeout(120_000);
  needscope(['admin', 'create', '--email', ADMIN, '--name', 'Eda Editor', '--password-stdin'], `${PASSWORD}\n`);
  await signIn(page, ADMIN);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Staff overview');

  // A new survey: a bad address is refused with what was typed kept.
  await page.goto('/staff/admin/surveys');
  await page.getByLabel('Address').fill('Parks 2027');
  await page.getByLabel('Title (English)').fill('Parks 2027');
  await page.getByLabel('Introduction (English)').fill("Tell us what would make San José's parks better for you.");
  await page.getByRole('button', { name: 'Make the survey' }).click();
  await expect(page.getByRole('alert')).toContainText('The address must be');
  await expect(page.getByLabel('Title (English)')).toHaveValue('Parks 2027');
  await page.getByLabel('Address').fill(SLUG);
  await page.getByRole('button', { name: 'Make the survey' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Parks 2027');
  await expect(page.getByRole('status')).toContainText('Survey made, as a draft');

  // Two questions: a choice, then a long text after it.
  await page.getByRole('link', { name: 'Add a question' }).click();
  await page.getByLabel('Key').fill('visits');
  await page.getByLabel('Kind').selectOption('single_choice');
  await page.getByLabel('Question (English)').fill('How often do you visit a park?');
  await page.getByLabel('Options, one per line').fill('weekly | Every week\nRarely');
  await page.getByLabel('An answer is required').check();
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Add the question' }).click();
  await expect(page.getByRole('status')).toContainText('Saved in version 1');
  await page.getByRole('link', { name: 'Add a question' }).click();
  await page.getByLabel('Key').fill('park_need');
  await page.getByLabel('Place').selectOption('visits');
  await page.getByLabel('Kind').selectOption('long_text');
  await page.getByLabel('Question (English)').fill('What would make parks better for you?');
  await page.getByRole('button', { name: 'Add the question' }).click();
  await expect(page.locator('#q-visits')).toBeVisible();
  await expect(page.locator('#q-park_need')).toBeVisible();
  await expectNoAxeViolations(page);

  // Spanish for the title and one question; the rest falls back to English.
  await page.getByRole('link', { name: /Español: 0 of 6 texts translated/ }).click();
  await page.getByLabel('Title', { exact: true }).fill('Parques 2027');
  await page.getByLabel('Question park_need', { exact: true }).fill('¿Qué mejoraría los parques para usted?');
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Save the Español texts' }).click();
  await expect(page.getByText('4 of 6 texts have no translation yet')).toBeVisible();
  await page.getByRole('link', { name: '← Parks 2027' }).click();
  await page.locator('#questions').evaluate((el) => el.scrollIntoView());
  await page.screenshot({ path: path.join(SHOTS, 'survey-editor.png'), fullPage: false });

  // Opened, residents answer it; in Spanish they see the translation and English elsewhere.
  await page.goto('/staff/admin/surveys');
  await page.getByLabel('Status of Parks 2027').selectOption('open');
  await page.getByRole('button', { name: `Save status of ${SLUG}` }).click();
  await expect(page.getByRole('status')).toContainText('is now open');
  const resident = await (await browser.newContext()).newPage();
  await resident.goto(`/surveys/${SLUG}?lang=es`);
  await expect(resident.getByRole('heading', { level: 1 })).toHaveText('Parques 2027');
  await expect(resident.getByText('¿Qué mejoraría los parques para usted?')).toBeVisible();
  await expect(resident.getByText('How often do you visit a park?')).toBeVisible();
  await resident.goto(`/surveys/${SLUG}?lang=en`);
  await waitForHydration(resident);
  await resident.getByLabel('Every week').check();
  await resident.getByLabel('What would make parks better for you?').fill('More shade trees and water fountains near the playground.');
  await resident.getByRole('button', { name: 'Send my answers' }).click();
  await expect(resident.getByRole('heading', { level: 1 })).toHaveText('Thank you!');

  // A change now is a new version; the response stays with version 1.
  await page.goto(`/staff/admin/surveys/${SLUG}`);
  await page.getByRole('link', { name: 'Change question park_need' }).click();
  await page.getByLabel('Question (English)').fill('What one change would make parks better for you?');
  await page.getByRole('button', { name: 'Save the question' }).click();
  await expect(page.getByRole('status')).toContainText('Saved as version 2');
  await expect(page.getByRole('row', { name: /^1 .* 1$/ })).toBeVisible();
  await resident.goto(`/surveys/${SLUG}?lang=en`);
  await expect(resident.getByText('What one change would make parks better for you?')).toBeVisible();
});
