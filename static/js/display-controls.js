/*
 * Display controls: "Larger text" and "High contrast", for readers who need them.
 *
 * Progressive enhancement: the page is complete without this script. The buttons wait in a
 * <template> (templates/includes/display_controls.html) that only this script shows, so that
 * nothing that cannot work is shown without JavaScript. A choice is a class on <html>
 * (`text-large`, `contrast-high`; static/css/site.css) and is remembered on this device in
 * localStorage, never in a cookie: nothing of it reaches the server.
 */
(function () {
  "use strict";

  var STORAGE_KEY = "mops-display";
  var OPTIONS = ["text-large", "contrast-high"];
  var root = document.documentElement;

  function remembered() {
    try {
      var stored = window.localStorage.getItem(STORAGE_KEY) || "";
      return stored.split(" ").filter(function (option) {
        return OPTIONS.indexOf(option) !== -1;
      });
    } catch (error) {
      return []; // storage blocked: the buttons still work on this page
    }
  }

  function remember() {
    var chosen = OPTIONS.filter(function (option) {
      return root.classList.contains(option);
    });
    try {
      if (chosen.length) {
        window.localStorage.setItem(STORAGE_KEY, chosen.join(" "));
      } else {
        window.localStorage.removeItem(STORAGE_KEY);
      }
    } catch (error) {
      // Not remembered on this device; the choice holds until the reader leaves the page.
    }
  }

  // First, before showing anything, so that the page does not change under the reader's eyes.
  var chosen = remembered();
  OPTIONS.forEach(function (option) {
    root.classList.toggle(option, chosen.indexOf(option) !== -1);
  });

  var template = document.getElementById("display-controls-template");
  if (!template || !template.content || !template.content.firstElementChild) {
    return;
  }
  var controls = template.content.firstElementChild.cloneNode(true);
  var buttons = controls.querySelectorAll("button[data-display-option]");
  Array.prototype.forEach.call(buttons, function (button) {
    var option = button.getAttribute("data-display-option");
    button.setAttribute("aria-pressed", String(root.classList.contains(option)));
    button.addEventListener("click", function () {
      var on = root.classList.toggle(option);
      button.setAttribute("aria-pressed", String(on));
      remember();
    });
  });
  template.parentNode.insertBefore(controls, template);
})();
