// Helpers of the signed-in end-to-end tests: the CLI, accessibility checks, sign-in, invitations
// and the 311 reports imported as a stream.
import AxeBuilder from '@axe-core/playwright';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { expect, type Browser, type Page } from '@playwright/test';

export const PASSWORD = 'a long and unguessable phrase';

export function needscope(args: string[], input?: string): string {
  return execFileSync(process.env.NEEDSCOPE_BIN ?? 'needscope', args, {
    env: { ...process.env, NEEDSCOPE_DATA_DIR: process.env.NEEDSCOPE_E2E_DATA_DIR ?? 'data' },
    encoding: 'utf8',
    input,
  });
}

export async function expectNoAxeViolations(page: Page) {
  // Checked once the page has settled: hydration (after its lazy chunks load) briefly re-renders
  // the head, title included.
  await page.waitForLoadState('networkidle');
  await expect(page).toHaveTitle(/\S/);
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`)).toEqual([]);
}

export async function signIn(page: Page, email: string, password = PASSWORD) {
  await page.goto('/login');
  await page.getByLabel('E-mail address').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** The administrator invites `email` as `role`; returns the link shown once. */
export async function invite(page: Page, email: string, role: string, organization = ''): Promise<string> {
  await page.goto('/staff/admin/users');
  await page.getByLabel('E-mail address').fill(email);
  await page.getByLabel('Role', { exact: true }).selectOption(role);
  await page.getByLabel('Organization (partners)').fill(organization);
  await page.getByRole('button', { name: 'Create invitation link' }).click();
  const notice = await page.getByRole('status').textContent();
  const link = notice!.match(/\/invitations\/[0-9a-f]{64}/)![0];
  return link;
}

export async function accept(browser: Browser, link: string, name: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(link);
  await page.getByLabel('Your name').fill(name);
  await page.getByLabel('Choose a password').fill(PASSWORD);
  await page.getByLabel('Type the password again').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create my account' }).click();
  return page;
}

/** 311-style reports about three needs, imported with the CLI as their own stream. */
export function importReports() {
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
