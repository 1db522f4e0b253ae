/**
 * Keyword text as websearch_to_tsquery will read it. PostgreSQL's tsquery parser keeps its
 * operators on a 32-deep stack: a run of 33 or more negations ("---…-", "- - - …") raises
 * "tsquery stack too small" instead of returning a query. A run of `-` (with or without spaces
 * between) means no more than one `-`, so each run is folded into one before parsing.
 */
export function websearchText(keyword: string): string {
  return keyword.replace(/-[\s-]*-/g, '-');
}
