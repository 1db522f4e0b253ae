/**
 * Language names and codes for imported rows, from the ISO 639-3 table (`iso-639-3`, which
 * also carries the ISO 639-1 code where one exists). A code is the two-letter ISO 639-1 code
 * when the language has one, else the three-letter ISO 639-3 code (American Sign Language →
 * `ase`). Free text as real exports write it ("Spanish (limited)", "English and Spanish") is
 * split into languages only when every part names one; text naming none is left to the caller
 * to keep as a note.
 */
import { iso6393 } from 'iso-639-3';

export interface Language {
  code: string;
  name: string;
}

const byName = new Map<string, Language>();
const byCode = new Map<string, Language>();
// Languages with a two-letter code first, so a shared name goes to the widely used entry.
for (const entry of [...iso6393].sort((a, b) => Number(!a.iso6391) - Number(!b.iso6391))) {
  if (entry.type !== 'living' && entry.type !== 'constructed' && entry.type !== 'historical') continue;
  const language = { code: entry.iso6391 ?? entry.iso6393, name: entry.name };
  if (!byName.has(entry.name.toLowerCase())) byName.set(entry.name.toLowerCase(), language);
  for (const code of [entry.iso6391, entry.iso6393, entry.iso6392B, entry.iso6392T])
    if (code && !byCode.has(code)) byCode.set(code, language);
}
/** Everyday names that are not the ISO reference names. */
const SYNONYMS: Record<string, string> = {
  mandarin: 'zh',
  cantonese: 'zh',
  chinese: 'zh',
  farsi: 'fa',
  'haitian creole': 'ht',
  creole: 'ht',
  asl: 'ase',
  'sign language': 'ase',
  filipino: 'tl',
  burmese: 'my',
  'brazilian portuguese': 'pt',
};
for (const [name, code] of Object.entries(SYNONYMS)) byName.set(name, byCode.get(code)!);

/** The language a name or code stands for (case ignored); null when it names none. */
export function findLanguage(text: string): Language | null {
  const key = text.trim().toLowerCase();
  return byName.get(key) ?? (/^[a-z]{2,3}$/.test(key) ? (byCode.get(key) ?? null) : null);
}

/** Codes that real exports use for a language whose ISO code differs. */
const MISTAKEN_CODES: Record<string, string> = { asl: 'ase' };

/** A valid-looking code that exports use by mistake, corrected; null if none applies. */
export function correctedCode(code: string): string | null {
  return MISTAKEN_CODES[code.toLowerCase()] ?? null;
}

export interface ParsedLanguages {
  /** Each language named, with what qualified it ("limited") as a note. */
  languages: Array<Language & { note: string | null }>;
}

const SEPARATORS = /\s*(?:,|;|\/|\||&|\+|\band\b|\bor\b|\by\b)\s*/i;

/**
 * "Spanish (limited)" → es with note "limited"; "English and Spanish" → en, es. Returns null
 * when any part names no language: such text is ambiguous and is kept as written.
 */
export function parseLanguages(text: string): ParsedLanguages | null {
  const parts = text
    .split(SEPARATORS)
    .map((part) => part.trim())
    .filter(Boolean);
  if (!parts.length) return null;
  const languages: ParsedLanguages['languages'] = [];
  for (const part of parts) {
    const qualified = /^(.*?)\s*[([]\s*([^)\]]*?)\s*[)\]]$/.exec(part);
    const language = findLanguage(qualified ? qualified[1]! : part);
    if (!language) return null;
    if (languages.some((known) => known.code === language.code)) continue;
    languages.push({ ...language, note: qualified?.[2] || null });
  }
  return { languages };
}

type Row = Record<string, unknown>;
const LANGUAGE_CODE = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;
/** An unknown short name ("Elvish", "Mixteco Alto") is kept as a name; longer text is a note. */
const NAME_LIKE = /^\p{L}[\p{L}'’-]*(\s\p{L}[\p{L}'’-]*){0,2}$/u;

export interface LanguageOutcome {
  /** The row (repaired) or, for text naming several languages, one row per language. */
  rows: Row[];
  /** Text naming no language: the caller keeps it as a note on the row's parent. */
  note?: string;
  repairs: Array<{ column: string; reason: string; value?: string }>;
}

const str = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim() : null);

/** Reads a cleaned language row whose name and code may be free text. */
export function interpretLanguageRow(row: Row): LanguageOutcome {
  const repairs: LanguageOutcome['repairs'] = [];
  const code = str(row.code);
  const name = str(row.name);
  if (code && LANGUAGE_CODE.test(code)) {
    const fixed = correctedCode(code);
    if (fixed) {
      row.code = fixed;
      repairs.push({ column: 'code', reason: `language code "${code}" read as ${fixed}`, value: code });
    }
    if (!name) row.name = findLanguage(String(row.code))?.name ?? null;
    return { rows: [row], repairs };
  }
  // A code column holding a name ("Spanish") is read like the name column.
  const text = code ?? name;
  if (code) row.code = null;
  if (!text) return { rows: [row], repairs };
  const parsed = parseLanguages(text);
  if (!parsed) {
    if (NAME_LIKE.test(text)) {
      row.name = name ?? text;
      if (code)
        repairs.push({ column: 'code', reason: `"${code}" is not a language code; kept as the name` });
      return { rows: [row], repairs };
    }
    return { rows: [], note: text, repairs };
  }
  const column = code ? 'code' : 'name';
  const [only] = parsed.languages;
  if (parsed.languages.length === 1 && only) {
    if (code || only.note || text.toLowerCase() !== only.name.toLowerCase())
      repairs.push({ column, reason: `language "${text}" read as ${only.code}`, value: text });
    Object.assign(row, { code: only.code, name: only.name, note: joinNotes(row.note, only.note) });
    return { rows: [row], repairs };
  }
  repairs.push({
    column,
    reason: `free-text languages split into ${parsed.languages.map((language) => language.code).join(', ')}`,
    value: text,
  });
  return {
    rows: parsed.languages.map((language) => ({
      ...row,
      code: language.code,
      name: language.name,
      note: joinNotes(row.note, language.note),
    })),
    repairs,
  };
}

function joinNotes(...notes: unknown[]): string | null {
  return notes.map(str).filter(Boolean).join('; ') || null;
}
