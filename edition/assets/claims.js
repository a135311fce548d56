/* claims.js : filters and sorting for the claims overview (claims/index.html).
   Without it every row shows and the form stays hidden; with it the form appears, the
   selects hide the rows that do not match, and the column headings sort the table. */
(function () {
  "use strict";
  var form = document.querySelector(".pe-claims-filter");
  var table = document.getElementById("pe-claims-table");
  if (!form || !table) { return; }
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var count = form.querySelector(".pe-filter-count");

  function matches(row, facet, value) {
    if (!value) { return true; }
    return (row.getAttribute("data-" + facet) || "").split(" ").indexOf(value) !== -1;
  }

  function apply() {
    var selects = form.querySelectorAll("select[data-facet]");
    var shown = 0;
    rows.forEach(function (row) {
      var ok = true;
      selects.forEach(function (s) { ok = ok && matches(row, s.getAttribute("data-facet"), s.value); });
      row.hidden = !ok;
      if (ok) { shown += 1; }
    });
    if (count) {
      count.textContent = (count.getAttribute("data-template") || "{1} / {2}")
        .replace("{1}", String(shown)).replace("{2}", String(rows.length));
    }
  }

  function sortBy(index, button) {
    var th = button.parentNode;
    var ascending = th.getAttribute("aria-sort") !== "ascending";
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (c) { c.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    rows.slice().sort(function (a, b) {
      var x = a.cells[index].textContent.trim(), y = b.cells[index].textContent.trim();
      var r = x.localeCompare(y, "en", { numeric: true });
      return ascending ? r : -r;
    }).forEach(function (row) { body.appendChild(row); });
  }

  form.hidden = false;
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (e) { e.preventDefault(); apply(); });
  Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, i) {
    var button = document.createElement("button");
    button.type = "button";
    button.textContent = th.textContent;
    th.textContent = "";
    th.appendChild(button);
    button.addEventListener("click", function () { sortBy(i, button); });
  });
  apply();
}());
