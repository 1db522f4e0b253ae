/**
 * The one rule for a service's summary (result cards, the organization page's service list):
 * the description with whitespace collapsed, cut at a word boundary before `max` characters.
 */
export function summarize(description: string, max = 200): string {
  const text = description.replace(/\s+/g, ' ').trim();
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd().replace(/[.,;:]$/, '')}…`;
}
