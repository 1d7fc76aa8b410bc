(function () {
  "use strict";
  // sort the rows of each group by the clicked column; numbers numerically, text by locale
  document.querySelectorAll("table.sortable").forEach(function (table) {
    var heads = table.querySelectorAll("thead th");
    heads.forEach(function (th, col) {
      th.addEventListener("click", function () {
        var asc = th.getAttribute("aria-sort") !== "ascending";
        heads.forEach(function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", asc ? "ascending" : "descending");
        var numeric = th.dataset.type === "num";
        table.querySelectorAll("tbody").forEach(function (body) {
          var rows = Array.prototype.filter.call(body.rows, function (r) { return !r.classList.contains("group"); });
          rows.sort(function (a, b) {
            var x = a.cells[col].dataset.v || "", y = b.cells[col].dataset.v || "";
            var d = numeric ? (parseFloat(x) || 0) - (parseFloat(y) || 0) : x.localeCompare(y, undefined, { numeric: true });
            return asc ? d : -d;
          });
          rows.forEach(function (r) { body.appendChild(r); });
        });
      });
    });
  });
})();
