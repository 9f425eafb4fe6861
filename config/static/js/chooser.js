// Choosers: a text input that suggests values as one types (a member, a city), on top of
// a form that works without JavaScript. The ARIA 1.2 combobox pattern: the input has
// role="combobox" and data-chooser-url, its listbox follows it. Picking a suggestion
// writes the suggestion's label into the input and its value into the hidden field
// named by data-chooser-value; typing again clears that field.
(function () {
  "use strict";

  function setUp(input) {
    var list = document.getElementById(input.getAttribute("aria-controls"));
    var url = input.getAttribute("data-chooser-url");
    var valueName = input.getAttribute("data-chooser-value");
    var target = valueName && input.form ? input.form.elements[valueName] : null;
    if (!list || !url) return;
    var active = -1;
    var timer = null;
    var lastQuery = "";
    var results = [];

    function options() {
      return list.querySelectorAll('[role="option"]');
    }

    function close() {
      list.hidden = true;
      list.textContent = "";
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
      lastQuery = "";
    }

    function highlight(index) {
      var items = options();
      if (!items.length) return;
      active = (index + items.length) % items.length;
      items.forEach(function (item, i) {
        item.setAttribute("aria-selected", i === active ? "true" : "false");
      });
      input.setAttribute("aria-activedescendant", items[active].id);
    }

    function choose(index) {
      var result = results[index];
      if (!result) return;
      input.value = result.label;
      if (target) target.value = result.value;
      close();
    }

    function show(found) {
      results = found;
      list.textContent = "";
      active = -1;
      if (!found.length) {
        close();
        return;
      }
      found.forEach(function (result, i) {
        var option = document.createElement("li");
        option.id = list.id + "-option-" + i;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.textContent = result.label;
        if (result.detail) {
          var detail = document.createElement("span");
          detail.className = "chooser__detail";
          detail.textContent = result.detail;
          option.appendChild(detail);
        }
        option.addEventListener("mousedown", function (event) {
          event.preventDefault();
          choose(i);
        });
        list.appendChild(option);
      });
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }

    function fetchResults() {
      var query = input.value.trim();
      if (query === lastQuery) return;
      lastQuery = query;
      if (query.length < 2) {
        close();
        return;
      }
      var separator = url.indexOf("?") >= 0 ? "&" : "?";
      fetch(url + separator + "q=" + encodeURIComponent(query), {
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      })
        .then(function (response) {
          return response.ok ? response.json() : { results: [] };
        })
        .then(function (data) {
          if (input.value.trim() === query) show(data.results || []);
        })
        .catch(close);
    }

    input.addEventListener("input", function () {
      if (target) target.value = "";
      window.clearTimeout(timer);
      timer = window.setTimeout(fetchResults, 150);
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown") {
        if (list.hidden) fetchResults();
        highlight(active + 1);
        event.preventDefault();
      } else if (event.key === "ArrowUp") {
        highlight(active - 1);
        event.preventDefault();
      } else if (event.key === "Enter" && active >= 0 && !list.hidden) {
        event.preventDefault();
        choose(active);
      } else if (event.key === "Escape") {
        close();
      }
    });
    input.addEventListener("blur", function () {
      window.setTimeout(close, 100);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll('input[role="combobox"][data-chooser-url]').forEach(setUp);
  });
})();
