import { DateTime } from 'luxon';

/** A local date and time in a named zone (what a coordinator types) as a UTC instant, or null if it does not exist. */
export function localToUtc(date: string, time: string, zone: string): string | null {
  const dt = DateTime.fromISO(`${date}T${time}`, { zone });
  if (!dt.isValid) return null;
  // A time skipped by the spring clock change comes back shifted; refuse it rather than guess.
  if (dt.toFormat('yyyy-MM-dd') !== date || dt.toFormat('HH:mm') !== time) return null;
  return dt.toUTC().toISO({ suppressMilliseconds: false })!;
}

/** The local date and time of a UTC instant in a zone, for form fields. */
export function utcToLocal(iso: string, zone: string): { date: string; time: string } {
  const dt = DateTime.fromISO(iso, { zone: 'utc' }).setZone(zone);
  return { date: dt.toFormat('yyyy-MM-dd'), time: dt.toFormat('HH:mm') };
}

/** "Saturday 24 October 2026, 10:00" in the cohort's zone. */
export function formatInZone(iso: string, zone: string): string {
  return DateTime.fromISO(iso, { zone: 'utc' }).setZone(zone).setLocale('en-GB').toFormat('cccc d LLLL yyyy, HH:mm');
}

export const addMinutes = (iso: string, minutes: number): string => new Date(new Date(iso).getTime() + minutes * 60_000).toISOString();
