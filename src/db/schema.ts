import type { Generated, Selectable } from 'kysely';

/** Timestamps are ISO-8601 UTC text (`toISOString()`), dates are `YYYY-MM-DD`, booleans are 0/1 integers. */
export type Timestamp = string;

export interface UsersTable {
  id: string;
  email: string;
  name: string;
  role: string | null;
  status: string;
  password_hash: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  password_changed_at: Timestamp | null;
  deactivated_at: Timestamp | null;
}

export interface LoginSessionsTable {
  id: string;
  user_id: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
}

export interface UserTokensTable {
  id: string;
  user_id: string;
  purpose: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: Timestamp | null;
}

/** Failed sign-ins per hashed key (account, device, address) and when the next attempt may be made. */
export interface SignInBackoffsTable {
  key: string;
  failures: number;
  last_failure_at: Timestamp;
  blocked_until: Timestamp;
}

/** Fixed-window counters for public forms, per hashed key. */
export interface RateLimitsTable {
  key: string;
  hits: number;
  window_started_at: Timestamp;
}

/** Secrets the server makes for itself on first use, so every process shares them. */
export interface ServerSecretsTable {
  name: string;
  value: string;
  created_at: Timestamp;
}

export interface AuditEventsTable {
  id: string;
  occurred_at: Timestamp;
  actor_user_id: string | null;
  action: string;
  subject_user_id: string | null;
  target_type: string | null;
  target_id: string | null;
  ip: string | null;
  details: string | null;
}

export interface OutboxMessagesTable {
  id: string;
  created_at: Timestamp;
  to_address: string;
  subject: string;
  body_text: string;
}

export interface CrisisContactsTable {
  id: string;
  name: string;
  how_to_reach: string;
  hours: string;
  nations: string;
  notes: string | null;
  last_checked_on: string;
  position: number;
  updated_at: Timestamp;
}

export interface ProgrammesTable {
  id: string;
  slug: string;
  title: string;
  draft_json: string;
  draft_revision: number;
  latest_version: number;
  created_at: Timestamp;
  updated_at: Timestamp;
  updated_by: string | null;
}

export interface ProgrammeVersionsTable {
  id: string;
  programme_id: string;
  number: number;
  snapshot_json: string;
  published_at: Timestamp;
  published_by: string | null;
  note: string | null;
}

export interface StoredFilesTable {
  storage_key: string;
  programme_id: string | null;
  filename: string;
  mime: string;
  size_bytes: number;
  sha256: string;
  created_at: Timestamp;
  created_by: string | null;
}

export interface CurriculumSearchTable {
  id: string;
  programme_id: string;
  module_id: string;
  session_id: string | null;
  audience: string;
  title: string;
  body: string;
}

export interface CohortsTable {
  id: string;
  name: string;
  programme_id: string;
  version_number: number;
  /**
   * The plan: the modules this cohort takes, in its order, as a JSON list of { programmeId, version,
   * moduleId } (a plan may draw on several programmes, each pinned to one published version). Rows
   * written before that hold module ids of the cohort's own programme, comma-separated; see
   * `readPlanModules` in src/features/cohorts/plan.ts. `programme_id` and `version_number` are the
   * programme the cohort delivers.
   */
  plan_modules: string;
  mode: string;
  venue: string;
  joining_link: string;
  capacity: number | null;
  starts_on: string;
  ends_on: string;
  attendance_threshold: number;
  time_zone: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  created_by: string | null;
  /** 1 while the public expression-of-interest form is open. */
  interest_open: Generated<number>;
}

export interface CohortMembersTable {
  id: string;
  cohort_id: string;
  user_id: string;
  role: string;
  is_lead: number;
  lived_experience: number;
  created_at: Timestamp;
}

export interface CohortSessionsTable {
  id: string;
  cohort_id: string;
  position: number;
  /** The programme the session comes from; null on rows written before plans could mix programmes, meaning the cohort's own. */
  programme_id: string | null;
  module_id: string;
  session_id: string;
  starts_at: Timestamp | null;
  duration_minutes: number | null;
  place: string;
  bring: string;
  /** Bumped at every reschedule, so calendars update the event rather than add one. */
  sequence: number;
  updated_at: Timestamp;
}

export interface AttendanceMarksTable {
  cohort_session_id: string;
  user_id: string;
  status: string;
  marked_by: string | null;
  marked_at: Timestamp;
}

export interface CalendarFeedsTable {
  user_id: string;
  token_hash: string;
  created_at: Timestamp;
}

export interface GroupAgreementsTable {
  id: string;
  cohort_id: string;
  version: number;
  text: string;
  created_by: string | null;
  created_at: Timestamp;
}

export interface AgreementAcknowledgementsTable {
  agreement_id: string;
  user_id: string;
  acknowledged_at: Timestamp;
}

export interface SessionNotesTable {
  cohort_session_id: string;
  user_id: string;
  /** 'private' (the facilitator's own notes) or 'debrief' (their reflection after the session). */
  kind: string;
  text: string;
  updated_at: Timestamp;
}

export interface SessionPlansTable {
  cohort_session_id: string;
  text: string;
  updated_by: string | null;
  updated_at: Timestamp;
}

export interface CohortInterestTable {
  id: string;
  cohort_id: string;
  name: string;
  email: string;
  why_now: string;
  /** waiting, offered, accepted, declined */
  status: string;
  token_hash: string | null;
  created_at: Timestamp;
  offered_at: Timestamp | null;
  responded_at: Timestamp | null;
}

export interface ConsentRecordsTable {
  id: string;
  user_id: string;
  purpose: string;
  text_version: number;
  given_at: Timestamp;
  withdrawn_at: Timestamp | null;
}

export interface StoriesTable {
  id: string;
  user_id: string;
  title: string;
  shared: number;
  current_version: number;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface StoryVersionsTable {
  id: string;
  story_id: string;
  user_id: string;
  number: number;
  text: string;
  created_at: Timestamp;
}

export interface StoryCommentsTable {
  id: string;
  story_id: string;
  owner_id: string;
  author_id: string;
  text: string;
  created_at: Timestamp;
}

export interface PendingSavesTable {
  id: string;
  user_id: string;
  path: string;
  fields_json: string;
  created_at: Timestamp;
}

export interface SafeguardingLeadsTable {
  user_id: string;
  added_by: string | null;
  added_at: Timestamp;
}

export interface SafeguardingConcernsTable {
  id: string;
  cohort_id: string;
  subject_user_id: string;
  raised_by: string;
  what_happened: string;
  /** yes, no or unsure */
  immediate_risk: string;
  action_taken: string;
  created_at: Timestamp;
  acknowledged_by: string | null;
  acknowledged_at: Timestamp | null;
  outcome: string | null;
  outcome_at: Timestamp | null;
}

export interface JournalEntriesTable {
  id: string;
  user_id: string;
  cohort_session_id: string | null;
  title: string;
  text: string;
  shared: number;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface WellbeingPlansTable {
  user_id: string;
  keeps_me_well: string;
  early_signs: string;
  what_helps: string;
  who_to_contact: string;
  shared: number;
  updated_at: Timestamp;
}

export interface ItemCommentsTable {
  id: string;
  /** 'journal' or 'wellbeing' (stories keep their own comments table). */
  item_type: string;
  item_id: string;
  owner_id: string;
  author_id: string;
  text: string;
  created_at: Timestamp;
}

export interface ReadinessConversationsTable {
  id: string;
  cohort_id: string;
  participant_id: string;
  facilitator_id: string;
  /** ready, ready_with_support, not_now */
  outcome: string;
  signposted_to: string;
  agreed_note: string;
  created_at: Timestamp;
}

export interface StocktakesTable {
  id: string;
  user_id: string;
  cohort_id: string;
  /** Question id → answer. */
  answers_json: string;
  shared: number;
  updated_at: Timestamp;
}

export interface ConsentTextsTable {
  id: string;
  purpose: string;
  version: number;
  text: string;
  withdraw_effect: string;
  created_at: Timestamp;
  created_by: string | null;
}

export interface DB {
  users: UsersTable;
  login_sessions: LoginSessionsTable;
  user_tokens: UserTokensTable;
  sign_in_backoffs: SignInBackoffsTable;
  rate_limits: RateLimitsTable;
  server_secrets: ServerSecretsTable;
  audit_events: AuditEventsTable;
  outbox_messages: OutboxMessagesTable;
  crisis_contacts: CrisisContactsTable;
  programmes: ProgrammesTable;
  programme_versions: ProgrammeVersionsTable;
  stored_files: StoredFilesTable;
  curriculum_search: CurriculumSearchTable;
  cohorts: CohortsTable;
  cohort_members: CohortMembersTable;
  cohort_sessions: CohortSessionsTable;
  attendance_marks: AttendanceMarksTable;
  calendar_feeds: CalendarFeedsTable;
  group_agreements: GroupAgreementsTable;
  agreement_acknowledgements: AgreementAcknowledgementsTable;
  session_notes: SessionNotesTable;
  session_plans: SessionPlansTable;
  cohort_interest: CohortInterestTable;
  consent_records: ConsentRecordsTable;
  stories: StoriesTable;
  story_versions: StoryVersionsTable;
  story_comments: StoryCommentsTable;
  pending_saves: PendingSavesTable;
  safeguarding_leads: SafeguardingLeadsTable;
  safeguarding_concerns: SafeguardingConcernsTable;
  journal_entries: JournalEntriesTable;
  wellbeing_plans: WellbeingPlansTable;
  item_comments: ItemCommentsTable;
  readiness_conversations: ReadinessConversationsTable;
  stocktakes: StocktakesTable;
  consent_texts: ConsentTextsTable;
  credential_keys: CredentialKeysTable;
  certificates: CertificatesTable;
  accredited_awards: AccreditedAwardsTable;
}

export type User = Selectable<UsersTable>;
export type CrisisContact = Selectable<CrisisContactsTable>;
export type OutboxMessage = Selectable<OutboxMessagesTable>;

/** Keys that sign Open Badges credentials; the private half sealed with a server secret (ADR 21). */
export interface CredentialKeysTable {
  id: string;
  /** The public key as a JSON Web Key, published at the issuer profile. */
  public_jwk: string;
  /** The private key (PKCS#8 PEM) sealed by `src/lib/secret-box.ts`. */
  private_key_sealed: string;
  created_at: Timestamp;
}

/** A certificate of completion and the Open Badges credential issued with it. */
export interface CertificatesTable {
  id: string;
  /** The verification code printed on the certificate; the public page's address. */
  code: string;
  user_id: string;
  cohort_id: string;
  programme_id: string;
  /** Name and programme as they were at issue, so the certificate and its page always agree. */
  recipient_name: string;
  programme_title: string;
  completed_on: string;
  /** What the completion rested on at issue (attendance now; passed assignments later), as JSON. */
  basis_json: string;
  /** The signed credential (compact JWS), exactly as handed to the participant. */
  credential_jwt: string;
  key_id: string;
  issued_at: Timestamp;
  issued_by: string | null;
  revoked_at: Timestamp | null;
  revoked_by: string | null;
  revoked_reason: string | null;
}

/** An accredited award made by an awarding body, recorded by a coordinator. */
export interface AccreditedAwardsTable {
  id: string;
  user_id: string;
  cohort_id: string;
  title: string;
  level: string;
  credits: number | null;
  awarding_body: string;
  awarded_on: string;
  recorded_by: string | null;
  recorded_at: Timestamp;
}
