// Paper forms and assisted entry: the printable survey, as printed on A4 and Letter, has no axe-core
// violations and keeps each question on one page; a staff member enters a paper form (a problem
// first, with every answer kept), and the response is listed with its mode and respondent code.
import { expect, test, type Page } from '@playwright/test';
import { answerAll, storedResponses, survey } from './helpers';
import { PASSWORD, expectNoAxeViolations, needscope, signIn } from './staff-helpers';

const printPath = (lang: string) => `/surveys/${survey.slug}/print?lang=${lang}`;

// Page sizes at 96 px per inch, less the print margins of style/main.css (@page 20mm × 18mm).
const PAPERS = [
  { name: 'A4', width: 794 - 136, height: 1123 - 151 },
  { name: 'Letter', width: 816 - 136, height: 1056 - 151 },
];

async function printed(page: Page, lang: string, paper: (typeof PAPERS)[number]) {
  await page.setViewportSize({ width: paper.width, height: paper.height });
  await page.emulateMedia({ media: 'print' });
  await page.goto(printPath(lang));
}

for (const paper of PAPERS) {
  test(`the printable survey on ${paper.name} paper is accessible and keeps questions whole`, async ({ page }) => {
    for (const lang of ['en', 'es', 'vi', 'zh-Hant', 'tl']) {
      await printed(page, lang, paper);
      await expect(page.locator('html')).toHaveAttribute('lang', lang);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      // One printed item per question, each with its short code; the respondent code box on top.
      await expect(page.locator('.print-question')).toHaveCount(survey.questions.length);
      await expect(page.locator('.print-question .print-code').first()).toHaveText(/^Q[0-9A-Z]{3,}$/);
      await expect(page.locator('.print-code-box')).toBeVisible();
      // Printed: no header or links to follow, and a question is never split across pages.
      await expect(page.locator('.site-header')).toBeHidden();
      const breakInside = await page
        .locator('.print-question')
        .first()
        .evaluate((el) => getComputedStyle(el).breakInside);
      expect(breakInside).toBe('avoid');
      await expectNoAxeViolations(page);
    }
    // Chromium lays the form out on paper of this size.
    const pdf = await page.pdf({ format: paper.name === 'A4' ? 'A4' : 'Letter', printBackground: false });
    expect(pdf.byteLength).toBeGreaterThan(10_000);
  });
}

test('the survey page links to its printable form', async ({ page }) => {
  await page.goto(`/surveys/${survey.slug}?lang=es`);
  await page.getByRole('link', { name: 'Imprimir esta encuesta' }).click();
  await expect(page).toHaveURL(new RegExp(`/surveys/${survey.slug}/print\\?lang=es$`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(survey.title.es);
});

test('staff enter a paper form, and it is listed with its mode', async ({ page }) => {
  const admin = `paper-admin-${Date.now()}@example.org`;
  needscope(['admin', 'create', '--email', admin, '--name', 'Pat Paper', '--password-stdin'], `${PASSWORD}\n`);
  await signIn(page, admin);
  const before = storedResponses();

  // From the surveys list to the survey's entry page.
  await page.goto('/entry');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Enter paper, phone and in-person responses');
  await page.getByRole('link', { name: `Enter a response to ${survey.title.en}` }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Enter a response: ${survey.title.en}`);
  await expectNoAxeViolations(page);

  // Without a mode the form comes back with the problem named and every answer kept.
  const code = `E2E-${Date.now() % 100000}`;
  await page.getByLabel('Respondent code on the paper form').fill(code);
  await answerAll(page, { zip: '95122' });
  await page.getByRole('button', { name: 'Save this response' }).click();
  const summary = page.getByRole('alert');
  await expect(summary).toContainText('Choose how the answers were collected');
  await expect(page.getByLabel('Respondent code on the paper form')).toHaveValue(code);
  await expect(page.locator('#q-zip')).toHaveValue('95122');
  await expectNoAxeViolations(page);
  expect(storedResponses()).toBe(before);

  // With the mode, it is saved, and listed with its mode, code and who entered it.
  await page.getByLabel('Paper form', { exact: true }).check();
  await page.getByRole('button', { name: 'Save this response' }).click();
  await expect(page.getByRole('status')).toContainText('saved (Paper form)');
  const row = page.getByRole('row').filter({ hasText: code });
  await expect(row).toHaveCount(1);
  await expect(row.getByRole('cell', { name: 'Paper form', exact: true })).toBeVisible();
  await expect(row.getByRole('cell', { name: 'Pat Paper' })).toBeVisible();
  expect(storedResponses()).toBe(before + 1);

  // The same paper form again is refused, clearly, and nothing is stored.
  await page.getByLabel('Paper form', { exact: true }).check();
  await page.getByLabel('Respondent code on the paper form').fill(code.toLowerCase());
  await answerAll(page, { zip: '95122' });
  await page.getByRole('button', { name: 'Save this response' }).click();
  await expect(page.getByRole('alert')).toContainText(`Respondent code ${code} has already been entered for this survey`);
  expect(storedResponses()).toBe(before + 1);

  // At 320 px the entry page does not scroll sideways.
  await page.setViewportSize({ width: 320, height: 800 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});
