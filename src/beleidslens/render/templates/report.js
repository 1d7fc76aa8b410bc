(function () {
  "use strict";
  var dataNode = document.getElementById("doc-data");
  var docText = dataNode ? JSON.parse(dataNode.textContent) : null;
  var drawer = document.getElementById("document");
  var pre = document.getElementById("doctext");
  var where = document.getElementById("drawer-where");

  function showContext(start, end, label) {
    if (docText === null || !pre) { return; }
    start = Math.max(0, Math.min(start, docText.length));
    end = Math.max(start, Math.min(end, docText.length));
    while (pre.firstChild) { pre.removeChild(pre.firstChild); }
    var mark = document.createElement("mark");
    mark.textContent = docText.slice(start, end);
    pre.appendChild(document.createTextNode(docText.slice(0, start)));
    pre.appendChild(mark);
    pre.appendChild(document.createTextNode(docText.slice(end)));
    where.textContent = label || "";
    drawer.hidden = false;
    mark.scrollIntoView({ block: "center", inline: "nearest" });
    mark.setAttribute("tabindex", "-1");
    mark.focus({ preventScroll: true });
  }

  document.addEventListener("click", function (ev) {
    var link = ev.target.closest ? ev.target.closest("a.ctx") : null;
    if (!link) { return; }
    ev.preventDefault();
    showContext(parseInt(link.getAttribute("data-start"), 10),
                parseInt(link.getAttribute("data-end"), 10),
                link.getAttribute("data-where"));
  });
  var closeBtn = document.getElementById("drawer-close");
  if (closeBtn) { closeBtn.addEventListener("click", function () { drawer.hidden = true; }); }
  document.addEventListener("keydown", function (ev) {
    if (ev.key === "Escape" && drawer && !drawer.hidden) { drawer.hidden = true; }
  });
  var printBtn = document.getElementById("print-btn");
  if (printBtn) { printBtn.addEventListener("click", function () { window.print(); }); }

  function fold(s) {
    return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  var search = document.getElementById("search");
  var count = document.getElementById("search-count");
  var items = Array.prototype.slice.call(document.querySelectorAll("li.passage"));
  var folded = items.map(function (li) {
    var q = li.querySelector("blockquote");
    return fold((q ? q.textContent : "") + " " + li.querySelector(".pmeta").textContent);
  });
  function applySearch() {
    var q = fold(search.value.trim());
    var shown = 0;
    items.forEach(function (li, i) {
      var hit = !q || folded[i].indexOf(q) !== -1;
      li.classList.toggle("hidden-by-search", !hit);
      if (hit) { shown += 1; }
      if (hit && q) {
        var det = li.closest("details");
        if (det) { det.open = true; }
      }
    });
    var noun = shown === 1 ? count.getAttribute("data-one") : count.getAttribute("data-label");
    count.textContent = q ? shown + " " + noun : "";
  }
  if (search) {
    count.setAttribute("data-label", search.getAttribute("data-matches") || "");
    count.setAttribute("data-one", search.getAttribute("data-match") || "");
    search.addEventListener("input", applySearch);
  }
})();
