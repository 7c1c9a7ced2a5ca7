// Search in the static mirror of the portal (manage.py build_static_site): MiniSearch over
// the index.json written beside the search page. Without JavaScript the page lists every
// theme and record instead.
(function () {
  "use strict";
  var root = document.querySelector("[data-mirror-search]");
  if (!root || !window.MiniSearch || !window.fetch) {
    return;
  }
  var form = root.querySelector("form");
  var input = root.querySelector("input[name=q]");
  var summary = root.querySelector(".search-summary");
  var list = root.querySelector(".mirror-results");
  var search = null;

  // Accents and capital letters do not matter, as on the live site.
  function fold(term) {
    return term.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function message(template, query, count) {
    return template.replace("{query}", query).replace("{count}", String(count));
  }

  function show(query) {
    list.textContent = "";
    if (!query) {
      summary.textContent = "";
      return;
    }
    var results = search.search(query, { prefix: true, combineWith: "AND", boost: { title: 3 } });
    summary.textContent = message(
      results.length ? root.dataset.results : root.dataset.none, query, results.length
    );
    results.forEach(function (result) {
      var item = document.createElement("li");
      var heading = document.createElement("h3");
      var link = document.createElement("a");
      link.href = result.url;
      link.textContent = result.title || result.url;
      heading.appendChild(link);
      item.appendChild(heading);
      list.appendChild(item);
    });
  }

  var initial = new URLSearchParams(window.location.search).get("q") || "";
  input.value = initial;
  summary.textContent = root.dataset.loading;
  window
    .fetch(root.dataset.index)
    .then(function (response) {
      return response.json();
    })
    .then(function (data) {
      search = new window.MiniSearch({
        fields: ["title", "text"],
        storeFields: ["title", "url", "kind"],
        processTerm: fold,
      });
      search.addAll(data.documents);
      root.classList.add("ready");
      show(initial.trim());
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        var query = input.value.trim();
        window.history.replaceState(null, "", query ? "?q=" + encodeURIComponent(query) : "?");
        show(query);
      });
    });
})();
