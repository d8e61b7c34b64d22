// Weighting set up in the browser: an administrator uploads population margins with a bad line and
// is told the file, line and column with the options kept; then a good upload is previewed as a
// draft and activated, and the version shows in the history as in force. Axe checks the page.
import { expect, test } from '@playwright/test';
import { PASSWORD, expectNoAxeViolations, needscope, signIn } from './staff-helpers';

const ADMIN = `weighting-admin-${Date.now()}@example.org`;

/** Synthetic shares for the test only: ten council districts at 10% each. */
function margins(districts: string[]): { name: string; mimeType: string; buffer: Buffer } {
  const rows = ['variable,category,share', ...districts.map((d) => `council_district,${d},0.1`)];
  return { name: 'margins.csv', mimeType: 'text/csv', buffer: Buffer.from(rows.join('\n') + '\n') };
}

test('weighting: a bad line is named, a good upload is previewed and activated', async ({ page }) => {
  needscope(['admin', 'create', '--email', ADMIN, '--name', 'Wendy Weights', '--password-stdin'], `${PASSWORD}\n`);
  await signIn(page, ADMIN);
  await page.getByRole('link', { name: 'Weighting' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Equity weighting');
  await expectNoAxeViolations(page);

  // District 11 does not exist: the tenth row is line 11 (the header is line 1), column 2.
  const districts = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10'];
  await page.getByLabel('Population margins (required)').setInputFiles(margins([...districts.slice(0, 9), '11']));
  await page.getByLabel('Equity index name and vintage').fill('E2E index 2026');
  await page.getByLabel('Bootstrap replicates').fill('0');
  await page.getByRole('button', { name: 'Check and preview' }).click();
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('margins file, line 11, column 2 ("category")');
  await expect(alert).toContainText('unknown council_district "11"');
  await expect(alert).toContainText('Choose the file again');
  await expect(page.getByLabel('Equity index name and vintage')).toHaveValue('E2E index 2026');
  await expect(page.getByLabel('Bootstrap replicates')).toHaveValue('0');
  await expect(page.getByLabel('Population margins (required)')).toHaveAttribute('aria-invalid', 'true');
  await expectNoAxeViolations(page);

  // The good file: a draft with its preview, not yet in force.
  await page.getByLabel('Population margins (required)').setInputFiles(margins(districts));
  await page.getByRole('button', { name: 'Check and preview' }).click();
  await expect(page.getByRole('status')).toContainText('kept as a draft, not in force');
  await expect(page.getByRole('heading', { name: /^Preview/ }).first()).toBeVisible();
  await expectNoAxeViolations(page);

  // Drafts are listed newest first.
  await page.getByRole('button', { name: 'Activate', exact: true }).first().click();
  await expect(page.getByRole('status')).toContainText('is in force: the next analysis run uses it');
  const row = page.getByRole('row').filter({ hasText: 'margins margins.csv' }).first();
  await expect(row).toContainText('in force since');
  await expect(row).toContainText(ADMIN);
  await expect(row.getByRole('link', { name: /JSON/ })).toBeVisible();
  await expectNoAxeViolations(page);

  // 320 px wide: the page still works (tables scroll in their own box).
  await page.setViewportSize({ width: 320, height: 800 });
  await expect(page.getByRole('button', { name: 'Check and preview' })).toBeVisible();
});
