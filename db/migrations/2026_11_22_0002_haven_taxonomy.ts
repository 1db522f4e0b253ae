/**
 * Haven's own taxonomies: service categories (with subcategories), populations served and
 * cost kinds. Slugs (`code`) are stable URL values; ids are derived from the slug so every
 * deployment and every export agrees on them. Frozen in time: imports nothing from app/.
 */
import { type Kysely, sql } from 'kysely';

type Term = [code: string, name: string, children?: Array<[string, string]>];

const categories: Term[] = [
  [
    'counseling',
    'Counseling',
    [
      ['trauma-therapy', 'Trauma-informed therapy'],
      ['crisis-counseling', 'Crisis counseling'],
      ['support-groups', 'Support groups'],
      ['peer-support', 'Peer support'],
    ],
  ],
  [
    'legal-aid',
    'Legal aid',
    [
      ['immigration-relief', 'Immigration relief (T and U visas)'],
      ['criminal-record-relief', 'Criminal record relief (vacatur, expungement)'],
      ['victim-rights', 'Victim rights advocacy'],
      ['protection-orders', 'Protection orders and family law'],
      ['labor-claims', 'Labor and wage claims'],
    ],
  ],
  [
    'health',
    'Health care',
    [
      ['primary-care', 'Primary care'],
      ['sexual-health', 'Sexual and reproductive health'],
      ['sti-hiv-testing', 'STI and HIV testing'],
      ['mental-health', 'Mental health care'],
      ['substance-use', 'Substance use treatment'],
      ['dental', 'Dental care'],
      ['forensic-exams', 'Forensic exams'],
    ],
  ],
  [
    'vocational',
    'Jobs and education',
    [
      ['job-training', 'Job training'],
      ['job-placement', 'Job placement'],
      ['education-ged', 'Education and GED'],
      ['english-classes', 'English classes'],
      ['financial-literacy', 'Financial literacy'],
    ],
  ],
  [
    'housing',
    'Housing and shelter',
    [
      ['emergency-shelter', 'Emergency shelter'],
      ['transitional-housing', 'Transitional housing'],
      ['long-term-housing', 'Long-term housing'],
    ],
  ],
  ['case-management', 'Case management', [['case-management-advocacy', 'Case management and advocacy']]],
  [
    'basic-needs',
    'Basic needs',
    [
      ['food', 'Food'],
      ['clothing', 'Clothing'],
      ['transportation', 'Transportation'],
      ['id-documents', 'ID documents'],
      ['phones', 'Phones'],
    ],
  ],
  [
    'hotlines',
    'Hotlines',
    [
      ['crisis-hotline', '24/7 crisis hotline'],
      ['trafficking-hotline', 'Trafficking hotline'],
    ],
  ],
];

const populations: Term[] = [
  ['adults', 'Adults'],
  ['minors', 'Minors (under 18)'],
  ['young-adults', 'Young adults (18–24)'],
  ['women', 'Women'],
  ['men', 'Men'],
  ['transgender-nonbinary', 'Transgender and non-binary people'],
  ['lgbtq', 'LGBTQ+ people'],
  ['families', 'Families with children'],
  ['foreign-nationals', 'Foreign nationals'],
  ['us-citizens', 'US citizens'],
  ['disabilities', 'People with disabilities'],
];

const costs: Term[] = [
  ['free', 'Free'],
  ['sliding-scale', 'Sliding scale'],
  ['insurance', 'Insurance accepted'],
  ['fee', 'Fee'],
];

const taxonomies: Array<[name: string, description: string, terms: Term[]]> = [
  ['haven', 'Haven service categories for survivors of human trafficking', categories],
  ['haven-population', 'Populations a Haven service serves', populations],
  ['haven-cost', 'Kinds of cost for a Haven service', costs],
];

// md5 of a fixed string, read as a uuid: deterministic, so ids match across deployments.
const idFor = (key: string) => sql`md5(${key})::uuid`;

export async function up(db: Kysely<any>): Promise<void> {
  for (const [taxonomyName, description, terms] of taxonomies) {
    await sql`insert into taxonomy (id, name, description, version)
              values (${idFor(`taxonomy:${taxonomyName}`)}, ${taxonomyName}, ${description}, '1')`.execute(
      db,
    );
    const insertTerm = (code: string, name: string, parent: string | null) =>
      sql`insert into taxonomy_term (id, code, name, description, parent_id, taxonomy, language, taxonomy_id)
          values (${idFor(`term:${taxonomyName}:${code}`)}, ${code}, ${name}, '',
                  ${parent === null ? null : idFor(`term:${taxonomyName}:${parent}`)},
                  ${taxonomyName}, 'en', ${idFor(`taxonomy:${taxonomyName}`)})`.execute(db);
    for (const [code, name, children = []] of terms) {
      await insertTerm(code, name, null);
      for (const [childCode, childName] of children) await insertTerm(childCode, childName, code);
    }
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`delete from taxonomy where name in ('haven', 'haven-population', 'haven-cost')`.execute(db);
}
