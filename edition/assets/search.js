/* Purges in Dispute: starts Pagefind's own search interface on search.html (the bundle in
   pagefind/ is written by the build). Runs a query given as ?q= (the header search box).
   Everything is served by the edition itself; no outside requests. */
(function () {
  'use strict';

  var box = document.getElementById('search');
  if (!box || typeof window.PagefindUI !== 'function') { return; }

  // result URLs in the index are site-absolute ("/sources/{siglum}.html"); search.html is at
  // the site's root, so its folder is the prefix that makes them work wherever the site lives
  var base = new URL('.', document.baseURI).pathname;
  var ui = new window.PagefindUI({
    element: '#search',
    baseUrl: base,
    showSubResults: true,
    showImages: false,
    excerptLength: 24,
    // Long pages are hardly penalised (Pagefind's default pageLength is 0.75): a reading page
    // holds a whole source and would otherwise rank below every short page that names the same
    // word; the source's own text also weighs more (data-pagefind-weight in source.xsl).
    ranking: { pageLength: 0.1 },
    translations: { placeholder: box.getAttribute('data-label-input') || 'Search the edition' }
  });

  var query = new URLSearchParams(window.location.search).get('q');
  if (query) { ui.triggerSearch(query); }
})();
