import ical from 'ical-generator';
import type { PlannedSession } from '../queries.ts';
import { addMinutes } from '../time.ts';

export interface CalendarCohort {
  id: string;
  name: string;
  venue: string;
  joiningLink: string;
  sessions: PlannedSession[];
}

/**
 * An iCalendar of scheduled sessions. Times are emitted in UTC (a named zone with a server in
 * another zone mislabels times); each session's UID is its cohort-session id and its SEQUENCE rises
 * at each reschedule, so calendar apps move the event instead of adding a second one.
 */
export function buildCalendar(name: string, cohorts: CalendarCohort[], baseUrl: string, now: Date): string {
  const calendar = ical({ name, prodId: { company: 'Peer Toolbox', product: 'Peer Toolbox', language: 'EN' } });
  for (const c of cohorts) {
    for (const s of c.sessions) {
      if (!s.startsAt) continue;
      const notes = s.session.contentNotes.map((n) => `Content note: ${n.text}`);
      calendar.createEvent({
        id: `${s.id}@peer-toolbox`,
        sequence: s.sequence,
        stamp: now,
        start: new Date(s.startsAt),
        end: new Date(addMinutes(s.startsAt, s.durationMinutes ?? 120)),
        summary: `${s.session.title} (${c.name})`,
        description: [
          s.session.aim,
          ...notes,
          s.bring ? `Bring: ${s.bring}` : '',
          c.joiningLink ? `Join: ${c.joiningLink}` : '',
          `${baseUrl}/cohorts/${c.id}/sessions/${s.id}`,
        ]
          .filter(Boolean)
          .join('\n\n'),
        location: s.place || c.venue || null,
      });
    }
  }
  return calendar.toString();
}

/** A cohort and its plan as a calendar shows them. */
export const calendarCohort = (cohort: { id: string; name: string; venue: string; joining_link: string }, sessions: PlannedSession[]): CalendarCohort => ({
  id: cohort.id,
  name: cohort.name,
  venue: cohort.venue,
  joiningLink: cohort.joining_link,
  sessions,
});
