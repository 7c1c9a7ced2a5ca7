// Progressive enhancement of the filter form: the list updates as soon as a choice changes.
// Without JavaScript the "Show results" button does the same. The page says so above the
// form (WCAG 3.2.2), and the control that was changed gets the focus back after the reload.
(function () {
  "use strict";
  var KEY = "portal-filter-focus";
  var form = document.querySelector("form.filters");
  if (!form) {
    return;
  }
  // The filters' disclosure: the CSS already shows it open on wide screens; opening it there
  // keeps its state honest for assistive technology.
  var disclosure = form.closest("details");
  if (disclosure && window.matchMedia("(min-width: 50rem)").matches) {
    disclosure.open = true;
  }
  form.classList.add("auto-submit");
  form.addEventListener("change", function (event) {
    var field = event.target;
    if (field.type === "search") {
      return; // typing is submitted with Enter or the button
    }
    try {
      window.sessionStorage.setItem(KEY, field.id);
    } catch (error) {
      // Storage may be disabled; the focus then simply starts at the top.
    }
    form.submit();
  });
  var saved = null;
  try {
    saved = window.sessionStorage.getItem(KEY);
    window.sessionStorage.removeItem(KEY);
  } catch (error) {
    saved = null;
  }
  var target = saved && document.getElementById(saved);
  if (target) {
    if (disclosure) {
      disclosure.open = true; // the control that was changed is inside it
    }
    target.focus();
  }
})();
