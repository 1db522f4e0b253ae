/**
 * /staff/shortlists/<id>/pdf?lang=es — the handout as a PDF download, drawn on the server
 * (app/shortlists/handout-pdf.server.ts). Never cached: it is a staff page's content.
 */
import type { LoaderFunctionArgs } from '@remix-run/node';
import { requireCasework, requireUser } from '~/accounts/permissions.server';
import { renderHandoutPdf } from '~/shortlists/handout-pdf.server';
import { requestedHandout } from '~/shortlists/handout.server';

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireCasework(await requireUser(request, context));
  const found = await requestedHandout(context.db, request, {
    id: params.id ?? '',
    user,
    config: context.config,
  });
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
