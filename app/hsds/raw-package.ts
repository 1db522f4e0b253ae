/**
 * A package as read from disk, before validation: its tables' rows with where each came from.
 * Types only, shared by the reader (read-package.server.ts), the JSON flattener, validation and
 * normalization, so none of them imports another for its types.
 */
import type { SourceRef } from './report';

export interface RawRow {
  values: Record<string, unknown>;
  ref: SourceRef;
  /** From nested JSON: the same object may legitimately appear under several parents. */
  nested?: boolean;
}

export interface RawPackage {
  /** Used to derive ids for rows without UUIDs: datapackage name, else the file name. */
  name: string;
  format: 'tabular' | 'json';
  /** Keyed by file stem or table name ("regular_schedules", "service", …). */
  tables: Map<string, RawRow[]>;
  /** datapackage.json resource names by file stem, for files with unusual names. */
  resourceNames?: Map<string, string>;
  warnings: string[];
}
