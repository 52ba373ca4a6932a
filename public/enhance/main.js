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
