// The skill page's copy buttons, a progressive enhancement: without JavaScript the buttons stay
// hidden and the snippets are plain selectable text. With it, each button copies its snippet and
// says so (for screen readers too, through its label).
(function () {
  function copied(button) {
    var label = button.firstChild;
    var text = label.nodeValue;
    label.nodeValue = "Copied";
    button.setAttribute("data-copied", "");
    setTimeout(function () { label.nodeValue = text; button.removeAttribute("data-copied"); }, 1500);
  }

  function select(code) {
    var range = document.createRange();
    range.selectNodeContents(code);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  document.addEventListener("DOMContentLoaded", function () {
    var buttons = document.querySelectorAll("button[data-copy]");
    for (var i = 0; i < buttons.length; i++) {
      (function (button) {
        var code = document.getElementById(button.getAttribute("data-copy"));
        if (!code) { return; }
        button.hidden = false;
        button.setAttribute("aria-live", "polite");
        button.addEventListener("click", function () {
          var text = code.textContent;
          if (navigator.clipboard && navigator.clipboard.writeText) {
            navigator.clipboard.writeText(text).then(function () { copied(button); }, function () { select(code); });
          } else {
            // No clipboard API (an insecure origin): select the text, so Ctrl+C copies it.
            select(code);
          }
        });
      })(buttons[i]);
    }
  });
})();
