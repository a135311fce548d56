/* Purges in Dispute: reading-page enhancements. Every page works without this script:
   it only (1) shows the reading options and applies them as classes on the article
   (the CSS does the showing), and (2) opens apparatus notes and index entries, which are
   already on the page, in a panel instead of jumping to them. No outside requests. */
(function () {
  'use strict';

  var article = document.getElementById('reading');
  if (!article) { return; }

  /* 1 reading options ------------------------------------------------------- */
  var form = document.getElementById('reading-controls');
  var VIEWS = ['view-all', 'view-edited', 'view-diplomatic'];

  function applyOptions() {
    var checked = form.querySelector('input[name="view"]:checked');
    VIEWS.forEach(function (c) { article.classList.remove(c); });
    article.classList.add('view-' + (checked ? checked.value : 'edited'));
    Array.prototype.forEach.call(form.querySelectorAll('input[name="highlight"]'), function (box) {
      article.classList.toggle('hl-' + box.value, box.checked);
    });
  }
  var WIDE = window.matchMedia ? window.matchMedia('(min-width: 64rem)') : { matches: true };
  if (form) {
    form.hidden = false;
    var options = document.getElementById('reading-options');
    if (options) {
      options.hidden = false;
      if (WIDE.matches) { options.open = true; }  // folded on a phone, so the text starts on the first screen
    }
    form.addEventListener('change', function () { applyOptions(); placeMarginNotes(); });
    form.addEventListener('submit', function (ev) { ev.preventDefault(); });
    applyOptions();
  }

  /* notes in the margin (wide screens): one short note beside each note sign, its verdict in
     words, opening the full note; placed below one another where signs are close -------- */
  var MARGIN = window.matchMedia ? window.matchMedia('(min-width: 80rem)') : { matches: false };
  var text = article.querySelector('.source-text');
  function placeMarginNotes() {
    if (!text) { return; }
    var old = text.querySelector('.margin-notes');
    if (old) { old.remove(); }
    text.classList.remove('with-margin');
    if (!MARGIN.matches) { return; }
    var list = document.createElement('ul');
    list.className = 'margin-notes';
    list.setAttribute('aria-label', article.getAttribute('data-label-margin') || 'Notes');
    text.classList.add('with-margin');
    text.appendChild(list);
    var base = text.getBoundingClientRect().top;
    var next = 0;
    var seen = {};
    var verdicts = {};  // note id -> the distinct verdicts of its signs on this page, in order
    Array.prototype.forEach.call(text.querySelectorAll('a.note-sign'), function (sign) {
      var id = sign.getAttribute('data-note');
      var label = sign.getAttribute('data-verdict-label');
      var list = verdicts[id] = verdicts[id] || [];
      if (label && sign.getBoundingClientRect().height > 0 && list.every(function (v) { return v[0] !== label; })) {
        list.push([label, sign.getAttribute('data-verdict')]);
      }
    });
    Array.prototype.forEach.call(text.querySelectorAll('a.note-sign'), function (sign) {
      var noteId = sign.getAttribute('data-note');
      var note = document.getElementById(noteId);
      var box = sign.getBoundingClientRect();
      if (!note || seen[noteId] || box.height === 0) { return; }
      seen[noteId] = true;
      var li = document.createElement('li');
      var a = document.createElement('a');
      a.href = '#' + noteId;
      a.className = 'margin-note ' + Array.prototype.filter.call(sign.classList, function (c) {
        return c.indexOf('pe-verdict') === 0; }).join(' ');
      a.setAttribute('data-note', noteId);
      var num = document.createElement('span');
      num.className = 'margin-num';
      num.textContent = sign.firstChild ? sign.firstChild.textContent : '';
      a.appendChild(num);
      (verdicts[noteId] || []).forEach(function (verdict) {
        var v = document.createElement('span');
        v.className = 'margin-verdict pe-verdict-' + verdict[1];
        v.textContent = verdict[0];
        a.appendChild(v);
      });
      var q = note.querySelector('.pe-app-question');
      if (q) {
        var qs = document.createElement('span');
        qs.className = 'margin-q';
        qs.textContent = q.textContent;
        a.appendChild(qs);
      }
      li.appendChild(a);
      list.appendChild(li);
      var top = Math.max(box.top - base - 4, next);
      li.style.top = top + 'px';
      next = top + li.offsetHeight + 6;
    });
  }
  placeMarginNotes();
  if (MARGIN.addEventListener) { MARGIN.addEventListener('change', placeMarginNotes); }
  window.addEventListener('load', placeMarginNotes);
  var resizing = null;
  window.addEventListener('resize', function () {
    window.clearTimeout(resizing);
    resizing = window.setTimeout(placeMarginNotes, 150);
  });

  /* 2 panel for notes and index entries ------------------------------------ */
  var panel = null;
  var opener = null;

  function buildPanel() {
    var p = document.createElement('div');
    p.className = 'pe-panel';
    p.id = 'pe-panel';
    p.setAttribute('role', 'dialog');
    p.setAttribute('aria-labelledby', 'pe-panel-title');
    p.hidden = true;
    var bar = document.createElement('div');
    bar.className = 'pe-panel-bar';
    var title = document.createElement('h2');
    title.id = 'pe-panel-title';
    title.tabIndex = -1;
    var close = document.createElement('button');
    close.type = 'button';
    close.className = 'pe-panel-close';
    close.textContent = article.getAttribute('data-label-close') || 'Close';
    close.addEventListener('click', closePanel);
    bar.appendChild(title);
    bar.appendChild(close);
    var body = document.createElement('div');
    body.className = 'pe-panel-body';
    p.appendChild(bar);
    p.appendChild(body);
    p.addEventListener('keydown', function (ev) {
      if (ev.key === 'Escape') { ev.preventDefault(); closePanel(); }
    });
    document.body.appendChild(p);
    return p;
  }

  function openPanel(source, heading, trigger) {
    panel = panel || buildPanel();
    var body = panel.querySelector('.pe-panel-body');
    var copy = source.cloneNode(true);
    if (copy.tagName === 'LI') {  // a list item outside its list is not valid: keep its content in a div
      var div = document.createElement('div');
      div.className = copy.className;
      while (copy.firstChild) { div.appendChild(copy.firstChild); }
      copy = div;
    }
    copy.removeAttribute('id');
    Array.prototype.forEach.call(copy.querySelectorAll('[id]'), function (el) { el.removeAttribute('id'); });
    Array.prototype.forEach.call(copy.querySelectorAll('.back-links'), function (el) { el.remove(); });
    copy.removeAttribute('tabindex');
    body.textContent = '';
    body.appendChild(copy);
    panel.querySelector('#pe-panel-title').textContent = heading;
    opener = trigger;
    if (trigger) { trigger.setAttribute('aria-expanded', 'true'); }
    panel.hidden = false;
    /* below the site header while it is in view, never over the navigation; as tall as the
       window allows (a phone's sheet is placed by the CSS) */
    if (WIDE.matches) {
      var header = document.querySelector('.site-header');
      var top = Math.max(8, header ? header.getBoundingClientRect().bottom + 8 : 8);
      panel.style.top = top + 'px';
      panel.style.maxHeight = (window.innerHeight - top - 16) + 'px';
    } else {
      panel.style.top = '';
      panel.style.maxHeight = '';
    }
    panel.querySelector('.pe-panel-close').focus();
  }

  function closePanel() {
    if (!panel || panel.hidden) { return; }
    panel.hidden = true;
    if (opener) {
      if (opener.hasAttribute('aria-expanded')) { opener.setAttribute('aria-expanded', 'false'); }
      opener.focus();
    }
    opener = null;
  }

  document.addEventListener('keydown', function (ev) {
    if (ev.key === 'Escape') { closePanel(); }
  });

  article.addEventListener('click', function (ev) {
    if (ev.defaultPrevented || ev.button !== 0 || ev.ctrlKey || ev.metaKey || ev.shiftKey || ev.altKey) { return; }
    var link = ev.target.closest('a.note-sign, a.margin-note, a.ent[data-ref]');
    if (!link || (panel && panel.contains(link))) { return; }
    var isNote = link.classList.contains('note-sign') || link.classList.contains('margin-note');
    var target = document.getElementById(isNote ? link.getAttribute('data-note') : 'entry-' + link.getAttribute('data-ref'));
    if (!target) { return; }
    ev.preventDefault();
    var heading = isNote
      ? (article.getAttribute('data-label-note') || 'Note') + ' ' + (link.firstChild ? link.firstChild.textContent : '')
        + (link.getAttribute('data-verdict-label') ? ' · ' + link.getAttribute('data-verdict-label') : '')
      : ((target.querySelector('.pe-entry-name') || link).textContent);
    openPanel(target, heading.trim(), link);
  });

  panel = buildPanel();
  Array.prototype.forEach.call(article.querySelectorAll('a.note-sign, a.ent[data-ref]'), function (a) {
    a.setAttribute('aria-haspopup', 'dialog');
    a.setAttribute('aria-controls', 'pe-panel');
    a.setAttribute('aria-expanded', 'false');
  });
}());
