// Residents answer the survey in Vietnamese, Chinese (Traditional) and Tagalog, with JavaScript
// (hydrated) and without, with no axe-core violations and nothing scrolling sideways at 320 px;
// and an administrator sends a survey's Vietnamese texts to a translator as an XLIFF file and
// imports it back: a file with one broken unit is refused naming that unit and its line, the
// corrected file is previewed and saved.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { expect, test } from '@playwright/test';
import { answerAll, storedResponses, survey, waitForHydration } from './helpers';
import { PASSWORD, expectNoAxeViolations, needscope, signIn } from './staff-helpers';

const surveyPath = `/surveys/${survey.slug}`;

/** The seeded draft translations of the resident survey, by language code and text field. */
function seedTranslation(code: string): Record<string, string> {
  const file = path.resolve(__dirname, `../../migrations/src/seed/translations/${code}.json`);
  return JSON.parse(fs.readFileSync(file, 'utf8'))[survey.slug];
}

const LANGUAGES = [
  { code: 'vi', submit: 'Gửi câu trả lời của tôi', thanks: 'Xin cảm ơn quý vị!' },
  { code: 'zh-Hant', submit: '送出我的回答', thanks: '謝謝您！' },
  { code: 'tl', submit: 'Ipadala ang aking mga sagot', thanks: 'Salamat po!' },
];

for (const { code, submit, thanks } of LANGUAGES) {
  const title = seedTranslation(code).title;

  test(`${code}, hydrated: the survey is answered in the language and passes axe`, async ({ page }) => {
    const before = storedResponses();
    await page.goto(`${surveyPath}?lang=${code}`);
    await waitForHydration(page);
    await expect(page.locator('html')).toHaveAttribute('lang', code);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
    await expectNoAxeViolations(page);
    await answerAll(page);
    await page.getByRole('button', { name: submit }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(thanks);
    await expect(page.locator('html')).toHaveAttribute('lang', code);
    await expectNoAxeViolations(page);
    expect(storedResponses()).toBe(before + 1);
  });

  test.describe(`${code}, without JavaScript`, () => {
    test.use({ javaScriptEnabled: false });

    test('the survey is answered and stored', async ({ page }) => {
      const before = storedResponses();
      await page.goto(`${surveyPath}?lang=${code}`);
      await expect(page.locator('html')).toHaveAttribute('lang', code);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
      await answerAll(page);
      await page.getByRole('button', { name: submit }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(thanks);
      expect(storedResponses()).toBe(before + 1);
      // (axe-core needs JavaScript; the same markup is checked in the hydrated test.)
    });
  });

  test.describe(`${code}, on a 320 px screen`, () => {
    test.use({ viewport: { width: 320, height: 640 } });

    test('nothing scrolls sideways', async ({ page }) => {
      await page.goto(`${surveyPath}?lang=${code}`);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
    });
  });
}

/** The file with the `<target>` of unit `id` replaced by `text`, and the line that target is on. */
function withTarget(xliff: string, id: string, text: string): { file: string; line: number } {
  const unit = xliff.indexOf(`<unit id="${id}">`);
  expect(unit, `unit ${id} in the export`).toBeGreaterThan(0);
  const start = xliff.indexOf('<target>', unit) + '<target>'.length;
  const end = xliff.indexOf('</target>', start);
  const line = xliff.slice(0, start).split('\n').length;
  return { file: xliff.slice(0, start) + text + xliff.slice(end), line };
}

test('a translator’s XLIFF file goes out and comes back: one broken unit is named, then the fixed file is saved', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const admin = `translations-${Date.now()}@example.org`;
  needscope(['admin', 'create', '--email', admin, '--name', 'Tran Translator', '--password-stdin'], `${PASSWORD}\n`);
  await signIn(page, admin);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Staff overview');

  const translationPage = `/staff/admin/surveys/${survey.slug}/translations/vi`;
  await page.goto(translationPage);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Download the Tiếng Việt texts (XLIFF 2.0)' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(new RegExp(`^${survey.slug}-v\\d+-vi\\.xlf$`));
  const xliff = fs.readFileSync((await download.path())!, 'utf8');
  expect(xliff).toContain('version="2.0" srcLang="en" trgLang="vi"');

  // The option whose English names 311 loses the number in its translation.
  const question = survey.questions.find(
    (q) => 'options' in q.kind && q.kind.options.some((o) => o.value === 'report_problem_311'),
  )!;
  const unit = `${question.key}.option.report_problem_311`;
  const broken = withTarget(xliff, unit, 'Báo cáo sự cố, như ổ gà hoặc hình vẽ bậy');
  await page.getByLabel('Translated file').setInputFiles({
    name: 'resident-vi.xlf',
    mimeType: 'application/xliff+xml',
    buffer: Buffer.from(broken.file, 'utf8'),
  });
  await page.getByRole('button', { name: 'Check the file' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Translation file not imported');
  await expect(page.getByRole('alert')).toContainText('was not imported: 1 problem');
  const problems = page.locator('ol.import-problems > li');
  await expect(problems).toHaveCount(1);
  await expect(problems.first()).toHaveText(
    new RegExp(`^Line ${broken.line}, unit ${unit.replace(/\./g, '\\.')}: the English has the number 311`),
  );
  await expect(page.getByRole('button', { name: 'Save these translations' })).toHaveCount(0);
  await expectNoAxeViolations(page);

  // Fixed: the number is back. The preview shows the English, the translation now and after.
  const fixedText = 'Báo cáo sự cố, như ổ gà hoặc hình vẽ bậy (San José 311 hoặc ứng dụng My San José)';
  const fixed = withTarget(xliff, unit, fixedText);
  await page.goto(translationPage);
  await page.getByLabel('Translated file').setInputFiles({
    name: 'resident-vi.xlf',
    mimeType: 'application/xliff+xml',
    buffer: Buffer.from(fixed.file, 'utf8'),
  });
  await page.getByRole('button', { name: 'Check the file' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Check the translation file');
  await expect(page.getByRole('status')).toContainText('passed the checks');
  await expect(page.getByText(fixedText)).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Save these translations' }).click();
  await expect(page).toHaveURL(new RegExp(`${translationPage}$`));
  await expect(page.getByRole('status')).toContainText('Imported “resident-vi.xlf”');
  await expect(page.getByLabel(`Question ${question.key}: option report_problem_311`, { exact: true })).toHaveValue(
    fixedText,
  );
});
