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
// and links to its field (the GOV.UK / KERN pattern); also for a form htmx put in place. A
// confirmation htmx puts where the form was (`data-focus`) takes the focus the same way.
const focusErrorSummary = (root) => {
  const summary = root.querySelector ? root.querySelector("[data-error-summary], [data-focus]") : null;
  if (summary) {
    summary.focus();
  }
};
document.addEventListener("DOMContentLoaded", () => focusErrorSummary(document));
document.addEventListener("htmx:load", (event) => focusErrorSummary(event.detail.elt));

// After a save the page returns to the section that was saved (its #anchor): the confirmation
// is moved there, so it is seen next to what changed. A section htmx loads later (the profile)
// is scrolled to once it arrives.
const sectionOfHash = (root) => {
  if (!window.location.hash || window.location.hash.length < 2) {
    return null;
  }
  const id = decodeURIComponent(window.location.hash.slice(1));
  if (root === document) {
    return document.getElementById(id);
  }
  if (root.id === id) {
    return root;
  }
  return root.querySelector ? root.querySelector(`[id="${CSS.escape(id)}"]`) : null;
};
// Until the user scrolls, types or clicks, the page keeps the saved section in view while htmx
// loads the sections above it (they push it down). The confirmation goes before a lazy section's
// slot, not into it: the slot is replaced when the section arrives.
let keepSectionInView = false;
const holdSectionInView = () => {
  keepSectionInView = true;
  for (const type of ["wheel", "touchstart", "keydown", "mousedown"]) {
    window.addEventListener(type, () => { keepSectionInView = false; }, { once: true, passive: true });
  }
};
const placeOf = (section) =>
  section.closest("[hx-trigger*='intersect']") ||
  (section.matches("h2") && section.closest("section")) ||
  section;
const scrollToSection = () => {
  const section = sectionOfHash(document);
  if (!section || document.querySelector("[data-error-summary]")) {
    return;
  }
  const before = placeOf(section).previousElementSibling;
  (before && before.classList.contains("lotse-messages") ? before : section).scrollIntoView();
};
document.addEventListener("DOMContentLoaded", () => {
  const section = sectionOfHash(document);
  const confirmation = document.querySelector(".lotse-messages");
  if (section && confirmation) {
    placeOf(section).before(confirmation);
    confirmation.scrollIntoView();
  }
  if (window.location.hash) {
    holdSectionInView();
  }
});
document.addEventListener("htmx:load", (event) => {
  if (event.detail.elt === document.body) {
    return;
  }
  if (keepSectionInView || sectionOfHash(event.detail.elt)) {
    scrollToSection();
  }
});

// The participant page's navigation: the section jumped to takes the focus, so that the next
// Tab and a screen reader go on from there (a browser only scrolls). A section that htmx then
// replaces keeps it: htmx focuses the new element of the same id. The sections above it that
// load after the jump would push it out of view: it is held there as after a save.
document.addEventListener("click", (event) => {
  const link = event.target.closest(".lotse-page-nav a[href^='#']");
  const target = link && document.getElementById(link.hash.slice(1));
  if (!target) {
    return;
  }
  target.setAttribute("tabindex", "-1");
  target.focus({ preventScroll: true });
  holdSectionInView();
});

// The main navigation's groups are disclosures (they work without JavaScript); like menus,
// one is open at a time, and Escape or a click elsewhere closes it.
const navigationGroups = () => document.querySelectorAll(".lotse-menu > details");
document.addEventListener("toggle", (event) => {
  const opened = event.target;
  if (!opened.matches || !opened.matches(".lotse-menu > details") || !opened.open) {
    return;
  }
  for (const group of navigationGroups()) {
    if (group !== opened) {
      group.open = false;
    }
  }
  keepInViewport(opened.querySelector(".lotse-menu__list"));
}, true);
// An open group's list stays within the window: at a phone's width the last group's list
// would reach past the edge (and scroll the page sideways). Either direction, for RTL.
const keepInViewport = (list) => {
  if (!list) {
    return;
  }
  list.style.transform = "";
  const margin = 8;
  const box = list.getBoundingClientRect();
  // The body's width leaves out a scrollbar that the root's (in Chromium) may not.
  const width = Math.min(document.documentElement.clientWidth, document.body.clientWidth);
  let shift = 0;
  if (box.right > width - margin) {
    shift = width - margin - box.right;
  }
  if (box.left + shift < margin) {
    shift = margin - box.left;
  }
  if (shift) {
    list.style.transform = `translateX(${shift}px)`;
  }
};
// Tabbing out of an open group closes it: it would stay open over the header's tools.
document.addEventListener("focusout", (event) => {
  const group = event.target.closest && event.target.closest(".lotse-menu > details");
  if (group && group.open && !group.contains(event.relatedTarget)) {
    group.open = false;
  }
});
document.addEventListener("keydown", (event) => {
  if (event.key !== "Escape") {
    return;
  }
  for (const group of navigationGroups()) {
    if (group.open) {
      group.open = false;
      group.querySelector("summary").focus();
    }
  }
});
document.addEventListener("click", (event) => {
  for (const group of navigationGroups()) {
    if (group.open && !group.contains(event.target)) {
      group.open = false;
    }
  }
});
