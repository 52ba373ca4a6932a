import { z } from 'zod';
import { emailField, nameField } from '../../auth/forms.ts';
import { ORG_ROLES } from '../../policies/actor.ts';

/** '' stands for "no organisation role": the person takes part through cohort roles only. */
const roleField = z.enum(['', ...ORG_ROLES], 'Choose a role').transform((r) => (r === '' ? null : r));

export const inviteForm = z.object({ name: nameField, email: emailField, role: roleField });
export const roleForm = z.object({ role: roleField });

export const roleOptions = [
  { value: '', label: 'No organisation role (takes part in cohorts only)' },
  { value: 'coordinator', label: 'Coordinator' },
  { value: 'partner', label: 'Partner (sees aggregate reports only)' },
  { value: 'administrator', label: 'Administrator' },
];
