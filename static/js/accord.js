// Accord's own behaviour, loaded from our origin so the CSP can forbid inline scripts.
"use strict";

// After htmx swaps in a fragment, move focus to the element that asks for it, so
// keyboard and screen-reader users land on the form or row they just opened.
document.addEventListener("htmx:afterSettle", (event) => {
  const target = event.detail.elt && event.detail.elt.querySelector
    ? event.detail.elt.querySelector("[data-autofocus]")
    : null;
  if (target) {
    target.focus();
  }
});
