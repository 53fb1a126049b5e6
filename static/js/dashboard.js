// The dashboard's filters swap the content without a reload; when the link that had the
// focus is gone, put the focus on the new heading so keyboard and screen-reader users
// hear what they are now looking at.
"use strict";

document.addEventListener("htmx:afterSettle", (event) => {
  const content = document.getElementById("dashboard-content");
  if (!content || !event.detail.elt || event.detail.elt.id !== "dashboard-content") {
    return;
  }
  const active = document.activeElement;
  if (!active || active === document.body || !document.body.contains(active)) {
    const heading = document.getElementById("dashboard-heading");
    if (heading) {
      heading.focus();
    }
  }
});

// The briefing's print button (no inline handlers under the CSP).
document.addEventListener("click", (event) => {
  const button = event.target.closest && event.target.closest("[data-print]");
  if (button) {
    window.print();
  }
});
