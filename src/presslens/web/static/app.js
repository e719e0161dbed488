// presslens: show the explanation of a highlighted passage in the side panel.
// Explanations come from the span's title attribute (escaped by the server) and are
// inserted as text nodes only, never as HTML.
(function () {
  "use strict";
  function explain(span) {
    var panel = document.getElementById("explain-body");
    if (!panel) { return; }
    document.querySelectorAll(".hl.selected").forEach(function (s) { s.classList.remove("selected"); });
    span.classList.add("selected");
    var list = document.createElement("ul");
    (span.getAttribute("title") || "").split("\n").forEach(function (line) {
      if (!line) { return; }
      var item = document.createElement("li");
      item.textContent = line;
      list.appendChild(item);
    });
    var quote = document.createElement("p");
    quote.className = "quote";
    quote.textContent = "\u201c" + span.textContent + "\u201d";
    panel.replaceChildren(quote, list);
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("#article-text .hl").forEach(function (span) {
      span.setAttribute("tabindex", "0");
      span.setAttribute("role", "button");
      span.addEventListener("click", function () { explain(span); });
      span.addEventListener("keydown", function (e) {
        if (e.key === "Enter" || e.key === " ") { e.preventDefault(); explain(span); }
      });
    });
  });
})();
