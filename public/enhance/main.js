// Optional improvements only: every page works without this file.

// Move focus to the error summary of a failed form, so screen reader and keyboard users start there.
const summary = document.querySelector('[data-error-summary]');
if (summary instanceof HTMLElement) summary.focus();

// A live word count under the story box.
const story = document.querySelector('form[data-autosave] textarea[name="text"]');
const counter = document.querySelector('[data-word-count]');
if (story instanceof HTMLTextAreaElement && counter instanceof HTMLElement) {
  const update = () => {
    const words = story.value.trim().split(/\s+/).filter(Boolean).length;
    counter.textContent = `${words} ${words === 1 ? 'word' : 'words'}`;
  };
  story.addEventListener('input', update);
  update();
}

// Autosave of an existing story, a few seconds after typing stops. The Save button keeps working
// without it; a conflict (another tab saved) stops autosave and leaves the explicit Save to explain.
const form = document.querySelector('form[data-autosave]');
if (form instanceof HTMLFormElement && form.action.endsWith('/save')) {
  const status = form.querySelector('[data-word-count]');
  const base = form.querySelector('input[name="baseVersion"]');
  let timer = 0;
  let stopped = false;
  const save = async () => {
    if (stopped) return;
    const res = await fetch(form.action, { method: 'POST', body: new FormData(form), headers: { 'x-autosave': '1' }, credentials: 'same-origin' }).catch(
      () => null,
    );
    if (res && res.ok) {
      const data = await res.json();
      if (base instanceof HTMLInputElement) base.value = String(data.version);
      if (status instanceof HTMLElement) status.textContent = `${(status.textContent ?? '').split(' · ')[0]} · saved automatically`;
    } else if (res && res.status === 409) {
      stopped = true;
      if (status instanceof HTMLElement) status.textContent = 'Saved from another window too: press Save to see both versions.';
    }
  };
  form.addEventListener('input', () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(save, 4000);
  });
}
