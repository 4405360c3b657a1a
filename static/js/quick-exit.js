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
