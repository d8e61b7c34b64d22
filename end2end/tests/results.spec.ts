// "What we heard", end to end: staff publish a run on the publications page, then an anonymous
// visitor with JavaScript off reads the results in Spanish; the same page (it has no script, so it
// is the same page either way) passes axe and does not scroll sideways at 320 px; its HTML and the
// stylesheet it links weigh at most 50 KB; the survey's thank-you page links to the results.
import { expect, test } from '@playwright/test';
import { PASSWORD, expectNoAxeViolations, importReports, needscope, signIn } from './staff-helpers';

const LIMIT = 50 * 1024;

test('staff publish a run; a visitor reads the results in Spanish without JavaScript', async ({ page, browser, request }) => {
  test.setTimeout(240_000);
  const admin = `results-${Date.now()}@example.org`;
  needscope(['admin', 'create', '--email', admin, '--name', 'Rita Results', '--password-stdin'], `${PASSWORD}\n`);
  importReports();
  const said = needscope(['runs', 'new', '--k', '3', '--seed', '7']);
  const run = Number(said.match(/analysis run (\d+) logged/)![1]);

  await signIn(page, admin);
  await page.goto('/staff/publications');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Published results');
  await page.getByLabel('Run', { exact: true }).selectOption(String(run));
  await page.getByRole('button', { name: 'Publish' }).click();
  await expect(page.getByRole('button', { name: /^Withdraw publication \d+$/ }).first()).toBeVisible();

  // An anonymous visitor with JavaScript off, in Spanish.
  const offline = await browser.newContext({ javaScriptEnabled: false, locale: 'es-MX' });
  const visitor = await offline.newPage();
  await visitor.goto('/results?lang=es');
  await expect(visitor.locator('html')).toHaveAttribute('lang', 'es');
  await expect(visitor.getByRole('heading', { level: 1 })).toHaveText('Lo que escuchamos');
  await expect(visitor.getByRole('heading', { name: 'Lo que más necesitan los residentes' })).toBeVisible();
  await expect(visitor.getByRole('heading', { level: 3 }).first()).toBeVisible();
  await expect(visitor.getByRole('heading', { name: 'Lo que está haciendo la Ciudad' }).first()).toBeVisible();
  await expect(visitor.getByRole('link', { name: 'Necesidades (CSV)' })).toBeVisible();
  await expect(visitor.getByRole('link', { name: /canal Atom/ })).toBeVisible();
  await expect(visitor.locator('script')).toHaveCount(0);
  // The open data is one link away, and its files download without JavaScript too.
  const csv = await request.get(await visitor.getByRole('link', { name: 'Necesidades (CSV)' }).getAttribute('href') ?? '');
  expect(csv.ok()).toBe(true);
  expect((await csv.text()).split('\n')[0]).toBe('rank,theme_id,need,description,respondents,share,share_lower,share_upper,figures_withheld');
  await offline.close();

  // The same page with JavaScript (for axe, which needs it): clean, and no sideways scroll at 320 px.
  const anonymous = await browser.newContext({ locale: 'es-MX' });
  const reader = await anonymous.newPage();
  await reader.goto('/results?lang=es');
  await expectNoAxeViolations(reader);
  await reader.setViewportSize({ width: 320, height: 800 });
  expect(await reader.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  await expectNoAxeViolations(reader);

  // The weight: the HTML and the stylesheet it links, before any script (there is none).
  const html = await (await request.get('/results?lang=es')).body();
  const css = await (await request.get('/pkg/needscope.css')).body();
  console.log(`/results?lang=es: ${html.length} bytes of HTML + ${css.length} bytes of CSS = ${html.length + css.length}`);
  expect(html.length + css.length).toBeLessThanOrEqual(LIMIT);

  // The survey's thank-you page leads to the results.
  await reader.setViewportSize({ width: 1280, height: 800 });
  await reader.goto('/surveys/resident-digital-services/thanks?lang=es');
  const link = reader.getByRole('link', { name: /Vea lo que los residentes/ });
  await expect(link).toBeVisible();
  await link.click();
  await expect(reader).toHaveURL(/\/results(\/survey\/[a-z0-9-]+)?\?lang=es$/);
  await expect(reader.getByRole('heading', { level: 1 })).toContainText('Lo que escuchamos');
  await anonymous.close();
});
