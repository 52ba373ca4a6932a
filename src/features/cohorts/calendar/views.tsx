import { Notice } from '../../../views/form.tsx';
export function CalendarFeedView({ hasFeed, freshUrl }: { hasFeed: boolean; freshUrl?: string | undefined }) {
  return (
    <>
      <h1>Your calendar feed</h1>
      <p>Subscribe to this private address in your calendar app to see all your sessions, kept up to date when times change.</p>
      {freshUrl ? (
        <Notice>
          <p>Copy this address into your calendar app now. For your privacy it is shown only this once.</p>
          <p class="break">
            <code>{freshUrl}</code>
          </p>
        </Notice>
      ) : hasFeed ? (
        <p>You have a feed. If you have lost its address, or shared it by mistake, make a new one: the old address stops working.</p>
      ) : (
        <p>You do not have a feed yet.</p>
      )}
      <form method="post" action="/account/calendar">
        <button type="submit">{hasFeed ? 'Make a new address' : 'Make my feed address'}</button>
      </form>
      {hasFeed ? (
        <form method="post" action="/account/calendar/revoke">
          <button type="submit" class="button-warning">
            Turn off my feed
          </button>
        </form>
      ) : null}
    </>
  );
}
