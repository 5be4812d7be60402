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

// The participant page's navigation: the section jumped to takes the focus, so that the next
// Tab and a screen reader go on from there (a browser only scrolls). A section that htmx then
// replaces keeps it: htmx focuses the new element of the same id.
document.addEventListener("click", (event) => {
  const link = event.target.closest(".lotse-page-nav a[href^='#']");
  const target = link && document.getElementById(link.hash.slice(1));
  if (!target) {
    return;
  }
  target.setAttribute("tabindex", "-1");
  target.focus({ preventScroll: true });
});
