/**
 * Editing a service as an organization editor does: the one write path for a service's own
 * fields. It checks the optimistic-concurrency version, bumps it, and records the change in
 * the audit trail, so an import that runs later can tell the field was edited in Haven.
 */
import type { Kysely } from 'kysely';
import type { Database, ServiceUpdate } from '../../db/types';

/** The service fields an editor may change through this function. */
export type EditableServiceFields = Pick<
  ServiceUpdate,
  | 'name'
  | 'alternate_name'
  | 'description'
  | 'url'
  | 'email'
  | 'status'
  | 'interpretation_services'
  | 'application_process'
  | 'fees_description'
  | 'wait_time'
  | 'eligibility_description'
  | 'minimum_age'
  | 'maximum_age'
  | 'alert'
>;

export class EditConflictError extends Error {
  constructor(readonly serviceId: string) {
    super(`service ${serviceId} was changed by someone else; reload and try again`);
    this.name = 'EditConflictError';
  }
}

/**
 * Updates a service's fields for `actorId` (null: the system). With `expectedVersion`, the
 * update only applies to that version (else EditConflictError). Returns the new version.
 */
export async function updateServiceFields(
  db: Kysely<Database>,
  serviceId: string,
  changes: EditableServiceFields,
  options: { actorId: string | null; expectedVersion?: number },
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom('service')
      .selectAll()
      .where('id', '=', serviceId)
      .forUpdate()
      .executeTakeFirst();
    if (!before || (options.expectedVersion !== undefined && before.version !== options.expectedVersion))
      throw new EditConflictError(serviceId);
    const { version } = await trx
      .updateTable('service')
      .set((eb) => ({ ...changes, version: eb('version', '+', 1), updated_at: new Date() }))
      .where('id', '=', serviceId)
      .returning('version')
      .executeTakeFirstOrThrow();
    const fields = Object.keys(changes) as Array<keyof EditableServiceFields>;
    await trx
      .insertInto('audit_event')
      .values({
        actor_id: options.actorId,
        action: 'service.update',
        entity_type: 'service',
        entity_id: serviceId,
        // The listing editor's shape (app/listings/editor): per field, the columns it holds.
        before: JSON.stringify(
          Object.fromEntries(fields.map((field) => [field, { [field]: before[field] }])),
        ),
        after: JSON.stringify(
          Object.fromEntries(fields.map((field) => [field, { [field]: changes[field] }])),
        ),
      })
      .execute();
    return version;
  });
}
