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
