/**
 * The answer of an HSDS list path: one page in the HSDS envelope (format=json), or every item
 * from `page` on, one per line, read a page at a time as the client takes them (format=ndjson).
 */
import type { Paging, Listed } from './directory.server';
import { apiJson, apiNdjson, pageEnvelope } from './http.server';

export async function listAnswer(
  request: Request,
  query: { page: number; per_page: number; format: 'json' | 'ndjson' },
  fetchPage: (paging: Paging) => Promise<Listed>,
): Promise<Response> {
  const perPage = query.per_page;
  if (query.format === 'ndjson') {
    return apiNdjson(
      (async function* () {
        for (let page = query.page; ; page++) {
          const { contents } = await fetchPage({ page, perPage });
          if (contents.length > 0) yield contents;
          if (contents.length < perPage) return;
        }
      })(),
    );
  }
  const { contents, total } = await fetchPage({ page: query.page, perPage });
  return apiJson(request, pageEnvelope(contents, total, query.page, perPage));
}
