/**
 * Value cleaning for imported cells: turns what real exports contain (strings with stray
 * spaces, literal "\n", 12-hour times, "TRUE"/"yes", US dates) into typed values, and says
 * what it repaired so the import report can list it. Only unambiguous repairs are made;
 * anything else is an error the caller reports (and drops or rejects).
 */
import type { ColumnSpec } from './tables';

export type Cleaned = { ok: true; value: unknown; repair?: string } | { ok: false; error: string };

const ok = (value: unknown, repair?: string): Cleaned => ({ ok: true, value, repair });
const fail = (error: string): Cleaned => ({ ok: false, error });

/** Trims, turns literal backslash-n into a newline, and treats blank as null. */
export function cleanText(raw: unknown): { value: string | null; repair?: string } {
  if (raw === null || raw === undefined) return { value: null };
  const original = typeof raw === 'string' ? raw : String(raw);
  // PostgreSQL text cannot hold a NUL character.
  const withoutNul = original.replace(/\0/g, '');
  const unescaped = withoutNul.replace(/\\r\\n|\\n/g, '\n');
  const value = unescaped.trim();
  if (value === '') return { value: null };
  const repairs = [
    withoutNul !== original && 'NUL characters removed',
    unescaped !== withoutNul && 'literal "\\n" turned into a line break',
    value.length !== unescaped.length && 'surrounding whitespace trimmed',
  ];
  const repair = repairs.filter(Boolean).join('; ');
  return { value, repair: repair || undefined };
}

const TIME_24 = /^([01]?\d|2[0-4])[:.]([0-5]\d)(?::([0-5]\d))?$/;
const TIME_12 = /^(1[0-2]|0?[1-9])(?:[:.]([0-5]\d))?\s*([ap])\.?\s*m?\.?$/i;
const TIME_HHMM = /^([01]\d|2[0-3])([0-5]\d)$/;

/** '9:00am', '5 PM', '17:00', '0900', 'noon', 'midnight' → 'HH:MM:SS'; null if not a time. */
export function parseTime(text: string): string | null {
  const input = text.trim().toLowerCase();
  const pad = (n: number) => String(n).padStart(2, '0');
  if (input === 'noon') return '12:00:00';
  if (input === 'midnight') return '00:00:00';
  let match = TIME_24.exec(input);
  if (match) {
    const hours = Number(match[1]);
    if (hours === 24 && (match[2] !== '00' || (match[3] ?? '00') !== '00')) return null;
    return `${pad(hours)}:${match[2]}:${match[3] ?? '00'}`;
  }
  match = TIME_12.exec(input);
  if (match) {
    let hours = Number(match[1]) % 12;
    if (match[3] === 'p') hours += 12;
    return `${pad(hours)}:${match[2] ?? '00'}:00`;
  }
  match = TIME_HHMM.exec(input);
  if (match) return `${match[1]}:${match[2]}:00`;
  return null;
}

/** 'YYYY-MM-DD', an ISO timestamp, or US 'M/D/YYYY' → 'YYYY-MM-DD'. */
export function parseDate(text: string): string | null {
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?$/.exec(text);
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  const [year, month, day] = iso ? [iso[1], iso[2], iso[3]] : us ? [us[3], us[1], us[2]] : [];
  if (!year || !month || !day) return null;
  const value = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  const parsed = new Date(`${value}T00:00:00Z`);
  return Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== value ? null : value;
}

const TRUE = new Set(['true', 't', 'yes', 'y', '1']);
const FALSE = new Set(['false', 'f', 'no', 'n', '0']);

/** Alternative spellings seen in real exports, per enum value set. */
const ENUM_SYNONYMS: Record<string, string> = {
  temporarily_closed: 'temporarily closed',
  'temporarily-closed': 'temporarily closed',
  mobile: 'cell',
  cellphone: 'cell',
  tty: 'textphone',
  tdd: 'textphone',
  sms: 'text',
  phone: 'voice',
  telephone: 'voice',
  main: 'voice',
  hotline: 'voice',
  'in-person': 'in_person',
  'in person': 'in_person',
  inperson: 'in_person',
  remote: 'virtual',
  online: 'virtual',
  video: 'virtual',
  telephone_service: 'phone',
};

function matchEnum(input: string, values: readonly string[]): string | null {
  const direct = values.find((value) => value === input);
  if (direct) return direct;
  const folded = input.trim().toLowerCase();
  const byCase = values.find((value) => value.toLowerCase() === folded);
  if (byCase) return byCase;
  const synonym = ENUM_SYNONYMS[folded];
  return synonym && values.includes(synonym) ? synonym : null;
}

/** '{in_person,phone}', 'in_person; phone', '["TX","NM"]' → ['in_person', 'phone']. */
export function splitList(raw: unknown): string[] {
  if (Array.isArray(raw)) return raw.map((item) => String(item).trim()).filter(Boolean);
  const text = String(raw)
    .trim()
    .replace(/^[[{]|[\]}]$/g, '');
  return text
    .split(/[,;|]/)
    .map((item) => item.trim().replace(/^"|"$/g, '').trim())
    .filter(Boolean);
}

/** Cleans one cell according to its column's kind. */
export function cleanValue(spec: ColumnSpec, raw: unknown): Cleaned {
  if (spec.kind === 'enum_list' || spec.kind === 'text_list') {
    if (raw === null || raw === undefined || (typeof raw === 'string' && raw.trim() === '')) return ok(null);
    const items = splitList(raw);
    if (spec.kind === 'text_list') return ok(items.length ? items.map((item) => item.toUpperCase()) : null);
    const matched = items.map((item) => matchEnum(item, spec.values ?? []));
    const bad = items.filter((_, index) => matched[index] === null);
    if (bad.length)
      return fail(
        `unknown value(s) ${bad.map((b) => `"${b}"`).join(', ')}; expected ${spec.values?.join(', ')}`,
      );
    const unique = [...new Set(matched as string[])];
    return ok(
      unique.length ? unique : null,
      unique.join(',') !== items.join(',') ? 'list values normalised' : undefined,
    );
  }
  if (typeof raw === 'number' || typeof raw === 'boolean') raw = String(raw);
  const text = cleanText(raw);
  if (text.value === null) return ok(null);
  const value = text.value;
  switch (spec.kind) {
    case 'int':
    case 'number': {
      const number = Number(value.replace(/,/g, ''));
      if (!Number.isFinite(number)) return fail(`"${value}" is not a number`);
      if (spec.kind === 'int' && !Number.isInteger(number)) return fail(`"${value}" is not a whole number`);
      return ok(number, text.repair);
    }
    case 'bool': {
      const lower = value.toLowerCase();
      if (TRUE.has(lower)) return ok(true);
      if (FALSE.has(lower)) return ok(false);
      return fail(`"${value}" is not true/false`);
    }
    case 'date': {
      const date = parseDate(value);
      if (!date) return fail(`"${value}" is not a date (YYYY-MM-DD)`);
      return ok(
        date,
        date !== value && !value.startsWith(date) ? `date "${value}" read as ${date}` : text.repair,
      );
    }
    case 'timestamp': {
      const parsed = new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
      if (Number.isNaN(parsed.getTime())) return fail(`"${value}" is not a date/time`);
      return ok(parsed.toISOString(), text.repair);
    }
    case 'time': {
      const time = parseTime(value);
      if (!time) return fail(`"${value}" is not a time of day`);
      const plain = /^\d{2}:\d{2}(:\d{2})?$/.test(value);
      return ok(time, plain ? text.repair : `time "${value}" read as ${time.slice(0, 5)}`);
    }
    case 'enum': {
      const matched = matchEnum(value, spec.values ?? []);
      if (!matched) return fail(`unknown value "${value}"; expected ${spec.values?.join(', ')}`);
      return ok(matched, matched !== value ? `"${value}" read as "${matched}"` : text.repair);
    }
    default:
      return ok(value, text.repair);
  }
}
