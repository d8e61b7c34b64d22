// The strategy frame and the actions board end to end: an administrator adds a department on the
// strategy page (a duplicate name is refused on its field and kept), adds an action on the board,
// moves it from proposed to in progress to done, and sees it in each section; both pages pass axe
// and fit a 320 px wide screen.
import { expect, test, type Page } from '@playwright/test';
import { PASSWORD, expectNoAxeViolations, needscope, signIn } from './staff-helpers';

const ADMIN = `actions-admin-${Date.now()}@example.org`;
const DEPARTMENT = `Transportation ${Date.now()}`;
const TITLE = `Plain-language permit pages ${Date.now()}`;

/** Whether the page fits `width` without scrolling sideways (tables scroll in their own box). */
async function fits(page: Page, width: number) {
  await page.setViewportSize({ width, height: 900 });
  const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(scroll).toBeLessThanOrEqual(width);
  await page.setViewportSize({ width: 1280, height: 900 });
}

test('strategy: departments are kept by administrators; actions move across the board', async ({ page }) => {
  test.setTimeout(120_000);
  needscope(['admin', 'create', '--email', ADMIN, '--name', 'Ada Actions', '--password-stdin'], `${PASSWORD}\n`);
  await signIn(page, ADMIN);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Staff overview');

  // The strategy page: the seeded goals, a new department, a duplicate refused and kept.
  await page.getByRole('link', { name: 'Strategy', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Strategy goals and departments');
  await expect(page.getByRole('rowheader', { name: 'Digital first' })).toBeVisible();
  const addDepartment = page.locator('form[action="/staff/admin/strategy/departments"]');
  await addDepartment.getByLabel('Name').fill(DEPARTMENT);
  await addDepartment.getByRole('button', { name: 'Add the department' }).click();
  await expect(page.getByRole('status')).toContainText(`Department “${DEPARTMENT}” added.`);
  await addDepartment.getByLabel('Name').fill(DEPARTMENT.toUpperCase());
  await addDepartment.getByRole('button', { name: 'Add the department' }).click();
  await expect(page.getByRole('alert').first()).toContainText('there is already a department named');
  await expect(addDepartment.getByLabel('Name')).toHaveValue(DEPARTMENT.toUpperCase());
  await expect(addDepartment.getByLabel('Name')).toHaveAttribute('aria-invalid', 'true');
  await expectNoAxeViolations(page);
  await fits(page, 320);

  // The board: add an action to a theme, then move it on.
  await page.getByRole('link', { name: 'Actions', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Actions');
  const add = page.getByRole('form', { name: 'Add an action' });
  await add.getByLabel('Theme id (such as T-003)').fill('T-001');
  await add.getByLabel('Title').fill(TITLE);
  await add.getByLabel('Owning department').selectOption({ label: DEPARTMENT });
  await add.getByLabel('Start date (YYYY-MM-DD, optional)').fill('2027-03-01');
  await add.getByLabel('Due date (YYYY-MM-DD, optional; not before the start)').fill('2027-02-01');
  await add.getByRole('button', { name: 'Add the action' }).click();
  await expect(page.getByRole('alert').first()).toContainText('is before the start date 2027-03-01');
  await expect(add.getByLabel('Title')).toHaveValue(TITLE);
  await add.getByLabel('Due date (YYYY-MM-DD, optional; not before the start)').fill('2027-06-30');
  await add.getByLabel(/Public summary/).fill('We will rewrite the permit pages with residents.');
  await add.getByRole('button', { name: 'Add the action' }).click();
  await expect(page.getByRole('status')).toContainText(`Action “${TITLE}” added to theme T-001`);
  await expect(page.getByRole('region', { name: /^Proposed/ })).toContainText(TITLE);
  await expectNoAxeViolations(page);

  for (const [value, label] of [['in_progress', 'In progress'], ['done', 'Done']]) {
    const row = page.locator('tr', { hasText: TITLE });
    await row.getByLabel(`Status of “${TITLE}”`).selectOption(value);
    await row.getByRole('button', { name: 'Move' }).click();
    await expect(page.getByRole('status')).toContainText(`to ${label}.`);
    await expect(page.getByRole('region', { name: new RegExp(`^${label} \\(`) })).toContainText(TITLE);
    await expect(page.getByRole('region', { name: /^Proposed/ })).not.toContainText(TITLE);
  }

  // The department's board has it; its theme links to the theme page.
  await page.getByLabel('Department', { exact: true }).selectOption({ label: DEPARTMENT });
  await page.getByRole('button', { name: 'Show the board' }).click();
  await expect(page.getByRole('heading', { level: 2, name: `Actions of department ${DEPARTMENT}` })).toBeVisible();
  await expect(page.getByRole('region', { name: /^Done/ }).getByRole('link', { name: 'T-001' })).toHaveAttribute('href', '/staff/themes/T-001');
  await expectNoAxeViolations(page);
  await fits(page, 320);
});
