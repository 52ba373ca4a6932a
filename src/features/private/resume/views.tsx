import type { PendingSave } from './commands.ts';

/** Writing kept from an expired login session, filled in again for one press of its button. */
export function ResumeView({ pending }: { pending: PendingSave }) {
  const fields = Object.entries(pending.fields);
  return (
    <>
      <h1>Your writing was kept</h1>
      <p>You were signed out before this could be saved. Here it is. Press the button to save it now.</p>
      <form method="post" action={pending.path}>
        {fields.map(([k, v]) => (
          <input type="hidden" name={k} value={v} />
        ))}
        {fields
          .filter(([, v]) => v.trim().length > 0 && v.length > 20)
          .map(([, v]) => (
            <div class="mail-body">{v}</div>
          ))}
        <button type="submit">Save what I wrote</button>
      </form>
    </>
  );
}
