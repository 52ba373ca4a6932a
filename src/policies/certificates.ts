import { hasOrgRole, type Actor } from './actor.ts';

/**
 * Issue and revoke certificates of completion, and record accredited awards: coordinators and
 * administrators. Facilitators run the sessions but do not certify; partners see aggregates only.
 */
export const canIssueCertificates = (actor: Actor | null): boolean => hasOrgRole(actor, 'administrator', 'coordinator');

/** Record an accredited award from an awarding body: the same people who issue certificates. */
export const canRecordAward = canIssueCertificates;

/** A certificate's PDF and credential, and an award: the person it was given to, and only them. */
export const canDownloadOwnCertificate = (actor: Actor | null, certificate: { userId: string }): boolean => actor !== null && actor.id === certificate.userId;

/**
 * Issue or revoke a certificate of, or record an award for, this participant: someone who may issue
 * certificates, unless the participant is themselves. Nobody attests their own completion.
 */
export const canCertifyParticipant = (actor: Actor | null, participant: { userId: string }): boolean =>
  canIssueCertificates(actor) && actor !== null && actor.id !== participant.userId;
