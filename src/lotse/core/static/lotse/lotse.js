// Progressive enhancement only; every page works without JavaScript.
document.addEventListener("submit", (event) => {
  // A second click while the first submission is on its way would send the form twice.
  const form = event.target;
  if (form.dataset.submitted === "true") {
    event.preventDefault();
    return;
  }
  if (form.method.toLowerCase() === "post" && !form.hasAttribute("hx-post")) {
    form.dataset.submitted = "true";
  }
});

// After a form was sent back, the focus moves to its error summary, which names each problem
// and links to its field (the GOV.UK / KERN pattern); also for a form htmx put in place.
const focusErrorSummary = (root) => {
  const summary = root.querySelector ? root.querySelector("[data-error-summary]") : null;
  if (summary) {
    summary.focus();
  }
};
document.addEventListener("DOMContentLoaded", () => focusErrorSummary(document));
document.addEventListener("htmx:load", (event) => focusErrorSummary(event.detail.elt));
