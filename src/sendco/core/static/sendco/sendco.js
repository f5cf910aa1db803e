/* sendco.js: the little script every page loads, after vendor/htmx.min.js.
   Both are loaded with `defer`; everything here also works without htmx. */
(function () {
  "use strict";

  function csrfToken() {
    var meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.getAttribute("content") : null;
  }

  // (a) Send Django's CSRF token on every htmx request.
  document.addEventListener("htmx:configRequest", function (event) {
    var token = csrfToken();
    if (token) {
      event.detail.headers["X-CSRFToken"] = token;
    }
  });

  if (window.htmx) {
    // Our CSS styles .app-htmx-indicator; don't let htmx inject a <style> (CSP).
    window.htmx.config.includeIndicatorStyles = false;
  }

  // (c) <button data-confirm="Delete this note?"> asks before submitting.
  document.addEventListener("click", function (event) {
    var el = event.target.closest ? event.target.closest("[data-confirm]") : null;
    if (el && !window.confirm(el.getAttribute("data-confirm"))) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  }, true);

  // (b) Move focus to the error summary, so it is read out first.
  function focusErrorSummary() {
    var summary = document.querySelector(".govuk-error-summary");
    if (summary) {
      if (!summary.hasAttribute("tabindex")) {
        summary.setAttribute("tabindex", "-1");
      }
      summary.focus();
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", focusErrorSummary);
  } else {
    focusErrorSummary();
  }
})();
