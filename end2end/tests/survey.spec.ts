// A resident takes the survey: with JavaScript (hydrated) and without, in English and Spanish, with
// errors that keep every answer, on a 320 px screen, and with no axe-core violations.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { answerAll, branch, choiceId, questionOf, storedResponses, survey, waitForHydration } from './helpers';

const surveyPath = `/surveys/${survey.slug}`;

async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`)).toEqual([]);
}

test('the list of surveys leads to the resident survey', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Tell the City what you need');
  await page.getByRole('link', { name: survey.title.en }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(survey.title.en);
  await expectNoAxeViolations(page);
});

test('hydrated: branching shows the follow-up only when it applies', async ({ page }) => {
  await page.goto(surveyPath);
  await waitForHydration(page);
  const { follow, on, value } = branch();
  await page.locator(choiceId(on, value)).check();
  await expect(page.locator(`#q-${follow.key}`)).toBeVisible();
  await expect(page.getByText(follow.prompt.en, { exact: false }).first()).toBeVisible();
});

test('hydrated: a full submission is stored', async ({ page }) => {
  const before = storedResponses();
  await page.goto(surveyPath);
  await waitForHydration(page);
  await answerAll(page);
  await page.getByRole('button', { name: 'Send my answers' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Thank you!');
  await expectNoAxeViolations(page);
  expect(storedResponses()).toBe(before + 1);
});

test('hydrated: an invalid ZIP is caught in the browser and the other answers stay', async ({ page }) => {
  await page.goto(surveyPath);
  await waitForHydration(page);
  const zip = questionOf('zip');
  const text = questionOf('long_text');
  await answerAll(page, { [zip.key]: '951', [text.key]: 'Sidewalks near Story Road need repair.' });
  let posted = false;
  page.on('request', (r) => {
    if (r.method() === 'POST') posted = true;
  });
  await page.getByRole('button', { name: 'Send my answers' }).click();
  await expect(page.locator(`#q-${zip.key}-error`)).toHaveText('Enter a 5-digit ZIP code, like 95112.');
  await expect(page.locator(`#q-${zip.key}`)).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator(`#q-${text.key}`)).toHaveValue('Sidewalks near Story Road need repair.');
  await expect(page.getByRole('alert')).toBeFocused();
  expect(posted).toBe(false);
  await expectNoAxeViolations(page);
  // Correcting the answer lets it through.
  await page.locator(`#q-${zip.key}`).fill('95122');
  await page.getByRole('button', { name: 'Send my answers' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Thank you!');
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('a full submission is stored', async ({ page }) => {
    const before = storedResponses();
    await page.goto(surveyPath);
    await answerAll(page);
    await page.getByRole('button', { name: 'Send my answers' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Thank you!');
    expect(storedResponses()).toBe(before + 1);
  });

  test('the server explains an error and keeps every answer', async ({ page }) => {
    await page.goto(surveyPath);
    const zip = questionOf('zip');
    const text = questionOf('long_text');
    await answerAll(page, { [zip.key]: 'abcde', [text.key]: 'I need the permit page in Vietnamese.' });
    await page.getByRole('button', { name: 'Send my answers' }).click();
    await expect(page.locator(`#q-${zip.key}-error`)).toHaveText('Enter a 5-digit ZIP code, like 95112.');
    await expect(page.locator(`#q-${zip.key}`)).toHaveValue('abcde');
    await expect(page.locator(`#q-${text.key}`)).toHaveValue('I need the permit page in Vietnamese.');
    await expect(page.getByRole('link', { name: new RegExp(zip.prompt.en.slice(0, 20)) })).toBeVisible();
    // (axe-core needs JavaScript; the same error markup is checked in the hydrated test.)
  });

  test('conditional questions say when to answer them', async ({ page }) => {
    await page.goto(surveyPath);
    const { follow } = branch();
    await expect(page.locator(`#q-${follow.key}`)).toBeVisible();
    await expect(page.getByText('Answer this only if you answered').first()).toBeVisible();
  });
});

test('Spanish: the resident picks the language on the page', async ({ page }) => {
  await page.goto(surveyPath);
  await waitForHydration(page);
  await page.getByRole('link', { name: 'Español' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(survey.title.es);
  await expect(page.locator('html')).toHaveAttribute('lang', 'es');
  await expect(page.getByRole('button', { name: 'Enviar mis respuestas' })).toBeVisible();
  await expectNoAxeViolations(page);
  const before = storedResponses();
  await answerAll(page);
  await page.getByRole('button', { name: 'Enviar mis respuestas' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('¡Gracias!');
  expect(storedResponses()).toBe(before + 1);
});

test.describe('on a 320 px screen', () => {
  test.use({ viewport: { width: 320, height: 640 } });

  test('nothing scrolls sideways and everything is reachable by keyboard', async ({ page }) => {
    await page.goto(surveyPath);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    // The first Tab reaches the skip link, and it is visible when focused.
    await page.keyboard.press('Tab');
    await expect(page.getByRole('link', { name: 'Skip to main content' })).toBeFocused();
    await expect(page.getByRole('link', { name: 'Skip to main content' })).toBeInViewport();
  });
});
