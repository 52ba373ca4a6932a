const dateFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' });
const dateTimeFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'Europe/London',
});

/** "23 November 2026" from an ISO date or timestamp. */
export const formatDate = (iso: string): string => dateFormat.format(new Date(iso.length === 10 ? `${iso}T12:00:00Z` : iso));
/** "23 Nov 2026, 10:00" in UK time. */
export const formatDateTime = (iso: string): string => dateTimeFormat.format(new Date(iso));
