/*
 * "Leave this page": go to a neutral site at once and replace this visit in the history, so
 * that Back does not return here. Three presses of Shift within two seconds do the same, as in
 * GOV.UK's "Exit this page" component. Without JavaScript the control is an ordinary link.
 */
(function () {
  "use strict";

  var link = document.querySelector("[data-quick-exit]");
  if (!link) {
    return;
  }
  var PRESSES = 3;
  var WINDOW_MS = 2000;
  var presses = 0;
  var timer = null;

  function leave(event) {
    if (event) {
      event.preventDefault();
    }
    // Hide the content at once, in case the next site is slow to answer.
    document.documentElement.style.visibility = "hidden";
    window.location.replace(link.href);
  }

  link.addEventListener("click", leave);

  // The bar stays at the top of the screen: it must never hide what has focus or what an in-page
  // link leads to (WCAG 2.4.11). The stylesheet keeps that much room free at the top
  // (scroll-padding-top, from --quick-exit-height); the bar's real height, which grows with
  // larger text or a wrapped line, replaces the stylesheet's estimate.
  var bar = link.closest("[data-quick-exit-bar]") || link.parentNode;
  var root = document.documentElement;

  function measure() {
    root.style.setProperty("--quick-exit-height", bar.offsetHeight + "px");
  }

  measure();
  if (window.ResizeObserver) {
    new window.ResizeObserver(measure).observe(bar);
  } else {
    window.addEventListener("resize", measure);
  }

  // Focus moved by a script or by `autofocus` (the error summary of a form sent with mistakes)
  // may land under the bar: scroll it clear. Keyboard focus is already kept clear by the
  // scroll padding; this repeats it for every way focus can arrive.
  function clear(element) {
    if (!element || element === document.body || bar.contains(element)) {
      return;
    }
    var hidden = bar.getBoundingClientRect().bottom - element.getBoundingClientRect().top;
    if (hidden > 0) {
      // "instant": the smooth scrolling of in-page links would leave it hidden for a moment.
      window.scrollBy({ top: -hidden - 8, behavior: "instant" });
    }
  }

  document.addEventListener("focusin", function (event) {
    clear(event.target);
  });
  clear(document.activeElement);
  window.addEventListener("load", function () {
    clear(document.activeElement);
  });

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Shift") {
      presses = 0;
      return;
    }
    if (event.repeat) {
      return;
    }
    presses += 1;
    window.clearTimeout(timer);
    timer = window.setTimeout(function () {
      presses = 0;
    }, WINDOW_MS);
    if (presses >= PRESSES) {
      leave();
    }
  });
})();
