/**
 * Journey 7, public corrections (issue 12), over real HTTP on both engines: anyone reports a
 * problem without an account (neutral confirmation); the honeypot and the rate limit; no
 * column that could hold anything about the reporter; the owning organization's queue and the
 * admins' queue, with accept (to the editor), dismiss with a reason and spam, all audited;
 * another organization gets 404 and a caseworker 403.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { correctionSuggestion } from '../../app/corrections/corrections.server';
import { PER_SERVICE_LIMIT } from '../../app/corrections/rate-limit.server';
import { correctionMessages } from '../../app/i18n/messages/corrections';
import { type RunningApp, startTestApp } from '../helpers/app';
import { describeEachEngine } from '../helpers/db';
import { createService } from '../helpers/fixtures';
import { createOrganization, createStaff, postForm, signIn } from '../helpers/staff';

const en = correctionMessages.en;

describeEachEngine('public corrections', (t) => {
  let app: RunningApp;
  let orgA: string;
  let orgB: string;
  let serviceA: string;
  let serviceB: string;
  beforeAll(async () => {
    app = await startTestApp(t.db);
    orgA = await createOrganization(t.db, 'Casa Amiga');
    orgB = await createOrganization(t.db, 'Other Shelter');
    serviceA = await createService(t.db, { organizationId: orgA, name: 'Legal clinic' });
    serviceB = await createService(t.db, { organizationId: orgB, name: 'Night shelter' });
  });
  afterAll(() => app.stop());

  const report = (serviceId: string, fields: Record<string, string>) =>
    postForm(`${app.baseUrl}/services/${serviceId}/report`, fields);
  const rows = (serviceId: string) =>
    t.db.selectFrom('suggestion').selectAll().where('service_id', '=', serviceId).execute();

  it('anyone reports a problem without an account and gets a neutral confirmation', async () => {
    const form = await fetch(`${app.baseUrl}/services/${serviceA}/report?hl=es`);
    expect(form.status).toBe(200);
    expect(form.headers.get('set-cookie')).toBeNull();
    const html = await form.text();
    expect(html).toContain(correctionMessages.es.kindLegend);
    expect(html).toContain('Legal clinic');

    const sent = await report(serviceA, {
      kind: 'phone',
      note: 'The number is now 713-555-0100',
      website: '',
    });
    expect(sent.status).toBe(200);
    expect(await sent.text()).toContain(en.reportThanks);
    expect(sent.headers.get('set-cookie')).toBeNull();
    const stored = await rows(serviceA);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      organization_id: orgA,
      kind: 'phone',
      field_name: 'phones',
      body: 'The number is now 713-555-0100',
      status: 'open',
    });
    // Nothing about the reporter anywhere in the row.
    expect(JSON.stringify(stored[0])).not.toContain('127.0.0.1');
  });

  it('the suggestion table has no column that could hold anything about the reporter', async () => {
    const columns = await t.db
      .selectFrom('information_schema.columns' as never)
      .select('column_name' as never)
      .where('table_name' as never, '=', 'suggestion' as never)
      .execute();
    expect((columns as Array<{ column_name: string }>).map((column) => column.column_name).sort()).toEqual(
      [
        'body',
        'created_at',
        'decision_reason',
        'field_name',
        'id',
        'kind',
        'organization_id',
        'resolved_at',
        'resolved_by',
        'service_id',
        'status',
      ].sort(),
    );
  });

  it('bad input is a 400 naming the field; a non-public listing cannot be reported', async () => {
    const noKind = await report(serviceA, { note: 'hello' });
    expect(noKind.status).toBe(400);
    expect(await noKind.text()).toContain(en.kindRequired);
    const otherWithoutNote = await report(serviceA, { kind: 'other', note: '   ' });
    expect(otherWithoutNote.status).toBe(400);
    const text = await otherWithoutNote.text();
    expect(text).toContain(en.noteRequired);
    expect(text).toContain('aria-invalid="true"');
    const tooLong = await report(serviceA, { kind: 'moved', note: 'x'.repeat(2001) });
    expect(tooLong.status).toBe(400);
    expect(await tooLong.text()).toContain(en.noteTooLong);
    expect(await rows(serviceA)).toHaveLength(1);

    const pending = await createService(t.db, { organizationStatus: 'pending', name: 'Not yet public' });
    expect((await fetch(`${app.baseUrl}/services/${pending}/report`)).status).toBe(404);
    expect((await report(pending, { kind: 'closed' })).status).toBe(404);
    expect((await fetch(`${app.baseUrl}/services/not-a-uuid/report`)).status).toBe(404);
  });

  it('a filled honeypot gets the same confirmation and stores nothing', async () => {
    const response = await report(serviceB, {
      kind: 'other',
      note: 'cheap pills',
      website: 'http://spam.example',
    });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain(en.reportThanks);
    expect(await rows(serviceB)).toHaveLength(0);
  });

  it('rate-limits reports of one listing from one address (in memory, nothing stored)', async () => {
    const serviceId = await createService(t.db, { organizationId: orgB, name: 'Rate limited' });
    for (let i = 0; i < PER_SERVICE_LIMIT; i += 1)
      expect((await report(serviceId, { kind: 'closed', note: `report ${i}` })).status).toBe(200);
    const refused = await report(serviceId, { kind: 'closed', note: 'one too many' });
    expect(refused.status).toBe(429);
    expect(await refused.text()).toContain(en.reportTooMany);
    expect(await rows(serviceId)).toHaveLength(PER_SERVICE_LIMIT);
    // Another listing is still open to this address.
    expect((await report(serviceB, { kind: 'moved', note: 'Moved to Main St' })).status).toBe(200);
  });

  it('queues: owners and editors see their organization’s, admins all; caseworkers 403; others 404', async () => {
    const ownerA = await createStaff(t.db, 'owner@casa-amiga.example', 'owner', orgA);
    await createStaff(t.db, 'editor@other-shelter.example', 'editor', orgB);
    await createStaff(t.db, 'caseworker@casa-amiga.example', 'caseworker', orgA);
    const adminId = await createStaff(t.db, 'admin@corrections.example', 'admin');
    const cookie = async (email: string) => (await signIn(app.baseUrl, email)).cookie!;
    const queue = (c: string, query = '') =>
      fetch(`${app.baseUrl}/staff/corrections${query}`, { headers: { Cookie: c } });

    const owner = await cookie('owner@casa-amiga.example');
    const ownerPage = await queue(owner);
    expect(ownerPage.status).toBe(200);
    expect(ownerPage.headers.get('cache-control')).toBe('no-store');
    const ownerHtml = await ownerPage.text();
    expect(ownerHtml).toContain('The number is now 713-555-0100');
    expect(ownerHtml).not.toContain('Moved to Main St');

    const editorB = await cookie('editor@other-shelter.example');
    const editorHtml = await (await queue(editorB)).text();
    expect(editorHtml).toContain('Moved to Main St');
    expect(editorHtml).not.toContain('713-555-0100');

    const admin = await cookie('admin@corrections.example');
    const adminHtml = await (await queue(admin)).text();
    expect(adminHtml).toContain('Moved to Main St');
    expect(adminHtml).toContain('713-555-0100');

    const caseworker = await cookie('caseworker@casa-amiga.example');
    expect((await queue(caseworker)).status).toBe(403);
    expect((await queue(admin, '?status=bogus')).status).toBe(400);

    const [correctionA] = await rows(serviceA);
    const decide = (c: string, fields: Record<string, string>) =>
      postForm(`${app.baseUrl}/staff/corrections`, { correctionId: correctionA!.id, ...fields }, c);
    const audits = () =>
      t.db
        .selectFrom('audit_event')
        .select(['action', 'actor_id', 'after'])
        .where('entity_type', '=', 'suggestion')
        .where('entity_id', '=', correctionA!.id)
        .execute();

    // Another organization's editor cannot see or decide it; a caseworker is forbidden.
    expect((await decide(editorB, { decision: 'spam' })).status).toBe(404);
    expect((await decide(caseworker, { decision: 'spam' })).status).toBe(403);
    // Dismissing needs a reason (400, named next to the field).
    const noReason = await decide(owner, { decision: 'dismiss', reason: '' });
    expect(noReason.status).toBe(400);
    expect(await noReason.text()).toContain(en.reasonRequired);
    expect((await decide(owner, { decision: 'maybe' })).status).toBe(400);
    expect(await audits()).toEqual([]);

    // Accept: to the editor with the suggestion, audited.
    const accepted = await decide(owner, { decision: 'accept' });
    expect(accepted.status).toBe(302);
    expect(accepted.headers.get('location')).toBe(
      `/staff/services/${serviceA}/edit?correction=${correctionA!.id}`,
    );
    expect(await correctionSuggestion(t.db, correctionA!.id, serviceA)).toEqual({
      field: 'phones',
      text: 'The number is now 713-555-0100',
    });
    expect(await correctionSuggestion(t.db, correctionA!.id, serviceB)).toBeNull();
    const [acceptEvent] = await audits();
    expect(acceptEvent).toMatchObject({ action: 'correction.accept', actor_id: ownerA });
    // Already handled: 409, nothing more recorded.
    expect((await decide(admin, { decision: 'spam' })).status).toBe(409);
    expect(await audits()).toHaveLength(1);

    // Dismiss with a reason, and spam, by the admin on organization B's reports.
    const [moved] = (await rows(serviceB)).filter((row) => row.body === 'Moved to Main St');
    const dismissed = await postForm(
      `${app.baseUrl}/staff/corrections`,
      { correctionId: moved!.id, decision: 'dismiss', reason: 'We checked: still at the same address.' },
      admin,
    );
    expect(dismissed.status).toBe(200);
    expect(await dismissed.text()).toContain(en.decisionDismissed);
    const [spamTarget] = await t.db
      .selectFrom('suggestion')
      .select('id')
      .where('status', '=', 'open')
      .where('organization_id', '=', orgB)
      .execute();
    const spam = await postForm(
      `${app.baseUrl}/staff/corrections`,
      { correctionId: spamTarget!.id, decision: 'spam' },
      editorB,
    );
    expect(spam.status).toBe(200);
    const decided = await t.db
      .selectFrom('suggestion')
      .select(['id', 'status', 'decision_reason', 'resolved_by'])
      .where('id', 'in', [moved!.id, spamTarget!.id])
      .execute();
    expect(decided.find((row) => row.id === moved!.id)).toMatchObject({
      status: 'dismissed',
      decision_reason: 'We checked: still at the same address.',
      resolved_by: adminId,
    });
    expect(decided.find((row) => row.id === spamTarget!.id)?.status).toBe('spam');
    expect(await correctionSuggestion(t.db, moved!.id, serviceB)).toBeNull();
    const events = await t.db
      .selectFrom('audit_event')
      .select(['action', 'entity_id'])
      .where('action', 'in', ['correction.dismiss', 'correction.spam'])
      .execute();
    expect(events).toEqual(
      expect.arrayContaining([
        { action: 'correction.dismiss', entity_id: moved!.id },
        { action: 'correction.spam', entity_id: spamTarget!.id },
      ]),
    );
    // The dismissed one is listed under "dismissed" with its reason.
    const dismissedHtml = await (await queue(admin, '?status=dismissed')).text();
    expect(dismissedHtml).toContain('We checked: still at the same address.');
  });
});
