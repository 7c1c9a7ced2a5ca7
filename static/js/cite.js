// "Copy the citation": a button added next to the citation's files. Without JavaScript (or
// without the clipboard API) the citation stays selectable text and nothing is added.
(function () {
  "use strict";
  document.querySelectorAll("[data-copy-target]").forEach(function (actions) {
    var text = document.getElementById(actions.getAttribute("data-copy-target"));
    if (!text || !navigator.clipboard) {
      return;
    }
    var button = document.createElement("button");
    button.type = "button";
    button.className = "cite-copy";
    button.textContent = actions.getAttribute("data-copy-label");
    var status = document.createElement("span");
    status.className = "cite-copied";
    status.setAttribute("role", "status");
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(text.textContent.replace(/\s+/g, " ").trim()).then(function () {
        status.textContent = actions.getAttribute("data-copied-label");
      });
    });
    actions.appendChild(document.createTextNode(" "));
    actions.appendChild(button);
    actions.appendChild(status);
  });
})();
