/**
 * Gives every validated row its final id and resolves every reference: to a row of the same
 * package, else to a row already in the database (a partial package updating earlier data),
 * else the reference is dropped (optional) or the row rejected (required), and rows that
 * depend on a rejected row are rejected in turn. Taxonomies are matched by name and terms by
 * (taxonomy, code), so a package's copy of Haven's own taxonomy updates it instead of clashing.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/types';
import { stableId } from './ids.server';
import type { IssueLog } from './report';
import type { Row } from './row-fixes';
import { missingParentReason, TABLE_ORDER, TABLES, type TableName } from './tables';
import type { CleanRow } from './validate';

export type ResolvedTables = Map<TableName, Row[]>;
/** Where each resolved row came from, by `${table}|${final id}`. */
export type RowSources = Map<string, { file: string; line: number; path?: string; sourceId?: string }>;

const CHUNK = 1000;

async function existingIds(db: Kysely<Database>, table: TableName, ids: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < ids.length; i += CHUNK) {
    const rows = await db
      .selectFrom(table)
      .select('id')
      .where('id', 'in', ids.slice(i, i + CHUNK))
      .execute();
    for (const row of rows) found.add(String(row.id));
  }
  return found;
}

export async function resolvePackage(
  db: Kysely<Database>,
  source: string,
  validated: Map<TableName, Map<string, CleanRow>>,
  log: IssueLog,
): Promise<{ tables: ResolvedTables; sources: RowSources }> {
  const sources: RowSources = new Map();
  const idFor = (table: TableName, sourceId: string) => stableId(source, table, sourceId);
  /** sourceId → final id, per table, for rows still accepted. */
  const accepted = new Map<TableName, Map<string, string>>();
  const rejected = new Map<TableName, Set<string>>();
  for (const table of TABLE_ORDER) {
    const ids = new Map<string, string>();
    for (const sourceId of validated.get(table)?.keys() ?? []) ids.set(sourceId, idFor(table, sourceId));
    accepted.set(table, ids);
    rejected.set(table, new Set());
  }

  // Taxonomies already in the database under the same name keep their id.
  const taxonomyRows = [...(validated.get('taxonomy')?.values() ?? [])];
  if (taxonomyRows.length) {
    const names = taxonomyRows.map((row) => String(row.data.name));
    const existing = await db
      .selectFrom('taxonomy')
      .select(['id', 'name'])
      .where('name', 'in', names)
      .execute();
    const byName = new Map(existing.map((row) => [row.name, row.id]));
    for (const row of taxonomyRows) {
      const name = String(row.data.name);
      const id = byName.get(name) ?? accepted.get('taxonomy')!.get(row.sourceId)!;
      byName.set(name, id);
      accepted.get('taxonomy')!.set(row.sourceId, id);
    }
  }

  // Which referenced ids that are not in the package exist in the database already.
  const wanted = new Map<TableName, Set<string>>();
  for (const [table, rows] of validated) {
    for (const row of rows.values()) {
      for (const [column, spec] of Object.entries(TABLES[table].columns)) {
        if (spec.kind !== 'ref' || row.data[column] == null) continue;
        const target = (spec.table ?? row.data.link_entity) as TableName;
        if (!TABLES[target] || accepted.get(target)!.has(String(row.data[column]))) continue;
        const set = wanted.get(target) ?? new Set<string>();
        set.add(idFor(target, String(row.data[column])));
        wanted.set(target, set);
      }
    }
  }
  const inDatabase = new Map<TableName, Set<string>>();
  for (const [table, ids] of wanted) inDatabase.set(table, await existingIds(db, table, [...ids]));

  const resolved: ResolvedTables = new Map();
  for (const table of TABLE_ORDER) {
    const out: Row[] = [];
    const termKeys = new Map<string, string>();
    const termSources: Array<{ data: Row; base: { file: string; line: number; table: TableName } }> = [];
    if (table === 'taxonomy_term') await loadTermKeys(db, validated.get(table), accepted, termKeys);
    for (const row of validated.get(table)?.values() ?? []) {
      const base = { ...row.ref, table, sourceId: row.sourceId.startsWith('#') ? undefined : row.sourceId };
      const data = { ...row.data };
      let reason: string | undefined;
      let reasonColumn: string | undefined;
      for (const [column, spec] of Object.entries(TABLES[table].columns)) {
        const raw = data[column];
        if (spec.kind === 'foreign_id' && raw != null)
          data[column] = stableId(source, column.replace(/_id$/, ''), String(raw));
        if (spec.kind !== 'ref' || (table === 'taxonomy_term' && column === 'parent_id')) continue;
        if (raw == null) {
          if (spec.required) [reason, reasonColumn] = [`${column} is required`, column];
          continue;
        }
        const target = (spec.table ?? data.link_entity) as TableName;
        const key = String(raw);
        const inPackage = accepted.get(target)?.get(key);
        const candidate = inPackage ? undefined : idFor(target, key);
        if (inPackage) data[column] = inPackage;
        else if (inDatabase.get(target)?.has(candidate!)) data[column] = candidate;
        else {
          const why = rejected.get(target)?.has(key)
            ? `${column} points at ${target} "${key}", which was rejected`
            : `${column} points at ${target} "${key}", which is not in the package or the database`;
          if (spec.required) [reason, reasonColumn] = [why, column];
          else {
            log.add({ ...base, severity: 'repaired', column, reason: `${why}; link dropped`, value: key });
            data[column] = null;
          }
        }
        if (reason) break;
      }
      reason ??= missingParentReason(table, data) ?? undefined;
      if (reason) {
        log.add({
          ...base,
          severity: 'rejected',
          column: reasonColumn,
          reason,
          value: reasonColumn ? String(data[reasonColumn] ?? '') : undefined,
        });
        accepted.get(table)!.delete(row.sourceId);
        rejected.get(table)!.add(row.sourceId);
        continue;
      }
      if (table === 'taxonomy_term' && data.code != null && data.taxonomy_id != null) {
        // One term per (taxonomy, code): reuse the existing term's id.
        const existing = termKeys.get(`${String(data.taxonomy_id)}|${String(data.code)}`);
        if (existing && existing !== accepted.get(table)!.get(row.sourceId))
          accepted.get(table)!.set(row.sourceId, existing);
        termKeys.set(
          `${String(data.taxonomy_id)}|${String(data.code)}`,
          accepted.get(table)!.get(row.sourceId)!,
        );
      }
      data.id = accepted.get(table)!.get(row.sourceId)!;
      out.push(data);
      sources.set(`${table}|${String(data.id)}`, { ...row.ref, sourceId: base.sourceId });
      if (table === 'taxonomy_term') termSources.push({ data, base });
    }
    // Term parents are resolved once every term id is final (terms may be renumbered above).
    for (const { data, base } of termSources) {
      if (data.parent_id == null) continue;
      const key = String(data.parent_id);
      const candidate = idFor('taxonomy_term', key);
      const parent =
        accepted.get('taxonomy_term')!.get(key) ??
        (inDatabase.get('taxonomy_term')?.has(candidate) ? candidate : null);
      if (!parent) {
        log.add({
          ...base,
          severity: 'repaired',
          column: 'parent_id',
          value: key,
          reason: `parent_id points at taxonomy_term "${key}", which is not in the package or the database; link dropped`,
        });
      }
      data.parent_id = parent;
    }
    resolved.set(table, dedupeById(out));
  }
  return { tables: resolved, sources };
}

async function loadTermKeys(
  db: Kysely<Database>,
  rows: Map<string, CleanRow> | undefined,
  accepted: Map<TableName, Map<string, string>>,
  termKeys: Map<string, string>,
) {
  const taxonomyIds = new Set<string>();
  for (const row of rows?.values() ?? []) {
    const raw = row.data.taxonomy_id;
    const id = raw == null ? undefined : (accepted.get('taxonomy')!.get(String(raw)) ?? String(raw));
    if (id) taxonomyIds.add(id);
  }
  const ids = [...taxonomyIds].filter((id) => /^[0-9a-f-]{36}$/i.test(id));
  if (!ids.length) return;
  const existing = await db
    .selectFrom('taxonomy_term')
    .select(['id', 'taxonomy_id', 'code'])
    .where('taxonomy_id', 'in', ids)
    .execute();
  for (const term of existing)
    if (term.code != null) termKeys.set(`${term.taxonomy_id}|${term.code}`, term.id);
}

/** Two source rows that resolved to one id (same term twice): keep the first. */
function dedupeById(rows: Row[]): Row[] {
  const seen = new Set<string>();
  return rows.filter((row) => {
    const id = String(row.id);
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}
