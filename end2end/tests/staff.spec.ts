// The staff side end to end: the first administrator (created with `needscope admin create`) signs in,
// invites an analyst and a partner, and closes and reopens the resident survey; residents answer the survey and 311 reports are imported; the
// analyst starts an analysis run in the browser, follows it, sees ranked themes with quotes and a chart,
// and exports CSV; the partner cannot open the dashboard. Screenshots for the README are taken here.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { expect, test } from '@playwright/test';
import { answerAll, survey, waitForHydration } from './helpers';
import { PASSWORD, accept, expectNoAxeViolations, importReports, invite, needscope, signIn } from './staff-helpers';

const ADMIN = `admin-${Date.now()}@example.org`;
const SHOTS = path.resolve(__dirname, '../../docs/screenshots');
/** Words of the imported 311 reports (`importReports`) that theme names are made from. */
const THEME_WORDS = /pothole|road|tire|street ?light|dark|night|dump|trash|garbage|furniture|mattress|sidewalk/i;

test('staff: invite, run an analysis, read the dashboard, export; partners stay out', async ({ page, browser }) => {
  test.setTimeout(240_000);
  fs.mkdirSync(SHOTS, { recursive: true });
  needscope(['admin', 'create', '--email', ADMIN, '--name', 'Ada Admin', '--password-stdin'], `${PASSWORD}\n`);

  // The administrator signs in and invites an analyst and a partner.
  await signIn(page, ADMIN, 'not the password');
  await expect(page.getByRole('alert')).toContainText('is not right');
  await expect(page.getByLabel('E-mail address')).toHaveValue(ADMIN);
  await signIn(page, ADMIN);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Staff overview');
  const analystLink = await invite(page, `analyst-${Date.now()}@example.org`, 'analyst');
  const partnerLink = await invite(page, `partner-${Date.now()}@example.org`, 'partner', 'Casa Esperanza');
  await expectNoAxeViolations(page);

  // The administrator closes the resident survey, then opens it again.
  const resident = await (await browser.newContext()).newPage();
  await page.goto('/staff/admin/surveys');
  const status = page.getByLabel(`Status of ${survey.title.en}`);
  await status.selectOption('closed');
  await page.getByRole('button', { name: `Save status of ${survey.slug}` }).click();
  await expect(page.getByRole('status')).toContainText('is now closed');
  await resident.goto(`/surveys/${survey.slug}`);
  await expect(resident.locator('p.notice')).toBeVisible();
  await expect(resident.getByRole('button', { name: 'Send my answers' })).toHaveCount(0);
  await status.selectOption('open');
  await page.getByRole('button', { name: `Save status of ${survey.slug}` }).click();
  await expect(page.getByRole('status')).toContainText('is now open');
  await expectNoAxeViolations(page);

  // Residents answer the survey; the 311 reports arrive by import.
  const texts = [
    'Paying the water bill online fails on my phone every month.',
    'The library website does not work in Vietnamese or Spanish.',
    'I cannot find how to report a broken streetlight on my phone.',
  ];
  for (const text of texts) {
    await resident.goto(`/surveys/${survey.slug}`);
    await waitForHydration(resident);
    await answerAll(resident, { barriers: text });
    await resident.getByRole('button', { name: 'Send my answers' }).click();
    await expect(resident.getByRole('heading', { level: 1 })).toHaveText('Thank you!');
  }
  await resident.goto(`/surveys/${survey.slug}`);
  await resident.screenshot({ path: path.join(SHOTS, 'survey.png'), fullPage: false });
  importReports();

  // The analyst starts a run and follows it to the end.
  const analyst = await accept(browser, analystLink, 'Ana Analyst');
  await expect(analyst.getByRole('heading', { level: 1 })).toHaveText('Staff overview');
  await analyst.goto('/staff/runs');
  await analyst.getByLabel(/Number of themes/).fill('3');
  await analyst.getByRole('button', { name: 'Start the run' }).click();
  await expect(analyst.getByRole('status')).toContainText('queued');
  // The list follows the run by itself (no reload): wait until no run is in progress.
  await expect(analyst.locator('.job[data-status="queued"], .job[data-status="running"]')).toHaveCount(0, { timeout: 180_000 });
  const open = analyst.getByRole('link', { name: /Open run \d+ on the dashboard/ }).first();
  await expect(open).toBeVisible();
  await expectNoAxeViolations(analyst);
  await open.click();

  // Ranked themes in one table, each with a small trend; quotes in their language on its page.
  await expect(analyst.getByRole('heading', { level: 1 })).toHaveText('Need themes');
  expect(await analyst.locator('table.overview-table tbody tr').count()).toBeGreaterThanOrEqual(2);
  // The ranked themes are named from the 311 reports' own words.
  await expect(analyst.locator('table.overview-table')).toContainText(THEME_WORDS);
  await expectNoAxeViolations(analyst);
  const dashboard = analyst.url();
  await analyst.locator('table.overview-table tbody tr th a').first().click();
  await expect(analyst.locator('blockquote[lang]').first()).toBeVisible();
  await expectNoAxeViolations(analyst);
  await analyst.goto(dashboard);

  // Once hydrated, a filter applies in place: no reload, the address follows, focus stays.
  // (Before hydration a change waits for Apply, so wait until the form's handlers are attached.)
  await expect(analyst.locator('form.filter-form[data-live="true"]')).toBeAttached();
  await analyst.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));
  await analyst.getByLabel('Stream', { exact: true }).selectOption('reports');
  await expect(analyst).toHaveURL(/stream=reports/);
  await expect(analyst.getByText(/^Filtered:/)).toBeVisible();
  await expect(analyst.getByLabel('Stream', { exact: true })).toBeFocused();
  expect(await analyst.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
  await expect(analyst.locator('table.overview-table')).toContainText(THEME_WORDS);
  await analyst.getByLabel('Stream', { exact: true }).selectOption('');
  await expect(analyst).not.toHaveURL(/stream=/);

  // CSV export.
  const [download] = await Promise.all([
    analyst.waitForEvent('download'),
    analyst.getByRole('link', { name: 'themes (CSV)' }).click(),
  ]);
  const csv = fs.readFileSync((await download.path())!, 'utf8');
  expect(csv.split('\n')[0]).toContain('rank,theme_id,label,keywords,respondents,share');
  expect(csv.trim().split('\n').length).toBeGreaterThanOrEqual(3);

  // The partner lands on their interview notes, has an account page, and no dashboard.
  const partner = await accept(browser, partnerLink, 'Pat Partner');
  await expect(partner.getByRole('heading', { level: 1 })).toHaveText('Interview notes');
  await expect(partner.getByText('Casa Esperanza')).toBeVisible();
  const refused = await partner.goto('/staff/dashboard');
  expect(refused!.status()).toBe(403);
  await expect(partner.getByRole('heading', { level: 1 })).toHaveText('Not allowed');

  // The administrator sees it all in the audit log.
  await page.goto('/staff/admin/audit');
  for (const action of ['sign_in', 'invitation_created', 'invitation_accepted', 'analysis_requested', 'analysis_run', 'export']) {
    await expect(page.getByRole('cell', { name: action, exact: true }).first()).toBeVisible();
  }
});
