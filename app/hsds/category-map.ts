/**
 * Which Haven category a foreign taxonomy term clearly belongs to (documented in
 * docs/hsds-import.md). Matching is on whole words of the term's name (and code), case- and
 * accent-insensitive; a term matching no rule stays only as its own taxonomy term, which is
 * still searchable by keyword through service.search_text.
 */

/** Haven category code → patterns on the term name. Order matters only for documentation. */
export const CATEGORY_RULES: Array<{ category: string; patterns: RegExp[] }> = [
  {
    category: 'legal-aid',
    patterns: [/\blegal\b/, /\blaw(yer)?s?\b/, /\battorneys?\b/, /\bimmigration\b/, /\bvisas?\b/],
  },
  {
    category: 'counseling',
    patterns: [/\bcounsell?ing\b/, /\bmental health\b/, /\btherapy\b/, /\bsupport groups?\b/, /\bpsycholog/],
  },
  {
    category: 'health',
    patterns: [/\bmedical\b/, /(?<!mental )\bhealth\b/, /\bclinics?\b/, /\bdental\b/, /\bprimary care\b/],
  },
  {
    category: 'vocational',
    patterns: [
      /\bemployment\b/,
      /\bjobs?\b/,
      /\beducation\b/,
      /\bvocational\b/,
      /\bged\b/,
      /\bliteracy\b/,
      /\btraining\b/,
    ],
  },
  { category: 'housing', patterns: [/\bshelters?\b/, /\bhousing\b/, /\bhomeless/] },
  {
    category: 'basic-needs',
    patterns: [/\bfood\b/, /\bclothing\b/, /\btransport(ation)?\b/, /\bmeals?\b/, /\bpantry\b/],
  },
  { category: 'hotlines', patterns: [/\bhotlines?\b/, /\bhelplines?\b/, /\bcrisis lines?\b/] },
  { category: 'case-management', patterns: [/\bcase management\b/, /\bcase managers?\b/] },
];

const fold = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[_-]+/g, ' ');

/** Haven category codes for a foreign term (usually zero or one). */
export function categoriesForTerm(name: string, code?: string | null): string[] {
  const haystack = fold(`${name} ${code ?? ''}`);
  return CATEGORY_RULES.filter((rule) => rule.patterns.some((pattern) => pattern.test(haystack))).map(
    (rule) => rule.category,
  );
}

const POPULATION_RULES: Array<[code: string, pattern: RegExp]> = [
  ['adults', /\badults?\b/],
  ['minors', /\b(minors?|youth|children|child|teens?|juveniles?)\b/],
  ['young-adults', /\byoung adults?\b/],
  ['women', /\b(women|woman|female|females)\b/],
  ['men', /\b(men|man|male|males)\b/],
  ['transgender-nonbinary', /\b(transgender|trans|non ?binary)\b/],
  ['lgbtq', /\blgbt/],
  ['families', /\bfamil(y|ies)\b/],
  ['foreign-nationals', /\b(foreign nationals?|immigrants?|refugees?)\b/],
  ['disabilities', /\bdisabilit(y|ies)\b/],
];

/** Haven population codes named by free-text eligibility values ("adult", "women", …). */
export function populationsFor(values: string[]): string[] {
  const haystack = fold(values.join(' | '));
  return POPULATION_RULES.filter(([, pattern]) => pattern.test(haystack)).map(([code]) => code);
}
