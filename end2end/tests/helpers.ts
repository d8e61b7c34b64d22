// Shared helpers: the seeded resident survey (read from the repository, so tests follow its content)
// and ways to answer it through the page, by element ids the app guarantees (`q-<key>`, `q-<key>-<i>`).
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { expect, type Page } from '@playwright/test';

export type Localized = Record<string, string>;
export type Kind =
  | { type: 'single_choice' | 'multiple_choice' | 'language'; options: { value: string; label: Localized }[] }
  | { type: 'rating'; low: Localized; high: Localized }
  | { type: 'short_text' | 'long_text'; max_chars: number }
  | { type: 'number'; min: number; max: number }
  | { type: 'zip' | 'council_district' };
export interface QuestionDef {
  key: string;
  prompt: Localized;
  required?: boolean;
  show_if?: { question: string; any_of: string[] };
  kind: Kind;
}
export interface SurveyDef {
  slug: string;
  title: Localized;
  questions: QuestionDef[];
}

export const survey: SurveyDef = JSON.parse(
  fs.readFileSync(path.resolve(__dirname, '../../migrations/src/seed/resident_digital_services.json'), 'utf8'),
);

/** Values that open a branch, per question key. */
const openers = new Map<string, string[]>();
for (const q of survey.questions) {
  if (q.show_if) openers.set(q.show_if.question, [...(openers.get(q.show_if.question) ?? []), ...q.show_if.any_of]);
}

/** The first conditional question and a value of its condition. */
export function branch(): { follow: QuestionDef; on: QuestionDef; value: string } {
  const follow = survey.questions.find((q) => q.show_if)!;
  const on = survey.questions.find((q) => q.key === follow.show_if!.question)!;
  return { follow, on, value: follow.show_if!.any_of[0] };
}

export function questionOf(type: Kind['type']): QuestionDef {
  return survey.questions.find((q) => q.kind.type === type && !q.show_if)!;
}

/** The id of the control for `value` of a choice or rating question. */
export function choiceId(q: QuestionDef, value: string): string {
  const values =
    q.kind.type === 'rating'
      ? ['1', '2', '3', '4', '5']
      : q.kind.type === 'council_district'
        ? ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', 'not_sure']
        : (q.kind as { options: { value: string }[] }).options.map((o) => o.value);
  const i = values.indexOf(value);
  return i <= 0 ? `#q-${q.key}` : `#q-${q.key}-${i}`;
}

/** Answers every unconditional question with a valid value that opens no branch. */
export async function answerAll(page: Page, texts: Record<string, string> = {}) {
  for (const q of survey.questions) {
    if (q.show_if) continue;
    const closed = openers.get(q.key) ?? [];
    switch (q.kind.type) {
      case 'single_choice':
      case 'language':
      case 'multiple_choice': {
        const option = q.kind.options.find((o) => !closed.includes(o.value))!;
        await page.locator(choiceId(q, option.value)).check();
        break;
      }
      case 'council_district':
        await page.locator(choiceId(q, '3')).check();
        break;
      case 'rating': {
        const value = ['4', '5', '3', '2', '1'].find((v) => !closed.includes(v))!;
        await page.locator(choiceId(q, value)).check();
        break;
      }
      case 'short_text':
        await page.locator(`#q-${q.key}`).fill(texts[q.key] ?? 'Library hours');
        break;
      case 'long_text':
        await page.locator(`#q-${q.key}`).fill(texts[q.key] ?? 'Paying my water bill online keeps failing on my phone.');
        break;
      case 'number':
        await page.locator(`#q-${q.key}`).fill(String(q.kind.min));
        break;
      case 'zip':
        await page.locator(`#q-${q.key}`).fill(texts[q.key] ?? '95122');
        break;
    }
  }
}

/** Waits until the page is hydrated: branching then hides the conditional questions. */
export async function waitForHydration(page: Page) {
  const { follow } = branch();
  await expect(page.locator(`#q-${follow.key}`)).toBeHidden();
}

/** Responses stored for the resident survey, read by the `needscope stats` command. */
export function storedResponses(): number {
  const out = execFileSync(process.env.NEEDSCOPE_BIN ?? 'needscope', ['stats'], {
    env: { ...process.env, NEEDSCOPE_DATA_DIR: process.env.NEEDSCOPE_E2E_DATA_DIR ?? 'data' },
    encoding: 'utf8',
  });
  const stats = JSON.parse(out) as { surveys: { slug: string; responses: number }[] };
  return stats.surveys.find((s) => s.slug === survey.slug)!.responses;
}
