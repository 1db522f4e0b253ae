/**
 * Client data is not readable at rest (issue 13): after a referral whose every client field,
 * message and decline note holds a sentinel string, a pg_dump of the PostgreSQL database and a
 * byte scan of a file-backed PGlite data directory contain no sentinel — while a plain column
 * written at the same time (the service's name) is found, so the scan itself can find text.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { describe, expect, inject, it } from 'vitest';
import { makeKeyring } from '../../app/referrals/crypto.server';
import {
  addMessage,
  changeStatus,
  findReferrableService,
  findReferral,
  readClientData,
  sendReferral,
} from '../../app/referrals/referrals.server';
import { createDatabase } from '../../db/index';
import { migrateToLatest } from '../../db/migrate';
import type { Database } from '../../db/types';
import { pgBin } from '../../scripts/lib/pg-bin';
import { availableEngines, createTestDatabase } from '../helpers/db';
import { createOrganization, createStaff } from '../helpers/staff';

const SENTINEL = 'ZQXSENTINEL4711';
const CONTROL = 'Clinica Plaintext Control 4711';

async function writeReferral(db: Kysely<Database>) {
  const keyring = makeKeyring(randomBytes(32));
  const agency = await createOrganization(db, 'Scan Agency');
  const shelter = await createOrganization(db, 'Scan Shelter');
  const caseworker = await createStaff(db, 'cw@scan.test', 'caseworker', agency);
  const editor = await createStaff(db, 'editor@scan.test', 'editor', shelter);
  const serviceRow = await db
    .insertInto('service')
    .values({ organization_id: shelter, name: CONTROL })
    .returning('id')
    .executeTakeFirstOrThrow();
  const service = (await findReferrableService(db, serviceRow.id))!;
  const mail = { siteName: 'Haven', baseUrl: 'http://haven.test' };
  const id = await sendReferral(
    db,
    keyring,
    {
      service,
      senderAccountId: caseworker,
      senderOrganizationId: agency,
      clientLanguage: 'es',
      client: { reference: `${SENTINEL}-ref`, contact: `${SENTINEL}-contact`, notes: `${SENTINEL}-notes` },
    },
    mail,
  );
  const referral = (await findReferral(db, id))!;
  await addMessage(
    db,
    keyring,
    { referral, actorId: caseworker, side: 'sender', text: `${SENTINEL}-msg` },
    mail,
  );
  await changeStatus(
    db,
    keyring,
    { referral, actorId: editor, status: 'declined', reason: 'other', reasonText: `${SENTINEL}-why` },
    mail,
  );
  // Reads are audited: the audit trail must not copy what was read.
  const read = await readClientData(db, keyring, id, editor);
  expect(read.client!.reference).toBe(`${SENTINEL}-ref`);
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    return statSync(file).isDirectory() ? filesUnder(file) : [file];
  });
}

describe('client data at rest', () => {
  for (const engine of availableEngines()) {
    it(`${engine}: the stored database holds no sentinel, only ciphertext`, async () => {
      if (engine === 'postgres') {
        const database = await createTestDatabase('postgres');
        try {
          await writeReferral(database.db);
          const dump = execFileSync(pgBin('pg_dump'), ['--no-owner', '--dbname', database.url!], {
            maxBuffer: 512 * 1024 * 1024,
          });
          expect(dump.includes(CONTROL)).toBe(true);
          expect(dump.includes(SENTINEL)).toBe(false);
        } finally {
          await database.close();
        }
        return;
      }
      const dir = mkdtempSync(path.join(tmpdir(), 'haven-scan-'));
      try {
        // The migrated template, unpacked into a directory on disk (migrating afresh takes a minute).
        const template = new Blob([readFileSync(inject('pgliteTemplatePath'))]);
        const handle = await createDatabase({ pgliteDir: dir, pgliteDataDir: template });
        try {
          await migrateToLatest(handle.db);
          await writeReferral(handle.db);
          await handle.pglite!.query('checkpoint');
        } finally {
          await handle.close();
        }
        const files = filesUnder(dir);
        const bytes = (needle: string) =>
          files.filter((file) => readFileSync(file).includes(Buffer.from(needle, 'utf8')));
        expect(bytes(CONTROL).length).toBeGreaterThan(0);
        expect(bytes(SENTINEL)).toEqual([]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }, 120_000);
  }
});
