/** Page titles in the page's language: "<page> · <site name>". */
import type { MetaDescriptor } from '@remix-run/node';
import { FALLBACK_ROOT_DATA, type RootData } from './root-data';

interface MatchLike {
  id: string;
  data: unknown;
}

export function rootDataFromMatches(matches: readonly MatchLike[]): RootData {
  const root = matches.find((match) => match.id === 'root')?.data as RootData | undefined;
  return root ?? FALLBACK_ROOT_DATA;
}

export function pageMeta(root: RootData, title: string | null, description?: string): MetaDescriptor[] {
  const full = title ? `${title} · ${root.config.siteName}` : root.config.siteName;
  const tags: MetaDescriptor[] = [{ title: full }];
  if (description) tags.push({ name: 'description', content: description });
  return tags;
}
