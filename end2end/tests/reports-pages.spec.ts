// The pages around resident reports (311): trends by week, response times and the live Open311
// feed's settings. Each is reached from the reports page, passes axe and does not scroll sideways
// at 320 px; a bad filter or setting is named and what was typed stays.
import { expect, test, type Page } from '@playwright/test';
import { PASSWORD, expectNoAxeViolations, importReports, needscope, signIn } from './staff-helpers';

/** Nothing scrolls sideways on a 320 px screen (wide tables scroll in their own box). */
async function fits320px(page: Page) {
  await page.setViewportSize({ width: 320, height: 800 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  await page.setViewportSize({ width: 1280, height: 800 });
}

test('trends, response times and the Open311 feed: reached from the reports page, accessible, 320 px wide', async ({ page }) => {
  test.setTimeout(120_000);
  const admin = `reports-${Date.now()}@example.org`;
  needscope(['admin', 'create', '--email', admin, '--name', 'Rey Reports', '--password-stdin'], `${PASSWORD}\n`);
  importReports();
  await signIn(page, admin);
  await page.goto('/staff/reports');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Resident reports (311)');

  // Trends: weekly counts of the imported reports; a date that is not one is named, not used.
  await page.getByRole('link', { name: 'Trends by week: unusual weeks, hotspots and rising categories' }).first().click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Trends in resident reports');
  await expect(page.getByText(/reports with a date counted/)).toBeVisible();
  await expectNoAxeViolations(page);
  await fits320px(page);
  await page.goto('/staff/reports/trends?from=soon&district=3');
  await expect(page.getByText(/filter “soon” was not used/)).toBeVisible();
  await expect(page.locator('#trend-from')).toHaveAttribute('aria-invalid', 'true');

  // Response times.
  await page.goto('/staff/reports');
  await page.getByRole('link', { name: 'Response times' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Response times');
  await expectNoAxeViolations(page);
  await fits320px(page);

  // The feed's settings (administrators): an interval out of range is refused and the URL kept.
  await page.goto('/staff/reports');
  await page.getByRole('link', { name: 'Live Open311 feed' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Live Open311 feed');
  await expectNoAxeViolations(page);
  await fits320px(page);
  await page.getByLabel('Base URL').fill('https://311.example.org/open311/v2');
  await page.locator('#feed-source').fill('sj-open311');
  const interval = page.getByLabel('Minutes between pulls');
  await interval.fill('2');
  // The browser refuses it first; without that check the server does, naming the field.
  expect(await interval.evaluate((e) => (e as HTMLInputElement).validity.rangeUnderflow)).toBe(true);
  await page.locator('form[action="/staff/reports/feed"]').evaluate((f) => ((f as HTMLFormElement).noValidate = true));
  await page.getByRole('button', { name: 'Save the feed' }).click();
  await expect(page.getByText(/The interval is a number of minutes from 5 to 10080/)).toBeVisible();
  await expect(page.getByLabel('Base URL')).toHaveValue('https://311.example.org/open311/v2');
  await expectNoAxeViolations(page);
});
