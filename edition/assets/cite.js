/* Purges in Dispute: the access date of a citation. The build is deterministic and writes no
   date of its own into a citation's access field: every element with data-access holds the
   placeholder "[date of your visit]" (pe:access-placeholder in xslt/modules/citation.xsl),
   which this script replaces with today's date in the element's format (chicago: December 5,
   2026; iso: 2026-12-05; ris: 2026/12/05). The CSL-JSON download gains an "accessed" date.
   Without JavaScript the placeholder stays, for the reader to fill in. */
(function () {
  'use strict';

  var PLACEHOLDER = '[date of your visit]';
  var MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August',
    'September', 'October', 'November', 'December'];
  var now = new Date();
  var y = now.getFullYear();
  var m = now.getMonth() + 1;
  var d = now.getDate();
  var pad = function (n) { return (n < 10 ? '0' : '') + n; };
  var formats = {
    chicago: MONTHS[m - 1] + ' ' + d + ', ' + y,
    iso: y + '-' + pad(m) + '-' + pad(d),
    ris: y + '/' + pad(m) + '/' + pad(d)
  };

  function fill(el) {
    var date = formats[el.getAttribute('data-access')];
    if (!date) { return; }
    if (el.tagName === 'A') {
      var href = el.getAttribute('href') || '';
      el.setAttribute('href', href.split(encodeURIComponent(PLACEHOLDER)).join(encodeURIComponent(date)));
      return;
    }
    if (el.textContent.indexOf(PLACEHOLDER) >= 0) {
      el.textContent = el.textContent.split(PLACEHOLDER).join(date);
    }
  }

  function accessedCsl(link) {
    var href = link.getAttribute('href') || '';
    var comma = href.indexOf(',');
    if (comma < 0) { return; }
    try {
      var items = JSON.parse(decodeURIComponent(href.slice(comma + 1)));
      items.forEach(function (item) { item.accessed = { 'date-parts': [[y, m, d]] }; });
      link.setAttribute('href', href.slice(0, comma + 1) + encodeURIComponent(JSON.stringify(items)));
    } catch (e) { /* leave the download as built */ }
  }

  Array.prototype.forEach.call(document.querySelectorAll('[data-access]'), fill);
  Array.prototype.forEach.call(document.querySelectorAll('a.cite-csl'), accessedCsl);
  document.documentElement.setAttribute('data-cite-access', formats.iso);
})();
