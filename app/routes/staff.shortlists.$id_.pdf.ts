/**
 * /staff/shortlists/<id>/pdf?lang=es — the handout as a PDF download, drawn on the server
 * (app/shortlists/handout-pdf.server.ts). Never cached: it is a staff page's content.
 */
import { data, type LoaderFunctionArgs } from '@remix-run/node';
import { requireCasework, requireUser } from '~/accounts/permissions.server';
import { renderHandoutPdf } from '~/shortlists/handout-pdf.server';
import { handoutFor } from '~/shortlists/handout.server';

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireCasework(await requireUser(request, context));
  const found = await handoutFor(context.db, {
    id: params.id ?? '',
    user,
    lang: new URL(request.url).searchParams.get('lang'),
    config: context.config,
    now: new Date(),
  });
  if (found === 'not-found') throw data('Not found', { status: 404 });
  if (found === 'bad-lang') throw data('lang: must be en or es', { status: 400 });
  const pdf = await renderHandoutPdf(found.handout);
  return new Response(new Uint8Array(pdf), {
    headers: {
      'Content-Type': 'application/pdf',
      // A neutral file name: never the list's name (it may be a client's alias).
      'Content-Disposition': `attachment; filename="handout-${found.handout.locale}.pdf"`,
      'Content-Length': String(pdf.length),
      'Cache-Control': 'no-store',
    },
  });
}
