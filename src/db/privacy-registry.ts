/**
 * Every table, what kind of data it holds, whose it is, and how long it is kept.
 * A test fails when a migration creates a table that is not declared here; subject-access export,
 * erasure and retention are built on this list.
 */
export type DataCategory = 'account' | 'learning' | 'health' | 'assessment_evidence' | 'operational';

export type RetentionClass =
  | 'while_account_active' // deleted (or anonymised) when the account is erased
  | 'short_lived' // tokens, login sessions, throttles: minutes to days, swept routinely
  | 'audit' // kept for the audit period (default six years), then deleted
  | 'operational' // organisational reference data, not about a person
  | 'mail_log'; // copies of sent mail, kept briefly

export interface TableDeclaration {
  category: DataCategory;
  /** The column naming the person the row is about, and whether it holds a user id or an email address. */
  person: { column: string; kind: 'user_id' | 'email' } | null;
  retention: RetentionClass;
  /** One line on what the table holds, for the record of processing. */
  purpose: string;
  /**
   * Set when a subject-access download must not simply hand over the rows, with the reason shown in
   * its place (for example safeguarding records, which the data protection lead reviews first).
   */
  reviewBeforeRelease?: string;
  /** The audit log's target type for this table's rows, so audit events about held-back rows are held back too. */
  auditTargetType?: string;
}

export const privacyRegistry: Record<string, TableDeclaration> = {
  users: {
    category: 'account',
    person: { column: 'id', kind: 'user_id' },
    retention: 'while_account_active',
    purpose: 'Accounts: name, email address, organisation role, password hash.',
  },
  login_sessions: {
    category: 'account',
    person: { column: 'user_id', kind: 'user_id' },
    retention: 'short_lived',
    purpose: 'Signed-in browsers, so a person stays signed in.',
  },
  user_tokens: {
    category: 'account',
    person: { column: 'user_id', kind: 'user_id' },
    retention: 'short_lived',
    purpose: 'Single-use invitation and password reset tokens (hashed).',
  },
  sign_in_backoffs: {
    category: 'operational',
    person: null,
    retention: 'short_lived',
    purpose: 'Counts of failed sign-ins per hashed account, device or network address, to slow password guessing.',
  },
  rate_limits: {
    category: 'operational',
    person: null,
    retention: 'short_lived',
    purpose: 'Counts of recent requests per hashed email or network address, to limit public forms such as password reset.',
  },
  server_secrets: {
    category: 'operational',
    person: null,
    retention: 'operational',
    purpose: 'Keys the server made for itself, such as the one that signs device cookies.',
  },
  audit_events: {
    category: 'operational',
    person: { column: 'subject_user_id', kind: 'user_id' },
    retention: 'audit',
    purpose: 'Who did what and when: sign-ins, role changes, reads of health data.',
  },
  outbox_messages: {
    category: 'account',
    person: { column: 'to_address', kind: 'email' },
    retention: 'mail_log',
    purpose: 'Email kept in the app when no mail server is configured.',
  },
  programmes: {
    category: 'learning',
    person: null,
    retention: 'operational',
    purpose: 'Curriculum: each programme and its draft, written by the programme team.',
  },
  programme_versions: {
    category: 'learning',
    person: null,
    retention: 'operational',
    purpose: 'Published versions of each programme, frozen so cohorts can rely on them.',
  },
  stored_files: {
    category: 'learning',
    person: null,
    retention: 'operational',
    purpose: 'Exercise files attached to sessions.',
  },
  curriculum_search: {
    category: 'learning',
    person: null,
    retention: 'operational',
    purpose: 'A search index of published curriculum text.',
  },
  cohorts: {
    category: 'learning',
    person: null,
    retention: 'operational',
    purpose: 'Each delivery of a programme: dates, place, joining link, completion rules.',
  },
  cohort_members: {
    category: 'learning',
    person: { column: 'user_id', kind: 'user_id' },
    retention: 'while_account_active',
    purpose: 'Who takes part in each cohort, and in which role.',
  },
  cohort_sessions: {
    category: 'learning',
    person: null,
    retention: 'operational',
    purpose: 'The schedule of each cohort.',
  },
  attendance_marks: {
    category: 'learning',
    person: { column: 'user_id', kind: 'user_id' },
    retention: 'while_account_active',
    purpose: 'Attendance at each session, for completion.',
  },
  calendar_feeds: {
    category: 'account',
    person: { column: 'user_id', kind: 'user_id' },
    retention: 'while_account_active',
    purpose: 'The private address of a person’s calendar feed (hashed).',
  },
  group_agreements: {
    category: 'learning',
    person: null,
    retention: 'operational',
    purpose: 'Each cohort’s group agreement, every version.',
  },
  agreement_acknowledgements: {
    category: 'learning',
    person: { column: 'user_id', kind: 'user_id' },
    retention: 'while_account_active',
    purpose: 'Who acknowledged which version of their group agreement, and when.',
  },
  session_notes: {
    category: 'learning',
    person: { column: 'user_id', kind: 'user_id' },
    retention: 'while_account_active',
    purpose: 'A facilitator’s private notes and debrief for a session; only they can read them.',
  },
  session_plans: {
    category: 'learning',
    person: null,
    retention: 'operational',
    purpose: 'The co-facilitation plan for a session: who leads which part.',
  },
  cohort_interest: {
    category: 'health',
    person: { column: 'email', kind: 'email' },
    retention: 'short_lived',
    purpose: 'Expressions of interest in a cohort; “why now” may say something about a person’s health, so reading it is audited.',
  },
  consent_records: {
    category: 'account',
    person: { column: 'user_id', kind: 'user_id' },
    retention: 'audit',
    purpose: 'Which consents a person gave or withdrew, to which version of the wording, and when.',
  },
  stories: {
    category: 'health',
    person: { column: 'user_id', kind: 'user_id' },
    retention: 'while_account_active',
    purpose: 'A participant’s recovery stories and whom they share them with.',
  },
  story_versions: {
    category: 'health',
    person: { column: 'user_id', kind: 'user_id' },
    retention: 'while_account_active',
    purpose: 'Every saved version of a recovery story.',
  },
  story_comments: {
    category: 'health',
    person: { column: 'owner_id', kind: 'user_id' },
    retention: 'while_account_active',
    purpose: 'Facilitators’ comments on stories shared with them.',
  },
  pending_saves: {
    category: 'health',
    person: { column: 'user_id', kind: 'user_id' },
    retention: 'short_lived',
    purpose: 'Writing sent after a login session expired, kept until the person signs in again and it is saved.',
  },
  safeguarding_leads: {
    category: 'account',
    person: { column: 'user_id', kind: 'user_id' },
    retention: 'while_account_active',
    purpose: 'Who the organisation’s named safeguarding leads are.',
  },
  safeguarding_concerns: {
    category: 'health',
    person: { column: 'subject_user_id', kind: 'user_id' },
    retention: 'audit',
    purpose: 'Safeguarding concerns about a participant, seen only by the safeguarding leads and the person who raised it.',
    reviewBeforeRelease:
      'Any safeguarding records about you are released on request after review by the organisation’s data protection lead, because the law allows some information to be withheld where sharing it could cause serious harm.',
    auditTargetType: 'safeguarding_concern',
  },
  journal_entries: {
    category: 'health',
    person: { column: 'user_id', kind: 'user_id' },
    retention: 'while_account_active',
    purpose: 'A participant’s reflective journal, private unless they share an entry.',
  },
  wellbeing_plans: {
    category: 'health',
    person: { column: 'user_id', kind: 'user_id' },
    retention: 'while_account_active',
    purpose: 'A participant’s optional wellbeing plan, private unless they share it.',
  },
  item_comments: {
    category: 'health',
    person: { column: 'owner_id', kind: 'user_id' },
    retention: 'while_account_active',
    purpose: 'Facilitators’ comments on shared journal entries and wellbeing plans.',
  },
  readiness_conversations: {
    category: 'health',
    person: { column: 'participant_id', kind: 'user_id' },
    retention: 'while_account_active',
    purpose: 'The minimal outcome of a readiness conversation and the note agreed with the participant.',
  },
  stocktakes: {
    category: 'health',
    person: { column: 'user_id', kind: 'user_id' },
    retention: 'while_account_active',
    purpose: 'A participant’s answers to the personal stocktake, private unless they share them.',
  },
  credential_keys: {
    category: 'operational',
    person: null,
    retention: 'operational',
    purpose: 'Keys that sign Open Badges credentials; the private half sealed with a server secret.',
  },
  certificates: {
    category: 'learning',
    person: { column: 'user_id', kind: 'user_id' },
    retention: 'audit',
    purpose: 'Certificates of completion and their credentials, kept so an employer can verify one for the audit period.',
    auditTargetType: 'certificate',
  },
  accredited_awards: {
    category: 'learning',
    person: { column: 'user_id', kind: 'user_id' },
    retention: 'audit',
    purpose: 'Accredited awards (title, level, credits, awarding body, date) recorded by a coordinator.',
  },
  consent_texts: {
    category: 'operational',
    person: null,
    retention: 'audit',
    purpose: 'Every version of the consent wording, so each consent can be matched to what the person read.',
  },
  crisis_contacts: {
    category: 'operational',
    person: null,
    retention: 'operational',
    purpose: 'Crisis help contacts shown to everyone.',
  },
};
