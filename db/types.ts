/**
 * Table types for Kysely: the one place that says what each table holds.
 * Kept by hand next to the migrations (db/migrations); HSDS 3.0 field names throughout.
 */
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Version = ColumnType<number, number | undefined, number>;
/** 'YYYY-MM-DD' on read (both engines are configured to return dates as strings). */
type DateString = ColumnType<string, string, string>;

export type VerificationStatus = 'pending' | 'verified' | 'rejected' | 'suspended';
export type ServiceStatus = 'active' | 'inactive' | 'defunct' | 'temporarily closed';
export type DeliveryMode = 'in_person' | 'phone' | 'virtual';
export type Coverage = 'radius' | 'states' | 'nationwide';
export type MembershipRole = 'owner' | 'editor' | 'caseworker';

export interface OrganizationTable {
  id: Generated<string>;
  name: string;
  alternate_name: string | null;
  description: Generated<string>;
  email: string | null;
  website: string | null;
  tax_status: string | null;
  tax_id: string | null;
  year_incorporated: number | null;
  legal_status: string | null;
  logo: string | null;
  uri: string | null;
  parent_organization_id: string | null;
  verification_status: Generated<VerificationStatus>;
  verified_at: Date | string | null;
  verified_by: string | null;
  is_sample: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Version;
}

export interface ServiceTable {
  id: Generated<string>;
  organization_id: string;
  program_id: string | null;
  name: string;
  alternate_name: string | null;
  description: Generated<string>;
  url: string | null;
  email: string | null;
  status: Generated<ServiceStatus>;
  interpretation_services: string | null;
  application_process: string | null;
  fees_description: string | null;
  wait_time: string | null;
  fees: string | null;
  accreditations: string | null;
  eligibility_description: string | null;
  minimum_age: number | null;
  maximum_age: number | null;
  assured_date: DateString | null;
  assurer_email: string | null;
  licenses: string | null;
  alert: string | null;
  last_modified: Date | string | null;
  delivery: ColumnType<DeliveryMode[], DeliveryMode[] | undefined, DeliveryMode[]>;
  last_verified_at: Date | string | null;
  /** When a temporarily closed service reopens (migration 0111). */
  reopens_on: DateString | null;
  /** Denormalized text for keyword search; kept current by app/listings/search-text.server.ts. */
  search_text: Generated<string>;
  search_vector: ColumnType<string, never, never>;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Version;
}

export interface LocationTable {
  id: Generated<string>;
  location_type: Generated<'physical' | 'postal' | 'virtual'>;
  url: string | null;
  organization_id: string | null;
  name: string | null;
  alternate_name: string | null;
  description: string | null;
  transportation: string | null;
  latitude: number | null;
  longitude: number | null;
  external_identifier: string | null;
  external_identifier_type: string | null;
  is_confidential: Generated<boolean>;
  public_latitude: number | null;
  public_longitude: number | null;
  public_area_label: string | null;
  geocode_source: 'source' | 'gazetteer' | 'manual' | 'missing' | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Version;
}

export interface ServiceAtLocationTable {
  id: Generated<string>;
  service_id: string;
  location_id: string;
  description: string | null;
}

export interface AddressTable {
  id: Generated<string>;
  location_id: string;
  attention: string | null;
  address_1: Generated<string>;
  address_2: string | null;
  city: Generated<string>;
  region: string | null;
  state_province: Generated<string>;
  postal_code: Generated<string>;
  country: Generated<string>;
  address_type: Generated<'physical' | 'postal' | 'virtual'>;
}

export interface ContactTable {
  id: Generated<string>;
  organization_id: string | null;
  service_id: string | null;
  service_at_location_id: string | null;
  location_id: string | null;
  name: string | null;
  title: string | null;
  department: string | null;
  email: string | null;
}

export interface PhoneTable {
  id: Generated<string>;
  location_id: string | null;
  service_id: string | null;
  organization_id: string | null;
  contact_id: string | null;
  service_at_location_id: string | null;
  number: string;
  extension: string | null;
  type: 'text' | 'voice' | 'fax' | 'cell' | 'video' | 'pager' | 'textphone' | null;
  description: string | null;
}

export interface ScheduleTable {
  id: Generated<string>;
  service_id: string | null;
  location_id: string | null;
  service_at_location_id: string | null;
  valid_from: DateString | null;
  valid_to: DateString | null;
  dtstart: DateString | null;
  timezone: number | null;
  until: DateString | null;
  count: number | null;
  wkst: string | null;
  freq: 'WEEKLY' | 'MONTHLY' | null;
  interval: number | null;
  byday: string | null;
  byweekno: string | null;
  bymonthday: string | null;
  byyearday: string | null;
  description: string | null;
  /** 'HH:MM:SS' */
  opens_at: string | null;
  closes_at: string | null;
  schedule_link: string | null;
  attending_type: string | null;
  notes: string | null;
  timezone_name: string | null;
}

export interface LanguageTable {
  id: Generated<string>;
  service_id: string | null;
  location_id: string | null;
  phone_id: string | null;
  name: string | null;
  code: string | null;
  note: string | null;
}

export interface AccessibilityTable {
  id: Generated<string>;
  location_id: string | null;
  description: string | null;
  details: string | null;
  url: string | null;
}

export interface ServiceAreaTable {
  id: Generated<string>;
  service_id: string | null;
  service_at_location_id: string | null;
  name: string | null;
  description: string | null;
  extent: string | null;
  extent_type: string | null;
  uri: string | null;
  coverage: Coverage | null;
  coverage_radius_km: number | null;
  coverage_latitude: number | null;
  coverage_longitude: number | null;
  coverage_states: string[] | null;
}

export interface CostOptionTable {
  id: Generated<string>;
  service_id: string;
  valid_from: DateString | null;
  valid_to: DateString | null;
  option: string | null;
  currency: string | null;
  /** numeric: a string on read */
  amount: ColumnType<string | null, string | number | null, string | number | null>;
  amount_description: string | null;
}

export interface RequiredDocumentTable {
  id: Generated<string>;
  service_id: string;
  document: string;
  uri: string | null;
}

export interface TaxonomyTable {
  id: Generated<string>;
  name: string;
  description: Generated<string>;
  uri: string | null;
  version: string | null;
}

export interface TaxonomyTermTable {
  id: Generated<string>;
  code: string | null;
  name: string;
  description: Generated<string>;
  parent_id: string | null;
  taxonomy: string | null;
  language: string | null;
  taxonomy_id: string | null;
  term_uri: string | null;
}

export interface AttributeTable {
  id: Generated<string>;
  link_id: string;
  taxonomy_term_id: string;
  link_type: string | null;
  link_entity: 'service' | 'location' | 'organization' | 'service_at_location' | 'phone' | 'contact';
  value: string | null;
  label: string | null;
}

export interface MetadataTable {
  id: Generated<string>;
  resource_id: string;
  resource_type: string;
  last_action_date: Timestamp;
  last_action_type: string;
  field_name: Generated<string>;
  previous_value: Generated<string>;
  replacement_value: Generated<string>;
  updated_by: Generated<string>;
}

export interface AccountTable {
  id: Generated<string>;
  email: string;
  password_hash: string;
  display_name: string | null;
  is_admin: Generated<boolean>;
  status: Generated<'active' | 'disabled'>;
  locale: Generated<'en' | 'es'>;
  /** null until the person follows the emailed confirmation link (migration 0041). */
  email_confirmed_at: Date | string | null;
  /** AES-256-GCM ciphertext of the TOTP secret (migration 0101); null when never set up. */
  totp_secret: string | null;
  /** When two-factor sign-in was confirmed by a first code; null while setting up or off. */
  totp_enabled_at: Date | string | null;
  /** The last accepted TOTP time step (no code is accepted twice). */
  totp_last_step: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Version;
}

export interface MembershipTable {
  account_id: string;
  organization_id: string;
  role: MembershipRole;
  created_at: Timestamp;
}

export interface SessionTable {
  id: string;
  account_id: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Date | string;
  /** Migration 0101: how far signing in has gone. */
  stage: Generated<SessionStage>;
}

export type SessionStage = 'full' | 'second_factor' | 'enrol';

export interface RecoveryCodeTable {
  id: Generated<number>;
  account_id: string;
  code_hash: string;
  used_at: Date | string | null;
  created_at: Timestamp;
}

export interface LoginAttemptTable {
  id: Generated<number>;
  key: string;
  attempted_at: Timestamp;
}

export interface InvitationTable {
  id: Generated<string>;
  organization_id: string;
  email: string;
  role: MembershipRole;
  token_hash: string;
  invited_by: string | null;
  expires_at: Date | string;
  accepted_at: Date | string | null;
  created_at: Timestamp;
}

export type SuggestionKind = 'phone' | 'closed' | 'moved' | 'other';
export type SuggestionStatus = 'open' | 'accepted' | 'dismissed' | 'spam';

/** A public correction (0003; kind, spam and decision_reason from 0121). Nothing about the reporter. */
export interface SuggestionTable {
  id: Generated<string>;
  service_id: string | null;
  organization_id: string | null;
  field_name: string | null;
  kind: Generated<SuggestionKind>;
  body: string;
  status: Generated<SuggestionStatus>;
  decision_reason: string | null;
  resolved_by: string | null;
  resolved_at: Date | string | null;
  created_at: Timestamp;
}

/** One freshness digest per owner per period ('YYYY-MM'), for `listings:remind` (0121). */
export interface FreshnessReminderTable {
  account_id: string;
  period: string;
  services: number;
  sent_at: Timestamp;
}

export interface AuditEventTable {
  id: Generated<number>;
  actor_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  before: unknown;
  after: unknown;
  created_at: Timestamp;
  /** A revert's event points at the event it undid (migration 0111). */
  reverts_event_id: number | null;
}

/** Where an imported row came from, and its content as imported (migration 0071). */
export interface ImportSourceRowTable {
  table_name: string;
  row_id: string;
  source: string;
  source_id: string;
  content_hash: string;
  imported_values: unknown;
  imported_at: Generated<Timestamp>;
}

/** Mail waiting for (or done with) delivery; written in the transaction of its action (0041). */
export interface MailOutboxTable {
  id: Generated<number>;
  recipient: string;
  locale: 'en' | 'es';
  kind: string;
  subject: string;
  body: string;
  status: Generated<'pending' | 'sent' | 'failed'>;
  attempts: Generated<number>;
  next_attempt_at: Timestamp;
  last_error: string | null;
  created_at: Timestamp;
  sent_at: Date | string | null;
}

/** Single-use emailed tokens; id = SHA-256 of the token (0041). */
export interface AccountTokenTable {
  id: string;
  account_id: string;
  purpose: 'confirm_email' | 'password_reset';
  expires_at: Date | string;
  used_at: Date | string | null;
  created_at: Timestamp;
}

/** What an organization said when it asked to be listed, and the admin's review (0041). */
export interface OrganizationRequestTable {
  organization_id: string;
  requested_by: string | null;
  contact_name: string;
  phone: string;
  categories: string[];
  service_area: string;
  statement: string;
  decision_note: string | null;
  decided_by: string | null;
  decided_at: Date | string | null;
  info_requested_at: Date | string | null;
  created_at: Timestamp;
}

/** Derived, trigger-maintained: one row per public (service, location) pair (migration 0006). */
/** A caseworker's named list of services (migration 0141). */
export interface ShortlistTable {
  id: Generated<string>;
  owner_id: string;
  name: string;
  /** Members of this organization may read the list (set by an owner of it); null: private. */
  shared_organization_id: string | null;
  handout_locale: Generated<'en' | 'es'>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ShortlistItemTable {
  shortlist_id: string;
  service_id: string;
  /** 1-based order within the list. */
  position: number;
  note: Generated<string>;
  created_at: Timestamp;
}

export interface SearchPointTable {
  service_id: string;
  location_id: string;
  latitude: number;
  longitude: number;
  /** ll_to_earth(latitude, longitude) */
  earth: string;
  service_name: string;
  categories: string[];
  populations: string[];
  languages: string[];
  delivery: DeliveryMode[];
  free: boolean;
}

export type ReferralStatus =
  'sent' | 'accepted' | 'declined' | 'contacted' | 'in_progress' | 'completed' | 'did_not_attend';

/** A referral (migration 0131); client fields only as ciphertext in client_data. */
export interface ReferralTable {
  id: Generated<string>;
  service_id: string | null;
  service_name: string;
  categories: ColumnType<string[], string[] | undefined, string[]>;
  sender_account_id: string | null;
  sender_organization_id: string;
  receiver_organization_id: string;
  status: Generated<ReferralStatus>;
  client_language: string;
  consent_at: Date | string;
  consent_by: string | null;
  consent_version: string;
  key_id: string | null;
  /** pg returns a Buffer, PGlite a Uint8Array. */
  client_data: Uint8Array | null;
  sent_at: Timestamp;
  accepted_at: Date | string | null;
  acted_at: Date | string | null;
  closed_at: Date | string | null;
  purged_at: Date | string | null;
  updated_at: Timestamp;
  version: Version;
}

/** A referral's timeline: status changes and messages (message text only as ciphertext). */
export interface ReferralEventTable {
  id: Generated<number>;
  referral_id: string;
  kind: 'status' | 'message';
  status: ReferralStatus | null;
  reason: string | null;
  actor_id: string | null;
  side: 'sender' | 'receiver';
  key_id: string | null;
  body_data: Uint8Array | null;
  created_at: Timestamp;
}

export interface Database {
  organization: OrganizationTable;
  service: ServiceTable;
  location: LocationTable;
  service_at_location: ServiceAtLocationTable;
  address: AddressTable;
  contact: ContactTable;
  phone: PhoneTable;
  schedule: ScheduleTable;
  language: LanguageTable;
  accessibility: AccessibilityTable;
  service_area: ServiceAreaTable;
  cost_option: CostOptionTable;
  required_document: RequiredDocumentTable;
  taxonomy: TaxonomyTable;
  taxonomy_term: TaxonomyTermTable;
  attribute: AttributeTable;
  metadata: MetadataTable;
  account: AccountTable;
  membership: MembershipTable;
  session: SessionTable;
  login_attempt: LoginAttemptTable;
  invitation: InvitationTable;
  suggestion: SuggestionTable;
  audit_event: AuditEventTable;
  search_point: SearchPointTable;
  import_source_row: ImportSourceRowTable;
  mail_outbox: MailOutboxTable;
  account_token: AccountTokenTable;
  recovery_code: RecoveryCodeTable;
  organization_request: OrganizationRequestTable;
  freshness_reminder: FreshnessReminderTable;
  referral: ReferralTable;
  referral_event: ReferralEventTable;
  shortlist: ShortlistTable;
  shortlist_item: ShortlistItemTable;
}

export type Organization = Selectable<OrganizationTable>;
export type NewOrganization = Insertable<OrganizationTable>;
export type OrganizationUpdate = Updateable<OrganizationTable>;
export type Service = Selectable<ServiceTable>;
export type NewService = Insertable<ServiceTable>;
export type ServiceUpdate = Updateable<ServiceTable>;
export type Location = Selectable<LocationTable>;
export type NewLocation = Insertable<LocationTable>;
export type Schedule = Selectable<ScheduleTable>;
export type NewSchedule = Insertable<ScheduleTable>;
export type TaxonomyTerm = Selectable<TaxonomyTermTable>;
