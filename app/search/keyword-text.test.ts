/**
 * Any keyword a visitor can type (up to the schema's 200 characters) parses into a tsquery on
 * both engines: runs of websearch operators never reach PostgreSQL's 32-deep parser stack.
 */
import fc from 'fast-check';
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachEngine } from '../../tests/helpers/db';
import { keywordQuery } from './filters.server';
import { websearchText } from './keyword-text';

// The characters websearch_to_tsquery gives a meaning to, separators, and a few words.
const token = fc.oneof(
  fc.constantFrom(
    '-',
    ' ',
    '"',
    'or',
    'OR',
    '!',
    '&',
    '|',
    '(',
    ')',
    ':',
    '*',
    '\t',
    "'",
    '.',
    '—',
    'visa',
    'a',
  ),
  fc.integer({ min: 1, max: 60 }).map((n) => '-'.repeat(n)),
  fc.integer({ min: 1, max: 40 }).map((n) => '- '.repeat(n)),
);
const keyword = fc.array(token, { maxLength: 120 }).map((parts) => parts.join('').slice(0, 200));

it('folds a run of dashes into one, and leaves words alone', () => {
  expect(websearchText('-'.repeat(40))).toBe('-');
  expect(websearchText('- - - - legal')).toBe('- legal');
  expect(websearchText('t-visa -court')).toBe('t-visa -court');
  expect(websearchText('visa -- lawyer')).toBe('visa - lawyer');
});

describeEachEngine('keyword tsquery', (context) => {
  it.each([
    '-'.repeat(33),
    '-'.repeat(200),
    `${'- '.repeat(99)}x`,
    `a ${'-'.repeat(40)}b`,
    `"${'-'.repeat(60)}"`,
  ])('parses %j without an error', async (text) => {
    const query = await keywordQuery(context.db, text);
    await expect(sql`select ${query} as q`.execute(context.db)).resolves.toBeDefined();
  });

  it('parses any run of operators, quotes and words', async () => {
    await fc.assert(
      fc.asyncProperty(keyword, async (text) => {
        const query = await keywordQuery(context.db, text);
        if (query) await sql`select ${query} as q`.execute(context.db);
      }),
      { numRuns: 150 },
    );
  });
});
