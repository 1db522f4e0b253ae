/**
 * The service editor's form: its one zod schema (used by the action and by the browser for
 * instant feedback), the logical fields it edits, and the values they hold. A logical field is
 * the unit of conflict detection, merge, audit and revert: "hours" is one field even though it
 * is seven day inputs and many schedule rows. Client-safe: no server imports.
 */
import { z } from 'zod';
import { normalizeState } from '../../geo/us-states';
import { WEEKDAYS, type Weekday } from '../../search/hours';
import { CATEGORY_SLUGS, COST_SLUGS, POPULATION_SLUGS } from '../../search/taxonomy';
import { DELIVERY_MODES } from '../../search/filters';
import type { DeliveryMode } from '../../../db/types';
import { emptyHours, type HoursValue, parseClosures, parseRanges } from './hours-form';

export const FIELD_NAMES = [
  'name',
  'description',
  'categories',
  'populations',
  'eligibility',
  'ages',
  'languages',
  'costs',
  'fees',
  'applicationProcess',
  'delivery',
  'serviceArea',
  'phones',
  'email',
  'url',
  'status',
  'location',
  'accessibility',
  'hours',
] as const;
export type FieldName = (typeof FIELD_NAMES)[number];

export function isFieldName(value: string): value is FieldName {
  return (FIELD_NAMES as readonly string[]).includes(value);
}

export const EDITOR_STATUSES = ['active', 'temporarily closed', 'defunct'] as const;
export type EditorStatus = (typeof EDITOR_STATUSES)[number];
export const COVERAGES = ['none', 'nationwide', 'states', 'radius'] as const;

export interface LocationValue {
  address1: string;
  city: string;
  state: string;
  postalCode: string;
  latitude: number | null;
  longitude: number | null;
  confidential: boolean;
  transportation: string;
}

export interface FormValues {
  name: string;
  description: string;
  categories: string[];
  populations: string[];
  eligibility: string;
  ages: { minimum: number | null; maximum: number | null };
  languages: string[];
  costs: string[];
  fees: string;
  applicationProcess: string;
  delivery: DeliveryMode[];
  serviceArea: { coverage: (typeof COVERAGES)[number]; states: string[]; radiusKm: number | null };
  phones: string[];
  email: string;
  url: string;
  status: { status: EditorStatus; reopensOn: string | null };
  location: LocationValue;
  accessibility: string;
  hours: HoursValue;
}

/** Inputs that repeat (checkbox groups): FormData keeps every value. */
const MULTI = new Set(['categories', 'populations', 'costs', 'delivery']);

/** FormData (or URLSearchParams) as the plain object the schema reads. */
export function formToObject(form: FormData | URLSearchParams): Record<string, string | string[]> {
  const object: Record<string, string | string[]> = {};
  for (const [key, value] of form.entries()) {
    if (typeof value !== 'string') continue;
    if (MULTI.has(key)) object[key] = [...((object[key] as string[] | undefined) ?? []), value];
    else object[key] = value;
  }
  return object;
}

// Every input is read as text first and checked in one pass below, so one bad field never
// hides the errors of the others (zod skips an object's refinements once a property failed).
const text = z
  .string()
  .default('')
  .transform((value) => value.trim().replace(/\r\n/g, '\n'));
const list = z
  .union([z.string(), z.array(z.string())])
  .default([])
  .transform((value) => (Array.isArray(value) ? value : [value]));
const isDate = (value: string) =>
  /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(new Date(`${value}T00:00:00Z`).getTime());
const dayInputs = Object.fromEntries(WEEKDAYS.map((day) => [`hours_${day}`, text])) as Record<
  `hours_${Weekday}`,
  typeof text
>;
/** Longest accepted text per input (anything longer is "too long"). */
const MAX_LENGTH: Record<string, number> = { name: 200, email: 320, postalCode: 10, state: 40, city: 120 };

/** The form's one schema: raw inputs in, FormValues (plus version and base) out. */
export const serviceFormSchema = z
  .object({
    version: text,
    base: text,
    name: text,
    description: text,
    categories: list,
    populations: list,
    eligibility: text,
    minimumAge: text,
    maximumAge: text,
    languages: text,
    costs: list,
    fees: text,
    applicationProcess: text,
    delivery: list,
    coverage: text,
    coverageStates: text,
    coverageRadiusKm: text,
    phones: text,
    email: text,
    url: text,
    status: text,
    reopensOn: text,
    address1: text,
    city: text,
    state: text,
    postalCode: text,
    latitude: text,
    longitude: text,
    confidential: text,
    transportation: text,
    accessibility: text,
    ...dayInputs,
    always: text,
    byAppointment: text,
    closures: text,
  })
  .transform((input, ctx) => {
    const fail = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    for (const [name, value] of Object.entries(input))
      if (typeof value === 'string' && name !== 'base' && value.length > (MAX_LENGTH[name] ?? 5000))
        fail(name, 'tooLong');
    const version = Number(input.version);
    if (!Number.isInteger(version) || version < 1) fail('version', 'versionMissing');
    if (!input.name) fail('name', 'nameRequired');
    const number = (
      name: 'minimumAge' | 'maximumAge' | 'coverageRadiusKm' | 'latitude' | 'longitude',
      min: number,
      max: number,
      error: string,
    ) => {
      if (input[name] === '') return null;
      const value = Number(input[name]);
      if (!Number.isFinite(value) || value < min || value > max) {
        fail(name, error);
        return null;
      }
      return value;
    };
    const choices = <T extends string>(name: string, values: string[], slugs: readonly T[]): T[] => {
      if (values.some((value) => !(slugs as readonly string[]).includes(value))) fail(name, 'choiceUnknown');
      return slugs.filter((slug) => values.includes(slug));
    };
    const oneOf = <T extends string>(name: string, value: string, options: readonly T[], fallback: T): T => {
      if (value === '') return fallback;
      if (!(options as readonly string[]).includes(value)) fail(name, 'choiceUnknown');
      return (options as readonly string[]).includes(value) ? (value as T) : fallback;
    };
    const minimumAge = number('minimumAge', 0, 130, 'ageInvalid');
    const maximumAge = number('maximumAge', 0, 130, 'ageInvalid');
    const coverageRadiusKm = number('coverageRadiusKm', 0.1, 5000, 'radiusInvalid');
    const latitude = number('latitude', -90, 90, 'latitudeInvalid');
    const longitude = number('longitude', -180, 180, 'longitudeInvalid');
    const categories = choices('categories', input.categories, CATEGORY_SLUGS);
    const populations = choices('populations', input.populations, POPULATION_SLUGS);
    const costs = choices('costs', input.costs, COST_SLUGS);
    const delivery = choices('delivery', input.delivery, DELIVERY_MODES);
    const coverage = oneOf('coverage', input.coverage, COVERAGES, 'none');
    const status = oneOf('status', input.status, EDITOR_STATUSES, 'active');
    if (minimumAge !== null && maximumAge !== null && minimumAge > maximumAge)
      fail('maximumAge', 'agesOrder');
    const languages = [
      ...new Set(
        input.languages
          .split(/[,\s]+/)
          .map((code) => code.trim().toLowerCase())
          .filter(Boolean),
      ),
    ];
    if (languages.some((code) => !/^[a-z]{2,3}$/.test(code))) fail('languages', 'languagesInvalid');
    const phones = input.phones
      .split('\n')
      .map((line) => line.trim().replace(/\s+/g, ' '))
      .filter(Boolean);
    if (phones.some((phone) => phone.replace(/\D/g, '').length < 3 || !/^[\d\s()+.\-x#*ext]+$/i.test(phone)))
      fail('phones', 'phoneInvalid');
    if (input.email && !z.email().safeParse(input.email).success) fail('email', 'emailInvalid');
    if (input.url && !/^https?:\/\/[^\s/$.?#][^\s]*$/i.test(input.url)) fail('url', 'urlInvalid');
    if (input.delivery.length === 0) fail('delivery', 'deliveryRequired');
    const states = input.coverageStates
      .split(/[,;]/)
      .map((part) => part.trim())
      .filter(Boolean)
      .map((part) => normalizeState(part));
    if (states.some((state) => state === null)) fail('coverageStates', 'statesInvalid');
    if (coverage === 'states' && states.length === 0) fail('coverageStates', 'statesRequired');
    if (coverage === 'radius' && input.coverageRadiusKm === '') fail('coverageRadiusKm', 'radiusInvalid');
    if (coverage === 'radius' && latitude === null && !input.postalCode && !input.city)
      fail('coverageRadiusKm', 'radiusNeedsPin');
    let reopensOn: string | null = input.reopensOn || null;
    if (reopensOn && !isDate(reopensOn)) fail('reopensOn', 'dateInvalid');
    if (status !== 'temporarily closed') reopensOn = null;
    if ((input.latitude === '') !== (input.longitude === ''))
      fail(input.latitude === '' ? 'latitude' : 'longitude', 'pinIncomplete');
    const state = input.state ? normalizeState(input.state) : '';
    if (state === null) fail('state', 'stateInvalid');
    if (input.postalCode && !/^\d{5}(-\d{4})?$/.test(input.postalCode)) fail('postalCode', 'postalInvalid');
    const hours = emptyHours();
    for (const day of WEEKDAYS) {
      const ranges = parseRanges(input[`hours_${day}`]);
      if (ranges === null) fail(`hours_${day}`, 'hoursInvalid');
      else hours.days[day] = ranges;
    }
    hours.always = input.always === 'on';
    if (hours.always) for (const day of WEEKDAYS) hours.days[day] = [];
    hours.byAppointment = input.byAppointment === 'on';
    const closures = parseClosures(input.closures);
    if (closures === null) fail('closures', 'closuresInvalid');
    else hours.closures = closures;
    const values: FormValues = {
      name: input.name,
      description: input.description,
      categories,
      populations,
      eligibility: input.eligibility,
      ages: { minimum: minimumAge, maximum: maximumAge },
      languages: languages.sort(),
      costs,
      fees: input.fees,
      applicationProcess: input.applicationProcess,
      delivery,
      serviceArea: {
        coverage,
        states: coverage === 'states' ? [...new Set(states as string[])].sort() : [],
        radiusKm: coverage === 'radius' ? coverageRadiusKm : null,
      },
      phones,
      email: input.email,
      url: input.url,
      status: { status, reopensOn },
      location: {
        address1: input.address1,
        city: input.city,
        state: state ?? '',
        postalCode: input.postalCode,
        latitude,
        longitude,
        confidential: input.confidential === 'on',
        transportation: input.transportation,
      },
      accessibility: input.accessibility,
      hours,
    };
    return { version, base: input.base, values };
  });

export type FieldErrors = Partial<Record<string, string>>;

/** The schema's result as field errors keyed by input name (message keys of the editor catalog). */
export function parseServiceForm(object: Record<string, unknown>) {
  const parsed = serviceFormSchema.safeParse(object);
  if (parsed.success) return { ok: true as const, ...parsed.data };
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const key = String(issue.path[0] ?? 'form');
    errors[key] ??= issue.message;
  }
  return { ok: false as const, errors };
}

/** The inputs that show a logical field (where its error and its note go). */
export const FIELD_INPUTS: Record<FieldName, string[]> = {
  name: ['name'],
  description: ['description'],
  categories: ['categories'],
  populations: ['populations'],
  eligibility: ['eligibility'],
  ages: ['minimumAge', 'maximumAge'],
  languages: ['languages'],
  costs: ['costs'],
  fees: ['fees'],
  applicationProcess: ['applicationProcess'],
  delivery: ['delivery'],
  serviceArea: ['coverage', 'coverageStates', 'coverageRadiusKm'],
  phones: ['phones'],
  email: ['email'],
  url: ['url'],
  status: ['status', 'reopensOn'],
  location: [
    'address1',
    'city',
    'state',
    'postalCode',
    'latitude',
    'longitude',
    'confidential',
    'transportation',
  ],
  accessibility: ['accessibility'],
  hours: [...WEEKDAYS.map((day) => `hours_${day}`), 'always', 'byAppointment', 'closures'],
};

/** Same value (the schema normalizes order and spacing, so JSON equality is value equality). */
export const sameValue = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The raw inputs that reproduce `values` (to render the form, and to post it in tests). */
export function valuesToInputs(values: FormValues): Record<string, string | string[]> {
  const num = (value: number | null) => (value === null ? '' : String(value));
  return {
    name: values.name,
    description: values.description,
    categories: values.categories,
    populations: values.populations,
    eligibility: values.eligibility,
    minimumAge: num(values.ages.minimum),
    maximumAge: num(values.ages.maximum),
    languages: values.languages.join(', '),
    costs: values.costs,
    fees: values.fees,
    applicationProcess: values.applicationProcess,
    delivery: values.delivery,
    coverage: values.serviceArea.coverage,
    coverageStates: values.serviceArea.states.join(', '),
    coverageRadiusKm: num(values.serviceArea.radiusKm),
    phones: values.phones.join('\n'),
    email: values.email,
    url: values.url,
    status: values.status.status,
    reopensOn: values.status.reopensOn ?? '',
    address1: values.location.address1,
    city: values.location.city,
    state: values.location.state,
    postalCode: values.location.postalCode,
    latitude: num(values.location.latitude),
    longitude: num(values.location.longitude),
    ...(values.location.confidential ? { confidential: 'on' } : {}),
    transportation: values.location.transportation,
    accessibility: values.accessibility,
    ...Object.fromEntries(WEEKDAYS.map((day) => [`hours_${day}`, values.hours.days[day].join(', ')])),
    ...(values.hours.always ? { always: 'on' } : {}),
    ...(values.hours.byAppointment ? { byAppointment: 'on' } : {}),
    closures: values.hours.closures
      .map((c) => (c.from === c.to ? c.from : `${c.from} to ${c.to}`))
      .join('\n'),
  };
}

/** URL-encoded form body for `values` at `version` (tests and the merge page post this). */
export function valuesToSearchParams(
  values: FormValues,
  version: number,
  base?: FormValues,
): URLSearchParams {
  const params = new URLSearchParams();
  params.set('version', String(version));
  if (base) params.set('base', JSON.stringify(base));
  for (const [key, value] of Object.entries(valuesToInputs(values)))
    for (const item of Array.isArray(value) ? value : [value]) params.append(key, item);
  return params;
}

export interface MergeResult {
  values: FormValues;
  /** Fields both people changed (yours kept; theirs shown beside the field). */
  conflicts: FieldName[];
  /** Fields only the other person changed (theirs taken). */
  theirs: FieldName[];
}

/**
 * Three-way merge per logical field: a field you did not change takes theirs; a field they did
 * not change keeps yours; a field both changed keeps yours and is listed as a conflict for you
 * to decide. Without a base (an old form), every differing field is a conflict.
 */
export function mergeValues(base: FormValues | null, theirs: FormValues, yours: FormValues): MergeResult {
  const values = { ...yours } as Record<FieldName, unknown>;
  const conflicts: FieldName[] = [];
  const taken: FieldName[] = [];
  for (const field of FIELD_NAMES) {
    if (sameValue(theirs[field], yours[field])) continue;
    if (base && sameValue(base[field], yours[field])) {
      values[field] = theirs[field];
      taken.push(field);
    } else if (!base || !sameValue(base[field], theirs[field])) conflicts.push(field);
  }
  return { values: values as unknown as FormValues, conflicts, theirs: taken };
}

/** The base values a form was loaded with (hidden input), or null when absent or unreadable. */
export function readBase(text: string): FormValues | null {
  if (!text) return null;
  try {
    const value = JSON.parse(text) as FormValues;
    return value && typeof value === 'object' && FIELD_NAMES.every((field) => field in value) ? value : null;
  } catch {
    return null;
  }
}

/** A new service's starting values. */
export function blankValues(): FormValues {
  return {
    name: '',
    description: '',
    categories: [],
    populations: [],
    eligibility: '',
    ages: { minimum: null, maximum: null },
    languages: [],
    costs: [],
    fees: '',
    applicationProcess: '',
    delivery: ['in_person'],
    serviceArea: { coverage: 'none', states: [], radiusKm: null },
    phones: [],
    email: '',
    url: '',
    status: { status: 'active', reopensOn: null },
    location: {
      address1: '',
      city: '',
      state: '',
      postalCode: '',
      latitude: null,
      longitude: null,
      confidential: false,
      transportation: '',
    },
    accessibility: '',
    hours: emptyHours(),
  };
}
