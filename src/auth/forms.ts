import { z } from 'zod';
import { newPasswordField } from './passwords.ts';

const email = z
  .string()
  .trim()
  .min(1, 'Enter your email address')
  .max(254, 'Email address must be 254 characters or fewer')
  .pipe(z.email('Enter an email address in the right format, like name@example.org'));
const name = z.string().trim().min(1, 'Enter your name').max(120, 'Name must be 120 characters or fewer');

const passwords = { password: newPasswordField, confirmPassword: z.string() };
const matching: [(v: { password: string; confirmPassword: string }) => boolean, { message: string; path: string[] }] = [
  (v) => v.password === v.confirmPassword,
  { message: 'The passwords do not match', path: ['confirmPassword'] },
];

export const setupForm = z.object({ name, email, ...passwords }).refine(...matching);
export const signInForm = z.object({
  email: z.string().trim().min(1, 'Enter your email address'),
  password: z.string().min(1, 'Enter your password'),
});
export const resetRequestForm = z.object({ email });
export const resetForm = z.object(passwords).refine(...matching);
export const invitationForm = z.object({ name, ...passwords }).refine(...matching);
export const changePasswordForm = z.object({ currentPassword: z.string().min(1, 'Enter your current password'), ...passwords }).refine(...matching);

export { email as emailField, name as nameField };
