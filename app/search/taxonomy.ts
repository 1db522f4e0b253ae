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

/** Top-level categories first (in the order the mission names them), then subcategories. */
export const CATEGORY_SLUGS: readonly string[] = [
  ...Object.keys(CATEGORY_TREE),
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

export const COST_SLUGS = ['free', 'sliding-scale', 'insurance', 'fee'] as const;

export const TAXONOMY = {
  categories: 'haven',
  populations: 'haven-population',
  costs: 'haven-cost',
} as const;
