// The Content-Security-Policy in a real browser: the survey hydrates and the signed-in pages load
// their lazy wasm chunks without a single violation, and a third-party page that posts the survey
// form from the visitor's browser gets the refusal page, not the thank-you page.
import { expect, test, type Page } from '@playwright/test';
import { answerAll, storedResponses, survey, waitForHydration } from './helpers';
import { PASSWORD, needscope, signIn } from './staff-helpers';

const surveyPath = `/surveys/${survey.slug}`;

/** Collects every CSP violation the page reports: `securitypolicyviolation` events and console errors. */
async function watchPolicy(page: Page): Promise<string[]> {
  const violations: string[] = [];
  await page.exposeFunction('__reportViolation', (text: string) => violations.push(text));
  // Init scripts come through the DevTools protocol, so the policy does not block this one.
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { __reportViolation: (t: string) => void }).__reportViolation(
        `${e.effectiveDirective} blocked ${e.blockedURI}`,
      );
    });
  });
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
  });
  page.on('pageerror', (error) => violations.push(`page error: ${error.message}`));
  return violations;
}

/** The policy is there, with a nonce, and without inline script. */
async function expectPolicy(page: Page, path: string) {
  const response = await page.request.get(path);
  const policy = response.headers()['content-security-policy'] ?? '';
  expect(policy).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9_-]+' 'wasm-unsafe-eval'/);
  expect(policy).not.toContain('unsafe-inline');
}

test('the survey hydrates and is sent under the policy, with no violation', async ({ page }) => {
  const violations = await watchPolicy(page);
  await expectPolicy(page, surveyPath);
  const before = storedResponses();
  await page.goto(surveyPath);
  await waitForHydration(page);
  await answerAll(page);
  await page.getByRole('button', { name: 'Send my answers' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Thank you!');
  expect(storedResponses()).toBe(before + 1);
  expect(violations).toEqual([]);
});

test('signed-in pages load their lazy chunks under the policy, with no violation', async ({ page }) => {
  const violations = await watchPolicy(page);
  const wasm = new Set<string>();
  page.on('response', (response) => {
    const url = new URL(response.url());
    if (url.pathname.endsWith('.wasm') && response.ok()) wasm.add(url.pathname);
  });
  const email = `csp-${Date.now()}@example.org`;
  needscope(['admin', 'create', '--email', email, '--name', 'Cy Policy', '--password-stdin'], `${PASSWORD}\n`);
  await expectPolicy(page, '/login');
  await signIn(page, email);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Staff overview');
  // Navigating in place (the mark survives) proves the router runs and the page's chunk loaded.
  await page.evaluate(() => ((window as unknown as { mark: number }).mark = 1));
  await page.getByRole('link', { name: 'Analysis runs' }).first().click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Analysis runs');
  await expect(page).toHaveURL(/\/staff\/runs$/);
  expect(await page.evaluate(() => (window as unknown as { mark?: number }).mark)).toBe(1);
  expect(wasm.size, `wasm loaded: ${[...wasm].join(', ')}`).toBeGreaterThanOrEqual(2);
  expect(violations).toEqual([]);
});

test('a survey form posted from another site is refused', async ({ page, baseURL }) => {
  const before = storedResponses();
  // A third-party page (served by the test, never by the network) that posts the survey form.
  await page.route('http://third-party.example/**', (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: `<!DOCTYPE html><html lang="en"><title>Win a prize</title><body>
        <form method="post" action="${baseURL}${surveyPath}">
          <input type="hidden" name="_version" value="1"><input type="hidden" name="_lang" value="en">
          <input type="hidden" name="_token" value="${crypto.randomUUID()}">
          <input type="hidden" name="barriers" value="Forged answer">
          <button>Claim</button>
        </form></body></html>`,
    }),
  );
  await page.goto('http://third-party.example/prize');
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith(surveyPath)),
    page.getByRole('button', { name: 'Claim' }).click(),
  ]);
  expect(response.status()).toBe(403);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('These answers came from another website');
  await expect(page.getByRole('link', { name: 'Open the survey on the City’s site' })).toHaveAttribute(
    'href',
    `${surveyPath}?lang=en`,
  );
  expect(storedResponses()).toBe(before);
});
