// Commitments pages: let htmx swap the answers that carry a form back to the official.
"use strict";

// htmx leaves 4xx answers unswapped by default. 422 (invalid input) and 409 (someone else
// saved first) carry the form with the errors or the conflict and the official's draft.
document.addEventListener("htmx:beforeSwap", (event) => {
  const status = event.detail.xhr.status;
  if (status === 422 || status === 409) {
    event.detail.shouldSwap = true;
    event.detail.isError = false;
  }
});
