import { z } from 'zod';

export const NATIONS = ['England', 'Scotland', 'Wales', 'Northern Ireland', 'Ireland'] as const;

export const contactForm = z.object({
  name: z.string().trim().min(1, 'Enter the name of the service').max(120, 'Name must be 120 characters or fewer'),
  howToReach: z
    .string()
    .trim()
    .min(1, 'Enter how to reach them, for example a phone number or text code')
    .max(300, 'How to reach them must be 300 characters or fewer'),
  hours: z.string().trim().min(1, 'Enter when they are open, for example 24 hours a day').max(200, 'Opening hours must be 200 characters or fewer'),
  nations: z
    .array(z.enum(NATIONS, 'Choose from the nations listed'))
    .min(1, 'Choose at least one nation where this contact helps')
    .max(NATIONS.length, 'Choose each nation once'),
  notes: z.string().trim().max(500, 'Notes must be 500 characters or fewer').optional(),
  lastCheckedOn: z.iso.date('Enter the date the details were last checked, like 2026-11-23'),
});

export type ContactInput = z.infer<typeof contactForm>;

/** The contact form as typed, kept to show again when it is wrong. */
export interface ContactFormValues {
  name?: string;
  howToReach?: string;
  hours?: string;
  nations?: string[];
  notes?: string;
  lastCheckedOn?: string;
}

/** Reads a posted contact form (`parseBody({ all: true })`): `nations` may come once, many times or not at all. */
export function contactFormValues(body: Record<string, unknown>): ContactFormValues {
  const str = (k: string) => (typeof body[k] === 'string' ? body[k] : '');
  const nations = body.nations === undefined ? [] : ([] as unknown[]).concat(body.nations).filter((n): n is string => typeof n === 'string');
  return { name: str('name'), howToReach: str('howToReach'), hours: str('hours'), nations, notes: str('notes'), lastCheckedOn: str('lastCheckedOn') };
}
