import { hasOrgRole, type Actor } from './actor.ts';

/** The help page is for everyone, signed in or not. */
export const canViewCrisisHelp = (_actor: Actor | null): boolean => true;

/**
 * Keep crisis contacts current. The foundation issue names administrators; the domain notes say
 * coordinators keep contacts current, so both may (see docs/decisions/0009).
 */
export const canEditCrisisContacts = (actor: Actor | null): boolean => hasOrgRole(actor, 'administrator', 'coordinator');
