/**
 * The stable slugs of Haven's taxonomies (created by migration 2026_11_22_0002), as URL values.
 * Kept here so query strings can be validated without a database round trip, in the browser
 * too; app/search/taxonomy.test.ts fails if this list and the database drift apart.
 */
export const CATEGORY_TREE = {
  counseling: ['trauma-therapy', 'crisis-counseling', 'support-groups', 'peer-support'],
  'legal-aid': [
    'immigration-relief',
    'criminal-record-relief',
    'victim-rights',
    'protection-orders',
    'labor-claims',
  ],
  health: [
    'primary-care',
    'sexual-health',
    'sti-hiv-testing',
    'mental-health',
    'substance-use',
    'dental',
    'forensic-exams',
  ],
  vocational: ['job-training', 'job-placement', 'education-ged', 'english-classes', 'financial-literacy'],
  housing: ['emergency-shelter', 'transitional-housing', 'long-term-housing'],
  'case-management': ['case-management-advocacy'],
  'basic-needs': ['food', 'clothing', 'transportation', 'id-documents', 'phones'],
  hotlines: ['crisis-hotline', 'trafficking-hotline'],
} as const;

export type TopCategory = keyof typeof CATEGORY_TREE;

/** The top-level categories, in the order the mission names them (tiles, the search form). */
export const TOP_CATEGORY_SLUGS = Object.keys(CATEGORY_TREE) as TopCategory[];

/** Every category slug a URL may carry: the top-level ones, then their subcategories. */
export const CATEGORY_SLUGS: readonly string[] = [
  ...TOP_CATEGORY_SLUGS,
  ...Object.values(CATEGORY_TREE).flat(),
];

export const POPULATION_SLUGS = [
  'adults',
  'minors',
  'young-adults',
  'women',
  'men',
  'transgender-nonbinary',
  'lgbtq',
  'families',
  'foreign-nationals',
  'us-citizens',
  'disabilities',
] as const;

/** Languages offered in the search filter (ISO 639-1), the most requested first. */
export const FILTER_LANGUAGES = [
  'en',
  'es',
  'zh',
  'vi',
  'ko',
  'tl',
  'ru',
  'ar',
  'fr',
  'ht',
  'pt',
  'hi',
] as const;

export const COST_SLUGS = ['free', 'sliding-scale', 'insurance', 'fee'] as const;

export const TAXONOMY = {
  categories: 'haven',
  populations: 'haven-population',
  costs: 'haven-cost',
} as const;
