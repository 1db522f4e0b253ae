/**
 * The console summary of an import: a few dozen lines whatever the report holds (the full
 * list of problems goes to `--report`). Per-table counts, placeholders, the first conflicts,
 * pruned services, ignored files and the most frequent kinds of issue.
 */
import type { ImportReport } from './report';

/** At most this many kinds of issue, conflicts and ignored files are printed. */
export const SUMMARY_LIMITS = { issues: 40, conflicts: 10, ignoredFiles: 10, reasonChars: 160 } as const;

export function summaryLines(report: ImportReport): string[] {
  const lines: string[] = [];
  const out = (line: string) => lines.push(line);
  out(
    `\n${report.dryRun ? 'Dry run (nothing written) of' : 'Imported'} ${report.source} (${report.format}) in ${(report.durationMs / 1000).toFixed(1)} s${report.pending ? ' as pending' : ''}`,
  );
  for (const [table, counts] of Object.entries(report.tables)) {
    const sync = report.sync[table as keyof ImportReport['sync']];
    out(
      `  ${table.padEnd(20)} read ${String(counts.read).padStart(7)}  imported ${String(counts.imported).padStart(7)}  rejected ${String(counts.rejected).padStart(6)}${counts.created ? `  created ${counts.created}` : ''}${sync ? `  (new ${sync.new}, updated ${sync.updated}, unchanged ${sync.unchanged})` : ''}`,
    );
  }
  if (report.placeholders.length)
    out(`\n${report.placeholders.length} placeholder organization(s) created, pending review`);
  if (report.conflicts.length) {
    out(`\n${report.conflicts.length} field(s) edited in Haven kept over the package's value:`);
    for (const conflict of report.conflicts.slice(0, SUMMARY_LIMITS.conflicts))
      out(`  ${conflict.table} ${conflict.sourceId ?? conflict.id}.${conflict.column}`);
    if (report.conflicts.length > SUMMARY_LIMITS.conflicts)
      out(`  … ${report.conflicts.length - SUMMARY_LIMITS.conflicts} more (see --report)`);
  }
  if (report.pruned.service)
    out(`\n${report.pruned.service} service(s) missing from the package marked inactive`);
  for (const file of report.ignoredFiles.slice(0, SUMMARY_LIMITS.ignoredFiles))
    out(`  ignored ${file.file} (${file.rows} rows): ${file.reason}`);
  if (report.ignoredFiles.length > SUMMARY_LIMITS.ignoredFiles)
    out(`  … ${report.ignoredFiles.length - SUMMARY_LIMITS.ignoredFiles} more ignored files (see --report)`);
  if (report.summary.length) {
    out('\nIssues:');
    for (const entry of report.summary.slice(0, SUMMARY_LIMITS.issues))
      out(
        `  ${entry.severity.padEnd(8)} ${String(entry.count).padStart(7)} × ${entry.reason.slice(0, SUMMARY_LIMITS.reasonChars)}`,
      );
    if (report.summary.length > SUMMARY_LIMITS.issues)
      out(`  … ${report.summary.length - SUMMARY_LIMITS.issues} more kinds (see --report)`);
  }
  return lines;
}
