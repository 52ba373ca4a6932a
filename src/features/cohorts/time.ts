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

// One formatter per zone, made once: building date objects per call was 7% of the facilitator's day.
const formatters = new Map<string, Intl.DateTimeFormat>();

/** "Saturday 24 October 2026, 10:00" in the cohort's zone. */
export function formatInZone(iso: string, zone: string): string {
  let format = formatters.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', {
      timeZone: zone,
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(zone, format);
  }
  const part: Record<string, string> = {};
  for (const p of format.formatToParts(new Date(iso))) part[p.type] = p.value;
  return `${part.weekday} ${part.day} ${part.month} ${part.year}, ${part.hour}:${part.minute}`;
}

export const addMinutes = (iso: string, minutes: number): string => new Date(new Date(iso).getTime() + minutes * 60_000).toISOString();
