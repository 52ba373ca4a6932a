// Who may reach each route, declared next to the rules it mirrors. tests/access-matrix.test.ts tries every route the
// app has as each of the people below, on a world where every path parameter names something of cohort A (its
// cohort, sessions, participant A's story and journal entry, the concern facilitator A raised, a live invitation,
// reset and place link), and fails on any route this table does not declare, or declares but the app no longer has.
//
// "Allowed" means the route does its work for them (a page, a redirect onwards, or a form refused as 422); "refused"
// means 401, 403, 404 or being sent to sign in. Nothing here grants access: the can*() rules in src/policies/ do. When a
// route and its rule part ways, the entry keeps what the rule says and is marked `// BUG:`.

/** The people every route is tried as. Cohort A holds every record the paths name; B is the other cohort. */
export const ACCESS_ROLES = [
  'signedOut',
  'participantA',
  'participantB',
  'facilitatorA',
  'facilitatorB',
  'coordinator',
  'administrator',
  'safeguardingLead',
  'partner',
] as const;
export type AccessRole = (typeof ACCESS_ROLES)[number];

type Roles = readonly AccessRole[];

const everyone: Roles = ACCESS_ROLES;
const signedIn: Roles = ACCESS_ROLES.filter((r) => r !== 'signedOut');
const nobody: Roles = [];
/** canManageCohorts, canAuthorCurriculum, canEditCrisisContacts, canEditConsentTexts: the programme team. */
const staff: Roles = ['coordinator', 'administrator'];
/** canManageUsers, canReadOutbox, canReadAuditLog, canManageSafeguardingLeads. */
const administrator: Roles = ['administrator'];
/** canViewFacilitatorMaterial: the programme team and anyone who facilitates some cohort. */
const facilitatorMaterial: Roles = [...staff, 'facilitatorA', 'facilitatorB'];
/** canViewCohort(A): its managers and its members. */
const cohortA: Roles = [...staff, 'facilitatorA', 'participantA'];
/** canMarkAttendance(A), canEditAgreement(A), canSeeFacilitationPlan(A): its managers and its facilitators. */
const runsCohortA: Roles = [...staff, 'facilitatorA'];
/** canKeepSessionNotes(A), canRecordReadinessConversation(A), canSeeSharedWithCohort(A), canRaiseConcern(A). */
const facilitatorA: Roles = ['facilitatorA'];
/** canKeepHealthItem, canKeepStocktake(A), canAcknowledgeAgreement(A): participant A's own things. */
const participantA: Roles = ['participantA'];
/** canReadHealthItem on participant A's shared items: the owner and the facilitators of her cohort. */
const healthReadersA: Roles = ['participantA', 'facilitatorA'];
/** canReadConcern: the safeguarding leads and the person who raised it (facilitator A). */
const concernReaders: Roles = ['safeguardingLead', 'facilitatorA'];
/** canHandleConcern: the safeguarding leads. */
const safeguardingLead: Roles = ['safeguardingLead'];

/** Every route, as `METHOD pattern` the way Hono lists it, with who may reach it. */
export const ROUTE_ACCESS: Record<string, Roles> = {
  // Signing in and out, reset and invitation links: the link's secret is the key, so no sign-in (canViewCrisisHelp's
  // "for everyone" applies likewise to /help and /privacy). Setup closes once an administrator exists.
  'GET /setup': nobody,
  'POST /setup': nobody,
  'GET /sign-in': everyone,
  'POST /sign-in': everyone,
  'POST /sign-out': everyone,
  'GET /password-reset': everyone,
  'POST /password-reset': everyone,
  'GET /password-reset/:token': everyone,
  'POST /password-reset/:token': everyone,
  'GET /invitation/:token': everyone,
  'POST /invitation/:token': everyone,
  'GET /help': everyone,
  'GET /privacy': everyone,

  // One's own account, home page, calendar feed address and concerns list: anyone signed in, about themselves.
  'GET /': signedIn,
  'GET /account': signedIn,
  'GET /account/password': signedIn,
  'POST /account/password': signedIn,
  'GET /account/calendar': signedIn,
  'POST /account/calendar': signedIn,
  'POST /account/calendar/revoke': signedIn,
  'GET /safeguarding': signedIn,
  // The feed's secret address is the key: calendar apps cannot sign in.
  'GET /calendar/:token{[A-Za-z0-9_-]+\\.ics}': everyone,

  // canEditCrisisContacts.
  'GET /admin/crisis-contacts': staff,
  'GET /admin/crisis-contacts/new': staff,
  'POST /admin/crisis-contacts/new': staff,
  'GET /admin/crisis-contacts/:id': staff,
  'POST /admin/crisis-contacts/:id': staff,
  'POST /admin/crisis-contacts/:id/checked': staff,
  'POST /admin/crisis-contacts/:id/remove': staff,

  // canManageUsers (and canDeactivate, canReactivate, canChangeRole behind it), canReadOutbox, canReadAuditLog.
  'GET /admin/users': administrator,
  'GET /admin/users/invite': administrator,
  'POST /admin/users/invite': administrator,
  'GET /admin/users/:id': administrator,
  'POST /admin/users/:id/role': administrator,
  'POST /admin/users/:id/deactivate': administrator,
  'POST /admin/users/:id/reactivate': administrator,
  'POST /admin/users/:id/resend': administrator,
  'GET /admin/outbox': administrator,
  'GET /admin/outbox/:id': administrator,
  'GET /admin/audit': administrator,

  // canAuthorCurriculum: importing, editing the draft and publishing.
  'GET /programmes/import': staff,
  'POST /programmes/import': staff,
  'GET /programmes/:slug/draft': staff,
  'GET /programmes/:slug/draft/programme': staff,
  'POST /programmes/:slug/draft/programme': staff,
  'POST /programmes/:slug/draft/modules': staff,
  'GET /programmes/:slug/draft/modules/:moduleId': staff,
  'POST /programmes/:slug/draft/modules/:moduleId': staff,
  'POST /programmes/:slug/draft/modules/:moduleId/move': staff,
  'POST /programmes/:slug/draft/modules/:moduleId/sessions': staff,
  'GET /programmes/:slug/draft/sessions/:sessionId': staff,
  'POST /programmes/:slug/draft/sessions/:sessionId': staff,
  'POST /programmes/:slug/draft/sessions/:sessionId/move': staff,
  'GET /programmes/:slug/draft/:part{modules|sessions}/:partId/remove': staff,
  'POST /programmes/:slug/draft/:part{modules|sessions}/:partId/remove': staff,
  'GET /programmes/:slug/draft/sessions/:sessionId/:kind{knowledge|activities|resources}/:itemId': staff,
  'POST /programmes/:slug/draft/sessions/:sessionId/:kind{knowledge|activities|resources}/:itemId': staff,
  'POST /programmes/:slug/draft/sessions/:sessionId/:kind{knowledge|activities|resources}/:itemId/remove': staff,
  'GET /programmes/:slug/draft/sessions/:sessionId/assignments/:assignmentId': staff,
  'POST /programmes/:slug/draft/sessions/:sessionId/assignments/:assignmentId': staff,
  'POST /programmes/:slug/draft/sessions/:sessionId/assignments/:assignmentId/remove': staff,
  'POST /programmes/:slug/draft/sessions/:sessionId/files': staff,
  'POST /programmes/:slug/draft/sessions/:sessionId/files/:fileId/remove': staff,
  'POST /programmes/:slug/publish': staff,

  // canViewParticipantMaterial and canSeeProgramme (the world's programme is published): anyone signed in.
  'GET /programmes': signedIn,
  'GET /programmes/:slug': signedIn,
  'GET /programmes/:slug/sessions/:sessionId': signedIn,
  'GET /programmes/:slug/modules/:moduleId/workbook': signedIn,
  'GET /search': signedIn,
  // canDownloadExerciseFile: the world's file is on the draft only, so the programme team alone may have it.
  'GET /programmes/:slug/files/:key': staff,
  // canViewFacilitatorMaterial.
  'GET /programmes/:slug/sessions/:sessionId/guide': facilitatorMaterial,
  'GET /programmes/:slug/sessions/:sessionId/present': facilitatorMaterial,
  'GET /programmes/:slug/modules/:moduleId/facilitator-pack': facilitatorMaterial,
  'GET /programmes/:slug/overlap': facilitatorMaterial,
  // canReadCurriculumHistory, canExportProgramme.
  'GET /programmes/:slug/sessions/:sessionId/history': staff,
  'GET /programmes/:slug/history': staff,
  'GET /programmes/:slug/export.zip': staff,

  // The cohorts list shows each person the cohorts they hold a role in (cohortsHeldBy), all of them to canManageCohorts.
  'GET /cohorts': signedIn,
  // canManageCohorts: creating, planning, scheduling and enrolling.
  'GET /cohorts/new': staff,
  'POST /cohorts/new': staff,
  'POST /cohorts/:cohortId/move-version': staff,
  'GET /cohorts/:cohortId/schedule': staff,
  'POST /cohorts/:cohortId/schedule': staff,
  'GET /cohorts/:cohortId/members': staff,
  'POST /cohorts/:cohortId/members': staff,
  'GET /cohorts/:cohortId/import': staff,
  'POST /cohorts/:cohortId/import': staff,
  // canViewCohort(A): the cohort page, a session of it, its calendar and its group agreement.
  'GET /cohorts/:cohortId': cohortA,
  'GET /cohorts/:cohortId/sessions/:csId': cohortA,
  'GET /cohorts/:cohortId/calendar.ics': cohortA,
  'GET /cohorts/:cohortId/agreement': cohortA,
  // canMarkAttendance(A), canEditAgreement(A), canSeeFacilitationPlan(A).
  'GET /cohorts/:cohortId/attendance': runsCohortA,
  'GET /cohorts/:cohortId/sessions/:csId/register': runsCohortA,
  'POST /cohorts/:cohortId/sessions/:csId/register': runsCohortA,
  'POST /cohorts/:cohortId/agreement': runsCohortA,
  'GET /cohorts/:cohortId/sessions/:csId/facilitate': runsCohortA,
  // canAcknowledgeAgreement(A).
  'POST /cohorts/:cohortId/agreement/acknowledge': participantA,
  // canKeepSessionNotes(A): the plan, private notes and debrief are written by the cohort's facilitators only.
  'POST /cohorts/:cohortId/sessions/:csId/facilitate/plan': facilitatorA,
  'POST /cohorts/:cohortId/sessions/:csId/facilitate/notes/private': facilitatorA,
  'POST /cohorts/:cohortId/sessions/:csId/facilitate/notes/debrief': facilitatorA,

  // canManagePlaces: the interest list (whose "why now" may touch on health) and offers.
  'GET /cohorts/:cohortId/interest': staff,
  'POST /cohorts/:cohortId/interest/open': staff,
  'POST /cohorts/:cohortId/interest/close': staff,
  'POST /cohorts/:cohortId/interest/:entryId/offer': staff,
  // The public interest form (applicants have no account) and the offer link, whose secret is the key.
  'GET /interest/:cohortId': everyone,
  'POST /interest/:cohortId': everyone,
  'GET /places/:token': everyone,
  'POST /places/:token/accept': everyone,
  'POST /places/:token/decline': everyone,

  // The private space: each person's own, behind sign-in. Pages for writing send someone without consent to give it.
  'GET /my': signedIn,
  'GET /my/stories/new': signedIn,
  'POST /my/stories/new': signedIn,
  'GET /my/journal': signedIn,
  'POST /my/journal': signedIn,
  'GET /my/wellbeing': signedIn,
  'POST /my/wellbeing': signedIn,
  'POST /my/wellbeing/sharing': signedIn,
  'GET /my/readiness': signedIn,
  'GET /my/consent': signedIn,
  'POST /my/consent': signedIn,
  'GET /my/data': signedIn,
  // canKeepHealthItem: participant A's story and journal entry, and writing kept from her expired login session.
  'GET /my/stories/:storyId': participantA,
  'POST /my/stories/:storyId/save': participantA,
  'GET /my/stories/:storyId/versions/:n': participantA,
  'POST /my/stories/:storyId/versions/:n/restore': participantA,
  'POST /my/stories/:storyId/share': participantA,
  'POST /my/stories/:storyId/unshare': participantA,
  'GET /my/journal/:entryId': participantA,
  'POST /my/journal/:entryId/sharing': participantA,
  'GET /my/resume/:id': participantA,
  // canKeepStocktake(A).
  'GET /my/stocktake/:cohortId': participantA,
  'POST /my/stocktake/:cohortId': participantA,
  'POST /my/stocktake/:cohortId/sharing': participantA,
  // canEditConsentTexts.
  'GET /admin/consent-texts': staff,
  'POST /admin/consent-texts/:purpose': staff,

  // canRecordReadinessConversation(A), canSeeSharedWithCohort(A).
  'GET /cohorts/:cohortId/readiness/:userId': facilitatorA,
  'POST /cohorts/:cohortId/readiness/:userId': facilitatorA,
  'GET /cohorts/:cohortId/shared': facilitatorA,
  // canReadHealthItem: participant A's shared story and journal entry, read by their owner or her cohort's facilitators.
  'GET /cohorts/:cohortId/shared/:storyId': healthReadersA,
  'GET /cohorts/:cohortId/shared-items/:kind/:itemId': healthReadersA,
  // canSeeSharedWithCohort, then canCommentOnHealthItem: the facilitators who may read it, never its owner.
  'POST /cohorts/:cohortId/shared/:storyId/comments': facilitatorA,
  'POST /cohorts/:cohortId/shared-items/:kind/:itemId/comments': facilitatorA,

  // canRaiseConcern(A), canReadConcern, canHandleConcern, canManageSafeguardingLeads.
  'GET /cohorts/:cohortId/concerns/new': facilitatorA,
  'POST /cohorts/:cohortId/concerns/new': facilitatorA,
  'GET /safeguarding/:concernId': concernReaders,
  'POST /safeguarding/:concernId/acknowledge': safeguardingLead,
  'POST /safeguarding/:concernId/outcome': safeguardingLead,
  'GET /admin/safeguarding-leads': administrator,
  'POST /admin/safeguarding-leads': administrator,
  'POST /admin/safeguarding-leads/:userId/remove': administrator,

  // canIssueCertificates, canRecordAward: issuing, revoking and recording awards. The world's certificate is participant
  // A's, from a finished cohort of her own.
  'GET /cohorts/:cohortId/certificates': staff,
  'POST /cohorts/:cohortId/certificates': staff,
  'POST /cohorts/:cohortId/certificates/awards': staff,
  'GET /certificates/:certificateId': staff,
  'POST /certificates/:certificateId/revoke': staff,
  // One's own certificates; canDownloadOwnCertificate: participant A's PDF and credential are hers alone.
  'GET /my/certificates': signedIn,
  'GET /my/certificates/:certificateId/certificate.pdf': participantA,
  'GET /my/certificates/:certificateId/credential.jwt': participantA,
  // The verification page and the issuer profile are public: the code is the key, and the keys are meant to be read.
  'GET /verify': everyone,
  'GET /verify/:code': everyone,
  'GET /credentials/issuer': everyone,
  'GET /credentials/keys/:keyId': everyone,
};
