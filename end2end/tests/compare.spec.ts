// Compare runs and the "What we heard" report end to end: two runs logged with the CLI (the second
// after more pothole reports came in), compared in the browser with the run pickers, then one run's
// report opened, checked with axe, narrowed to 320 px and printed to a PDF by the browser.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { expect, test } from '@playwright/test';
import { PASSWORD, expectNoAxeViolations, importReports, needscope, signIn } from './staff-helpers';

/** Logs a run over everything so far; returns its id. */
function newRun(): number {
  const said = needscope(['runs', 'new', '--k', '3', '--seed', '7']);
  return Number(said.match(/analysis run (\d+) logged/)![1]);
}

/** Twenty more pothole reports, so the second run has a theme that grew. */
function morePotholes() {
  const rows = ['id,description,opened'];
  for (let i = 0; i < 20; i++) {
    rows.push(`E2E-MORE-${i},"deep pothole again on Story Road block ${i}",2026-06-20`);
  }
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'needscope-e2e-')), 'more.csv');
  fs.writeFileSync(file, rows.join('\n') + '\n');
  needscope(['import', 'reports', '--input', file, '--source', 'e2e311', '--id-column', 'id', '--text-column', 'description', '--date-column', 'opened']);
}

test('compare two runs, open a run\'s report and print it; both pages pass axe', async ({ page }) => {
  test.setTimeout(240_000);
  const admin = `compare-${Date.now()}@example.org`;
  needscope(['admin', 'create', '--email', admin, '--name', 'Cora Compare', '--password-stdin'], `${PASSWORD}\n`);
  importReports();
  const a = newRun();
  morePotholes();
  const b = newRun();

  await signIn(page, admin);
  await page.getByRole('link', { name: 'Compare runs' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Compare runs');
  await page.getByLabel('Run A (earlier)').selectOption(String(a));
  await page.getByLabel('Run B (later)').selectOption(String(b));
  await page.getByRole('button', { name: 'Compare' }).click();
  await expect(page).toHaveURL(new RegExp(`a=${a}&b=${b}`));
  await expect(page.getByRole('heading', { name: 'Themes in both runs' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'New themes' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Gone themes' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Every theme across all runs' })).toBeVisible();
  await expect(page.locator('.history-table svg[role="img"] desc').first()).toContainText(`run ${a}`);
  await expect(page.getByText(/T-\d{3}/).first()).toBeVisible();
  await expectNoAxeViolations(page);

  // At 320 px the page does not scroll sideways: wide tables scroll in their own box.
  await page.setViewportSize({ width: 320, height: 800 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  await page.setViewportSize({ width: 1280, height: 800 });

  // Staff approve a quote of run B's first theme: the report prints approved quotes only.
  await page.goto(`/staff/dashboard?run=${b}`);
  await page.locator('table.overview-table tbody tr').first().locator('th a').click();
  await page.waitForURL(/\/staff\/themes\/[^/?]+/);
  await page.getByRole('button', { name: 'Approve this quote' }).first().click();
  await expect(page.getByRole('status')).toContainText('Quote approved');

  // The report of run B.
  await page.goto(`/staff/compare?a=${a}&b=${b}`);
  await page.getByRole('link', { name: `Report of run ${b}` }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('What we heard');
  await expect(page.getByRole('heading', { name: 'Needs in priority order' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'How we did this' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'How to read this' })).toBeVisible();
  await expect(page.locator('.report blockquote[lang]').first()).toBeVisible();
  await expectNoAxeViolations(page);
  await page.setViewportSize({ width: 320, height: 800 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);

  // Printed: no navigation, no forms; the browser makes the PDF.
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.staff-nav')).toBeHidden();
  for (const form of await page.locator('form').all()) {
    await expect(form).toBeHidden();
  }
  const pdf = await page.pdf({ format: 'A4' });
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  expect(pdf.length).toBeGreaterThan(10_000);
});
