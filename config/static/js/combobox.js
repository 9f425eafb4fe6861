// Suggestions under a text input, the ARIA 1.2 combobox pattern, on top of forms that work
// without JavaScript. Two behaviours share it:
// - a search form with data-autocomplete-url (the header's, the member directory's): its
//   role="combobox" input lists {"suggestions": [{"label", "kind_label", "url"}]}, and
//   choosing one goes to its page;
// - a chooser (home.widgets.ChooserInput): a role="combobox" input with data-chooser-url
//   lists {"results": [{"label", "detail", "value"}]}; choosing one writes its label into
//   the input and its value into the hidden field named by data-chooser-value, and typing
//   again clears that field.
// window.cercleCombobox(input, list, settings) sets up any other input the same way.
(function () {
  "use strict";

  if (window.cercleCombobox) return;

  var DEBOUNCE_MS = 150;
  var MIN_LENGTH = 2;

  function combobox(input, list, settings) {
    var active = -1;
    var timer = null;
    var lastQuery = "";
    var items = [];

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
      items = [];
    }

    function highlight(index) {
      var nodes = options();
      if (!nodes.length) return;
      active = (index + nodes.length) % nodes.length;
      nodes.forEach(function (node, i) {
        node.setAttribute("aria-selected", i === active ? "true" : "false");
      });
      input.setAttribute("aria-activedescendant", nodes[active].id);
    }

    function choose(index) {
      var item = items[index];
      if (!item) return;
      close();
      settings.choose(item);
    }

    function option(item, i) {
      var node = document.createElement("li");
      node.id = list.id + "-option-" + i;
      node.setAttribute("role", "option");
      node.setAttribute("aria-selected", "false");
      // The name, then its kind after a pause: "Club de Lille, Clubs", not "Club de LilleClubs".
      var label = document.createElement("span");
      label.textContent = item.label;
      var labelLang = list.getAttribute("data-label-lang");
      if (labelLang) label.setAttribute("lang", labelLang);
      node.appendChild(label);
      var aside = settings.aside(item);
      if (aside) {
        var separator = document.createElement("span");
        separator.className = "visually-hidden";
        separator.textContent = ", ";
        var secondary = document.createElement("span");
        secondary.className = settings.asideClass;
        secondary.textContent = aside;
        node.appendChild(separator);
        node.appendChild(secondary);
      }
      node.addEventListener("mousedown", function (event) {
        event.preventDefault();
        choose(i);
      });
      return node;
    }

    function show(found) {
      list.textContent = "";
      active = -1;
      if (!found.length) {
        close();
        return;
      }
      items = found;
      found.forEach(function (item, i) {
        list.appendChild(option(item, i));
      });
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }

    function suggest() {
      var query = input.value.trim();
      if (query === lastQuery) return;
      lastQuery = query;
      if (query.length < MIN_LENGTH) {
        close();
        return;
      }
      var separator = settings.url.indexOf("?") >= 0 ? "&" : "?";
      fetch(settings.url + separator + "q=" + encodeURIComponent(query), {
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      })
        .then(function (response) {
          return response.ok ? response.json() : {};
        })
        .then(function (data) {
          if (input.value.trim() === query) show(data[settings.key] || []);
        })
        .catch(close);
    }

    input.addEventListener("input", function () {
      if (settings.typed) settings.typed();
      window.clearTimeout(timer);
      timer = window.setTimeout(suggest, DEBOUNCE_MS);
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown") {
        if (list.hidden) suggest();
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

  function searchForm(form) {
    var input = form.querySelector('[role="combobox"]');
    var list = form.querySelector('[role="listbox"]');
    if (!input || !list) return;
    combobox(input, list, {
      url: form.getAttribute("data-autocomplete-url"),
      key: "suggestions",
      aside: function (suggestion) {
        return suggestion.kind_label;
      },
      asideClass: "site-search__kind",
      choose: function (suggestion) {
        window.location.href = suggestion.url;
      },
    });
  }

  function chooser(input) {
    var list = document.getElementById(input.getAttribute("aria-controls"));
    if (!list) return;
    var valueName = input.getAttribute("data-chooser-value");
    var target = valueName && input.form ? input.form.elements[valueName] : null;
    combobox(input, list, {
      url: input.getAttribute("data-chooser-url"),
      key: "results",
      aside: function (result) {
        return result.detail;
      },
      asideClass: "chooser__detail",
      choose: function (result) {
        input.value = result.label;
        if (target) target.value = result.value;
      },
      typed: function () {
        if (target) target.value = "";
      },
    });
  }

  window.cercleCombobox = combobox;

  function setUpAll() {
    document.querySelectorAll("form[data-autocomplete-url]").forEach(searchForm);
    document.querySelectorAll('input[role="combobox"][data-chooser-url]').forEach(chooser);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUpAll);
  } else {
    setUpAll();
  }
})();
