// The staff side end to end: the first administrator (created with `needscope admin create`) signs in,
// invites an analyst and a partner, and closes and reopens the resident survey; residents answer the survey and 311 reports are imported; the
// analyst starts an analysis run in the browser, follows it, sees ranked themes with quotes and a chart,
// and exports CSV; the partner cannot open the dashboard. Screenshots for the README are taken here.
import AxeBuilder from '@axe-core/playwright';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { answerAll, survey, waitForHydration } from './helpers';

const PASSWORD = 'a long and unguessable phrase';
const ADMIN = `admin-${Date.now()}@example.org`;
const SHOTS = path.resolve(__dirname, '../../docs/screenshots');

function needscope(args: string[], input?: string): string {
  return execFileSync(process.env.NEEDSCOPE_BIN ?? 'needscope', args, {
    env: { ...process.env, NEEDSCOPE_DATA_DIR: process.env.NEEDSCOPE_E2E_DATA_DIR ?? 'data' },
    encoding: 'utf8',
    input,
  });
}

async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`)).toEqual([]);
}

async function signIn(page: Page, email: string, password = PASSWORD) {
  await page.goto('/login');
  await page.getByLabel('E-mail address').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** The administrator invites `email` as `role`; returns the link shown once. */
async function invite(page: Page, email: string, role: string, organization = ''): Promise<string> {
  await page.goto('/staff/admin/users');
  await page.getByLabel('E-mail address').fill(email);
  await page.getByLabel('Role', { exact: true }).selectOption(role);
  await page.getByLabel('Organization (partners)').fill(organization);
  await page.getByRole('button', { name: 'Create invitation link' }).click();
  const notice = await page.getByRole('status').textContent();
  const link = notice!.match(/\/invitations\/[0-9a-f]{64}/)![0];
  return link;
}

async function accept(browser: Browser, link: string, name: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(link);
  await page.getByLabel('Your name').fill(name);
  await page.getByLabel('Choose a password').fill(PASSWORD);
  await page.getByLabel('Type the password again').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create my account' }).click();
  return page;
}

/** 311-style reports about three needs, imported with the CLI as their own stream. */
function importReports() {
  const needs = [
    ['pothole on', 'the road is full of potholes near', 'deep pothole damaged my tire on'],
    ['streetlight out on', 'the street lights are broken and dark at night near', 'no working streetlight at night on'],
    ['illegal dumping of mattresses on', 'trash and furniture dumped on the sidewalk at', 'garbage dumped again behind'],
  ];
  const streets = ['Story Road', 'King Road', 'Tully Road', 'Alum Rock Avenue', 'Senter Road', 'Monterey Road', 'Capitol Expressway'];
  const rows = ['id,description,opened'];
  let n = 0;
  for (const phrases of needs) {
    for (let i = 0; i < 21; i++) {
      n += 1;
      rows.push(`E2E-${n},"${phrases[i % 3]} ${streets[i % streets.length]}",2026-0${1 + (i % 6)}-15`);
    }
  }
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'needscope-e2e-')), 'reports.csv');
  fs.writeFileSync(file, rows.join('\n') + '\n');
  needscope(['import', 'reports', '--input', file, '--source', 'e2e311', '--id-column', 'id', '--text-column', 'description', '--date-column', 'opened']);
}

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
  const open = analyst.getByRole('link', { name: /Open run \d+ on the dashboard/ }).first();
  await expect(open).toBeVisible({ timeout: 180_000 });
  await expectNoAxeViolations(analyst);
  await open.click();

  // Ranked themes, quotes in their language, an accessible chart with its data table.
  await expect(analyst.getByRole('heading', { level: 1 })).toHaveText('Need themes');
  await expect(analyst.locator('figure.chart svg[role="img"] title')).toHaveCount(1);
  expect(await analyst.locator('.theme-list > li').count()).toBeGreaterThanOrEqual(2);
  await expect(analyst.locator('.theme-list blockquote[lang]').first()).toBeVisible();
  await expect(analyst.getByText(/pothole|streetlight|dumped/i).first()).toBeVisible();
  await expectNoAxeViolations(analyst);
  await analyst.screenshot({ path: path.join(SHOTS, 'dashboard.png'), fullPage: false });

  // CSV export.
  const [download] = await Promise.all([
    analyst.waitForEvent('download'),
    analyst.getByRole('link', { name: 'themes (CSV)' }).click(),
  ]);
  const csv = fs.readFileSync((await download.path())!, 'utf8');
  expect(csv.split('\n')[0]).toContain('rank,theme_id,label,keywords,respondents,share');
  expect(csv.trim().split('\n').length).toBeGreaterThanOrEqual(3);

  // The partner has an account page, and no dashboard.
  const partner = await accept(browser, partnerLink, 'Pat Partner');
  await expect(partner.getByRole('heading', { level: 1 })).toHaveText('Your account');
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
