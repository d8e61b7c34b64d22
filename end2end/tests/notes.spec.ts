// Interview notes end to end: a partner uploads a .docx with their metadata, sees the preview with
// a phone number redacted, confirms it; an analyst runs an analysis and finds the partner's
// passages quoted in a theme, linked to the document.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { expect, test } from '@playwright/test';
import { docx } from './docx';
import { PASSWORD, accept, expectNoAxeViolations, importReports, invite, needscope, signIn } from './staff-helpers';

const SHOTS = path.resolve(__dirname, '../../docs/screenshots');

// Interview notes about the same needs residents report through 311 (potholes, dark streets,
// dumping), so the passages join those themes: one document alone never makes a theme.
const NOTES = [
  'Interview with Mrs. Tran, Story Road',
  'She said the road is full of potholes near Story Road, and a deep pothole damaged her tire on King Road last month.',
  'She keeps reporting the pothole on Tully Road; the city can call her at 408-555-0199 for details.',
  'The street lights are broken and dark at night near Senter Road, and there is no working streetlight at night on her block.',
  'Trash and furniture dumped on the sidewalk at Alum Rock Avenue; garbage dumped again behind the market every week.',
];

test('partners: upload a .docx, preview redactions, confirm; analysts see it quoted', async ({ page, browser }) => {
  test.setTimeout(240_000);
  const admin = `notes-admin-${Date.now()}@example.org`;
  needscope(['admin', 'create', '--email', admin, '--name', 'Nora Admin', '--password-stdin'], `${PASSWORD}\n`);
  await signIn(page, admin);
  const partnerLink = await invite(page, `notes-partner-${Date.now()}@example.org`, 'partner', 'Vietnamese American Community Center');
  const analystLink = await invite(page, `notes-analyst-${Date.now()}@example.org`, 'analyst');
  importReports();

  // The partner lands on the upload page. A problem keeps what was typed.
  const partner = await accept(browser, partnerLink, 'Pham Partner');
  await expect(partner.getByRole('heading', { level: 1 })).toHaveText('Interview notes');
  await expect(partner.getByText('Vietnamese American Community Center')).toBeVisible();
  await expectNoAxeViolations(partner);
  const file = { name: 'tran-interview.docx', mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', buffer: docx(NOTES) };
  await partner.getByLabel('File').setInputFiles({ ...file, name: 'tran-interview.doc' });
  await partner.getByLabel('Community served').fill('Vietnamese-speaking seniors, District 7');
  await partner.getByLabel('Interview date').fill('2026-03-14');
  await partner.getByLabel("Interviewee's role").fill('resident');
  await partner.getByLabel('Language of the notes').selectOption('en');
  await partner.getByRole('button', { name: 'Upload and preview' }).click();
  await expect(partner.getByRole('alert')).toContainText('is not a .txt, .md, .docx or .pdf file');
  await expect(partner.getByLabel('Community served')).toHaveValue('Vietnamese-speaking seniors, District 7');
  await expect(partner.getByLabel('File')).toHaveAttribute('aria-invalid', 'true');

  await partner.getByLabel('File').setInputFiles(file);
  await partner.getByRole('button', { name: 'Upload and preview' }).click();

  // The preview: exactly what will be analysed, the phone number replaced and marked.
  await expect(partner.getByRole('heading', { level: 1 })).toHaveText('Check before it is analysed');
  await expect(partner.locator('mark.redaction')).toHaveText('[phone]');
  await expect(partner.getByText('408-555-0199')).toHaveCount(0);
  await expect(partner.getByText('1 phone number')).toBeVisible();
  await expectNoAxeViolations(partner);
  fs.mkdirSync(SHOTS, { recursive: true });
  await partner.screenshot({ path: path.join(SHOTS, 'notes-preview.png'), fullPage: true });
  await partner.getByRole('button', { name: 'Confirm: add to the analysis' }).click();
  await expect(partner.getByRole('status')).toContainText('will be in the next analysis run');
  await partner.goto('/notes');
  await expect(partner.getByRole('cell', { name: 'in analysis' })).toBeVisible();

  // The analyst runs an analysis; a theme quotes the partner's notes, linked to the document.
  const analyst = await accept(browser, analystLink, 'Andy Analyst');
  await analyst.goto('/staff/runs');
  await analyst.getByLabel(/Number of themes/).fill('3');
  await analyst.getByRole('button', { name: 'Start the run' }).click();
  await expect(analyst.locator('.job[data-status="queued"], .job[data-status="running"]')).toHaveCount(0, { timeout: 180_000 });
  const open = analyst.getByRole('link', { name: /Open run \d+ on the dashboard/ }).first();
  await expect(open).toBeVisible();
  await open.click();
  // Quotes are on each theme's page: open the themes until one quotes the notes.
  await expect(analyst.locator('table.overview-table')).toBeVisible();
  const themes = await analyst.locator('table.overview-table tbody th a').evaluateAll(
    (links) => links.map((a) => (a as HTMLAnchorElement).getAttribute('href')!),
  );
  let found = false;
  for (const theme of themes) {
    await analyst.goto(theme);
    if ((await analyst.locator('figcaption a[href^="/staff/notes/"]').count()) > 0) {
      found = true;
      break;
    }
  }
  expect(found, 'a theme quotes the partner\'s notes').toBe(true);
  const source = analyst.locator('figcaption a[href^="/staff/notes/"]').first();
  await expect(source).toContainText('tran-interview.docx');
  await expect(source).toContainText('Vietnamese American Community Center');
  await source.click();
  await expect(analyst.getByRole('heading', { level: 1 })).toHaveText('tran-interview.docx');
  await expect(analyst.getByText('Pham Partner')).toBeVisible();
  await expect(analyst.locator('mark.redaction')).toHaveText('[phone]');
  await expectNoAxeViolations(analyst);
});
