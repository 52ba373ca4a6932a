// Optional improvements only: every page works without this file.

// Move focus to the error summary of a failed form, so screen reader and keyboard users start there.
const summary = document.querySelector('[data-error-summary]');
if (summary instanceof HTMLElement) summary.focus();
