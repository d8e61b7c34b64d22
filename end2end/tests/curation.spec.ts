// Curating themes end to end, at 1366×768: the overview's ranked table is on the first screen; a
// theme's page names where its name came from; staff rename one theme and merge another into it,
// both audited; the next run carries both through the stable ids. Every page passes axe, and the
// README's screenshots of the overview, a theme page and the comparison are taken here.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { expect, test } from '@playwright/test';
import { PASSWORD, expectNoAxeViolations, importReports, needscope, signIn } from './staff-helpers';

const SHOTS = path.resolve(__dirname, '../../docs/screenshots');

test.use({ viewport: { width: 1366, height: 768 } });

/** Logs a run over everything so far; returns its id. */
function newRun(): number {
  const said = needscope(['runs', 'new', '--k', '4', '--seed', '11']);
  return Number(said.match(/analysis run (\d+) logged/)![1]);
}

test('curation: a renamed theme and a merge carry to the next run; the overview fits a screen', async ({ page }) => {
  test.setTimeout(240_000);
  fs.mkdirSync(SHOTS, { recursive: true });
  const admin = `curator-${Date.now()}@example.org`;
  needscope(['admin', 'create', '--email', admin, '--name', 'Cam Curator', '--password-stdin'], `${PASSWORD}\n`);
  importReports();
  const first = newRun();

  await signIn(page, admin);
  await page.goto(`/staff/dashboard?run=${first}`);
  const rows = page.locator('table.overview-table tbody tr');
  expect(await rows.count()).toBeGreaterThanOrEqual(3);
  // The ranked themes are on the first screen, without scrolling.
  const third = await rows.nth(2).boundingBox();
  expect(third!.y + third!.height).toBeLessThanOrEqual(768);
  await expectNoAxeViolations(page);
  await page.screenshot({ path: path.join(SHOTS, 'dashboard.png'), fullPage: false });

  // The first theme's page: its name was made from its answers; staff rename it.
  await rows.nth(0).locator('th a').click();
  await page.waitForURL(/\/staff\/themes\/[^/?]+/);
  await expect(page.getByText('Name made from the theme\'s own answers')).toBeVisible();
  await expect(page.locator('blockquote[lang]').first()).toBeVisible();
  await expectNoAxeViolations(page);
  await page.screenshot({ path: path.join(SHOTS, 'theme.png'), fullPage: false });
  const renamedUrl = new URL(page.url());
  const renamedId = renamedUrl.pathname.split('/').pop()!;
  // A split with nothing ticked is refused, and the name typed for it is kept.
  await page.getByLabel(/Split the ticked answers off/).fill('Bus shelters');
  await page.getByRole('button', { name: 'Split off' }).click();
  await expect(page.getByRole('alert')).toContainText('Tick the answers to split off');
  await expect(page.getByLabel(/Split the ticked answers off/)).toHaveValue('Bus shelters');
  await page.getByLabel('Name', { exact: true }).fill('Roads and streets to fix');
  await page.getByLabel('Description').fill('Potholes, dark streets and dumping reported to 311.');
  await page.getByRole('button', { name: 'Save name and description' }).click();
  await expect(page.getByRole('status')).toContainText('is now called');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Roads and streets to fix');

  // The second theme is merged into the renamed one.
  await page.goto(`/staff/dashboard?run=${first}`);
  await rows.nth(1).locator('th a').click();
  await page.waitForURL(/\/staff\/themes\/[^/?]+/);
  const mergedId = new URL(page.url()).pathname.split('/').pop()!;
  const option = page.locator('#merge-into option', { hasText: 'Roads and streets to fix' });
  await page.getByLabel('Show this theme inside').selectOption(await option.getAttribute('value') as string);
  await page.getByRole('button', { name: 'Merge' }).click();
  await expect(page.getByRole('status')).toContainText(`is now shown inside theme ${renamedId}`);
  await expect(page.getByText(new RegExp(`Shown with: ${mergedId}`))).toBeVisible();

  // The next run keeps both decisions, and says so.
  const second = newRun();
  await page.goto(`/staff/dashboard?run=${second}`);
  await expect(page.getByText(/^Curated view:/)).toBeVisible();
  await page.getByRole('link', { name: 'Roads and streets to fix' }).click();
  await expect(page.getByText(`Named by staff in run ${first}`)).toBeVisible();
  await expect(page.getByText(new RegExp(`Shown with: ${mergedId}`))).toBeVisible();

  // The comparison of the two runs, for the README.
  await page.goto(`/staff/compare?a=${first}&b=${second}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Compare runs');
  await page.screenshot({ path: path.join(SHOTS, 'compare.png'), fullPage: false });

  // Each change is in the audit log.
  await page.goto('/staff/admin/audit');
  for (const action of ['theme_described', 'theme_merged']) {
    await expect(page.getByRole('cell', { name: action, exact: true }).first()).toBeVisible();
  }
});
