/*
 * The header's menu (templates/base.html): a <details> that a phone shows folded under "Menu",
 * so that the page itself starts on the first screen. Without JavaScript it opens with a tap.
 * On a wide screen there is room for everything: this script opens it and marks it wide, and
 * the stylesheet then hides "Menu". Loaded right after the menu, not deferred, so that a wide
 * screen never shows the folded header first.
 */
(function () {
  "use strict";

  var menu = document.querySelector("[data-site-menu]");
  if (!menu || !window.matchMedia) {
    return;
  }
  // The same width as the stylesheet's "Menu" section.
  var wide = window.matchMedia("(min-width: 64em)");

  function fit() {
    menu.classList.toggle("site-menu--wide", wide.matches);
    // Folded again when the window narrows (or the page is zoomed in), open when it widens.
    menu.open = wide.matches;
  }

  fit();
  if (wide.addEventListener) {
    wide.addEventListener("change", fit);
  } else if (wide.addListener) {
    wide.addListener(fit);
  }
})();
