/**
 * Building blocks for the fictional demo directory (scripts/generate-seed.ts): metro areas
 * with real ZIP codes (their centroids come from the gazetteer), and service templates per
 * Haven category. Every organization generated from these is fictional and marked as sample.
 */

export interface Metro {
  city: string;
  state: string;
  /** Real ZIP codes in the metro; locations sit near their centroids. */
  zips: string[];
  areaCode: string;
  /** Extra language (ISO 639) common in the area, besides English and Spanish. */
  language?: string;
  /** Share of services offered in Spanish. */
  spanish: number;
}

// prettier-ignore
export const METROS: Metro[] = [
  { city: 'Houston', state: 'TX', zips: ['77002', '77004', '77006', '77036', '77057'], areaCode: '713', language: 'vi', spanish: 0.7 },
  { city: 'Los Angeles', state: 'CA', zips: ['90012', '90015', '90017', '90033', '90057'], areaCode: '213', language: 'ko', spanish: 0.7 },
  { city: 'New York', state: 'NY', zips: ['10001', '10002', '10027', '10035', '10013'], areaCode: '212', language: 'zh', spanish: 0.5 },
  { city: 'Atlanta', state: 'GA', zips: ['30303', '30308', '30310', '30314'], areaCode: '404', spanish: 0.3 },
  { city: 'Chicago', state: 'IL', zips: ['60601', '60607', '60608', '60623'], areaCode: '312', language: 'pl', spanish: 0.5 },
  { city: 'Miami', state: 'FL', zips: ['33125', '33128', '33136', '33142'], areaCode: '305', language: 'ht', spanish: 0.8 },
  { city: 'Seattle', state: 'WA', zips: ['98101', '98104', '98118', '98122'], areaCode: '206', language: 'vi', spanish: 0.3 },
  { city: 'Denver', state: 'CO', zips: ['80202', '80204', '80205', '80219'], areaCode: '303', spanish: 0.4 },
  { city: 'Phoenix', state: 'AZ', zips: ['85003', '85004', '85006', '85008'], areaCode: '602', spanish: 0.6 },
  { city: 'Minneapolis', state: 'MN', zips: ['55401', '55404', '55407', '55411'], areaCode: '612', language: 'so', spanish: 0.3 },
  { city: 'Albuquerque', state: 'NM', zips: ['87102', '87106', '87108'], areaCode: '505', spanish: 0.6 },
  { city: 'Boise', state: 'ID', zips: ['83702', '83705', '83706'], areaCode: '208', spanish: 0.3 },
  { city: 'Des Moines', state: 'IA', zips: ['50309', '50314', '50316'], areaCode: '515', spanish: 0.3 },
  { city: 'El Paso', state: 'TX', zips: ['79901', '79902', '79905'], areaCode: '915', spanish: 0.9 },
  { city: 'Fresno', state: 'CA', zips: ['93701', '93706', '93721'], areaCode: '559', language: 'hmn', spanish: 0.6 },
  { city: 'Toledo', state: 'OH', zips: ['43604', '43607', '43609'], areaCode: '419', spanish: 0.3 },
];

// prettier-ignore
export const STREETS = [
  'Commerce St', 'Maple Ave', 'Harbor Blvd', 'Cedar Ln', 'Lantern Way', 'Union Ave', 'Meridian St', 'Willow Dr',
  'Foundry Rd', 'Orchard St', 'Garfield Ave', 'Beacon St', 'Prospect Ave', 'Riverside Dr', 'Juniper St', 'Station Pl',
];

// prettier-ignore
export const ORG_WORDS = ['Beacon', 'Open Door', 'New Dawn', 'Safe Passage', 'Bridgeway', 'Cornerstone', 'Lantern', 'Northstar',
  'Wayfinder', 'Evergreen', 'Riverbend', 'Sunrise', 'Common Ground', 'Harborlight', 'Keystone', 'Silver Thread'];

export type Hours = 'weekdays' | 'always' | 'weekend' | 'evening' | 'extended' | 'tue-sat';

/** The recurring hours each Hours kind stands for (HSDS 3.0 schedule rows). */
// prettier-ignore
export const HOURS: Record<Hours, Array<{ byday: string; opens: string; closes: string; description: string }>> = {
  weekdays: [{ byday: 'MO,TU,WE,TH,FR', opens: '09:00:00', closes: '17:00:00', description: 'Monday to Friday, 9 am to 5 pm' }],
  always: [{ byday: 'MO,TU,WE,TH,FR,SA,SU', opens: '00:00:00', closes: '24:00:00', description: 'Open 24 hours, every day' }],
  weekend: [{ byday: 'SA,SU', opens: '10:00:00', closes: '16:00:00', description: 'Saturday and Sunday, 10 am to 4 pm' }],
  evening: [
    { byday: 'TU,WE,TH', opens: '17:00:00', closes: '21:00:00', description: 'Tuesday to Thursday, 5 pm to 9 pm' },
    { byday: 'FR,SA', opens: '18:00:00', closes: '02:00:00', description: 'Friday and Saturday nights, 6 pm to 2 am' },
  ],
  extended: [
    { byday: 'MO,TU,WE,TH', opens: '08:00:00', closes: '20:00:00', description: 'Monday to Thursday, 8 am to 8 pm' },
    { byday: 'FR', opens: '08:00:00', closes: '14:00:00', description: 'Friday, 8 am to 2 pm' },
  ],
  'tue-sat': [{ byday: 'TU,WE,TH,FR,SA', opens: '10:00:00', closes: '18:00:00', description: 'Tuesday to Saturday, 10 am to 6 pm' }],
};

export type Cost = 'free' | 'sliding-scale' | 'insurance' | 'fee';

export interface Template {
  category: string;
  subcategories: string[];
  name: string;
  description: string;
  hours: Hours;
  cost: Cost;
  populations: string[];
  delivery?: Array<'in_person' | 'phone' | 'virtual'>;
  confidential?: boolean;
}

/** Organization kinds in each metro and the services they may offer (picked in rotation). */
// prettier-ignore
export const ORG_KINDS: Array<{ kind: string; name: (city: string, word: string) => string; blurb: string; pick: number; templates: Template[] }> = [
  {
    kind: 'alliance', name: (city, word) => `${city} ${word} Survivor Alliance`, pick: 3,
    blurb: 'A survivor-led nonprofit offering counseling, case management and peer support to survivors of sex and labor trafficking.',
    templates: [
      { category: 'counseling', subcategories: ['trauma-therapy'], name: 'Trauma-Informed Therapy', description: 'Individual therapy with licensed clinicians experienced in complex trauma, for adults who have experienced sex or labor trafficking.', hours: 'extended', cost: 'free', populations: ['adults', 'young-adults'] },
      { category: 'counseling', subcategories: ['support-groups'], name: 'Survivor Support Group', description: 'Weekly evening support groups facilitated by a counselor and a survivor-leader. Childcare is available during sessions.', hours: 'evening', cost: 'free', populations: ['women', 'lgbtq'] },
      { category: 'counseling', subcategories: ['peer-support'], name: 'Peer Mentor Program', description: 'One-to-one mentoring by trained survivor-mentors who help with goals, appointments and rebuilding community.', hours: 'tue-sat', cost: 'free', populations: ['adults', 'young-adults'], delivery: ['in_person', 'phone'] },
      { category: 'case-management', subcategories: ['case-management-advocacy'], name: 'Survivor Case Management', description: 'Case managers coordinate safety planning, benefits, housing referrals and accompaniment to court and medical appointments.', hours: 'weekdays', cost: 'free', populations: ['adults', 'foreign-nationals', 'us-citizens'] },
      { category: 'counseling', subcategories: ['crisis-counseling'], name: 'Crisis Counseling', description: 'Same-day crisis counseling in person or by phone for anyone who has just left or is trying to leave an exploitative situation.', hours: 'always', cost: 'free', populations: ['adults', 'minors'], delivery: ['in_person', 'phone'] },
      { category: 'hotlines', subcategories: ['crisis-hotline'], name: 'Local Crisis Line', description: 'A local crisis line answered by trained advocates who can arrange emergency shelter, transport and medical care.', hours: 'always', cost: 'free', populations: ['adults', 'minors'], delivery: ['phone'] },
    ],
  },
  {
    kind: 'legal', name: (city, word) => `${word} Legal Project of ${city}`, pick: 3,
    blurb: 'A legal services nonprofit representing survivors of human trafficking in immigration, criminal record and employment matters.',
    templates: [
      { category: 'legal-aid', subcategories: ['immigration-relief'], name: 'Immigration Legal Clinic', description: 'Attorneys help survivors apply for T visas, U visas, continued presence and work authorization.', hours: 'weekdays', cost: 'free', populations: ['foreign-nationals'] },
      { category: 'legal-aid', subcategories: ['criminal-record-relief'], name: 'Vacatur and Record Relief', description: 'Representation to vacate or expunge convictions that resulted from being trafficked.', hours: 'weekdays', cost: 'free', populations: ['adults', 'us-citizens'] },
      { category: 'legal-aid', subcategories: ['victim-rights'], name: 'Victim Rights Advocacy', description: 'Advocates explain victim rights in criminal cases and accompany survivors to interviews and hearings.', hours: 'weekdays', cost: 'free', populations: ['adults', 'minors'] },
      { category: 'legal-aid', subcategories: ['protection-orders'], name: 'Protection Orders and Family Law', description: 'Help with protective orders, custody and divorce when a trafficker is a partner or family member.', hours: 'extended', cost: 'sliding-scale', populations: ['women', 'families'] },
      { category: 'legal-aid', subcategories: ['labor-claims'], name: 'Worker Rights and Wage Claims', description: 'Legal help recovering unpaid wages and filing labor trafficking and wage theft claims.', hours: 'tue-sat', cost: 'free', populations: ['men', 'foreign-nationals'] },
    ],
  },
  {
    kind: 'health', name: (city, word) => `${city} ${word} Health Collective`, pick: 3,
    blurb: 'A community health center with a dedicated program for survivors of violence and exploitation.',
    templates: [
      { category: 'health', subcategories: ['primary-care'], name: 'Primary Care Clinic', description: 'Walk-in and scheduled primary care. No ID or insurance required; fees on a sliding scale.', hours: 'extended', cost: 'sliding-scale', populations: ['adults', 'families'] },
      { category: 'health', subcategories: ['sexual-health', 'sti-hiv-testing'], name: 'Sexual Health and STI Testing', description: 'Confidential STI and HIV testing, contraception and pregnancy care.', hours: 'tue-sat', cost: 'free', populations: ['adults', 'young-adults', 'transgender-nonbinary'] },
      { category: 'health', subcategories: ['mental-health'], name: 'Behavioral Health Services', description: 'Psychiatric evaluation, medication management and counseling for PTSD, depression and anxiety.', hours: 'weekdays', cost: 'insurance', populations: ['adults'] },
      { category: 'health', subcategories: ['substance-use'], name: 'Recovery and Substance Use Program', description: 'Outpatient substance use treatment with medication for opioid use disorder and recovery coaching.', hours: 'extended', cost: 'insurance', populations: ['adults', 'disabilities'] },
      { category: 'health', subcategories: ['dental'], name: 'Dental Care Days', description: 'Exams, cleanings, extractions and emergency dental care on weekends.', hours: 'weekend', cost: 'fee', populations: ['adults', 'families'] },
      { category: 'health', subcategories: ['forensic-exams'], name: 'Forensic Nurse Examiners', description: 'Sexual assault nurse examiners provide forensic exams and care around the clock.', hours: 'always', cost: 'free', populations: ['adults', 'minors', 'women', 'men'] },
    ],
  },
  {
    kind: 'housing', name: (city, word) => `${word} House ${city}`, pick: 3,
    blurb: 'A housing and shelter provider for survivors of trafficking and their children.',
    templates: [
      { category: 'housing', subcategories: ['emergency-shelter'], name: 'Emergency Shelter', description: 'A confidential emergency shelter with 24-hour staff. The address is shared only after a phone screening.', hours: 'always', cost: 'free', populations: ['women', 'families', 'minors'], confidential: true },
      { category: 'housing', subcategories: ['transitional-housing'], name: 'Transitional Housing', description: 'Up to 24 months of transitional housing with case management and life-skills support.', hours: 'weekdays', cost: 'free', populations: ['women', 'young-adults', 'lgbtq'] },
      { category: 'housing', subcategories: ['long-term-housing'], name: 'Supportive Housing', description: 'Long-term supportive apartments with rent based on income.', hours: 'weekdays', cost: 'sliding-scale', populations: ['adults', 'families', 'disabilities'] },
      { category: 'basic-needs', subcategories: ['food'], name: 'Weekend Food Pantry', description: 'Groceries, hygiene kits and hot meals every weekend. No questions asked.', hours: 'weekend', cost: 'free', populations: ['adults', 'families'] },
      { category: 'basic-needs', subcategories: ['clothing'], name: 'Clothing Closet', description: 'Free clothing, shoes and interview outfits.', hours: 'tue-sat', cost: 'free', populations: ['adults', 'minors', 'families'] },
    ],
  },
  {
    kind: 'works', name: (city, word) => `${city} ${word} Works`, pick: 2,
    blurb: 'A workforce and education program that helps survivors build income, skills and independence.',
    templates: [
      { category: 'vocational', subcategories: ['job-training'], name: 'Job Readiness Training', description: 'Paid job-readiness training in hospitality, logistics and office skills with a stipend.', hours: 'weekdays', cost: 'free', populations: ['adults', 'young-adults'] },
      { category: 'vocational', subcategories: ['job-placement'], name: 'Employment Placement', description: 'Job coaches match survivors with trauma-informed employers and support the first months at work.', hours: 'weekdays', cost: 'free', populations: ['adults', 'foreign-nationals'] },
      { category: 'vocational', subcategories: ['education-ged'], name: 'GED and Adult Education', description: 'GED preparation, college applications and tutoring in small groups.', hours: 'evening', cost: 'free', populations: ['adults', 'young-adults'] },
      { category: 'vocational', subcategories: ['english-classes'], name: 'English Conversation Classes', description: 'English classes at every level, in person and online.', hours: 'evening', cost: 'free', populations: ['foreign-nationals'], delivery: ['in_person', 'virtual'] },
      { category: 'vocational', subcategories: ['financial-literacy'], name: 'Financial Empowerment Workshops', description: 'Banking, budgeting, credit repair and help with debts taken on under coercion.', hours: 'tue-sat', cost: 'free', populations: ['adults', 'women'] },
      { category: 'basic-needs', subcategories: ['transportation', 'id-documents', 'phones'], name: 'ID, Phone and Transit Help', description: 'Help replacing ID documents, a free phone with a new number, and transit passes for appointments.', hours: 'weekdays', cost: 'free', populations: ['adults', 'us-citizens', 'foreign-nationals'] },
    ],
  },
];
