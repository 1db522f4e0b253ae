/** Page titles in the page's language: "<page> · <site name>". */
import type { MetaDescriptor, MetaFunction } from '@remix-run/node';
import { type Messages, translator } from '../i18n/i18n';
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

/** A route's `meta` whose title is one message of a catalog, in the page's language. */
export function titleMeta<K extends string>(messages: Messages<K>, key: NoInfer<K>): MetaFunction {
  return ({ matches }) => {
    const root = rootDataFromMatches(matches);
    return pageMeta(root, translator(messages, root.locale)(key));
  };
}
