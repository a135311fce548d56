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
  if (form) {
    form.hidden = false;
    form.addEventListener('change', applyOptions);
    form.addEventListener('submit', function (ev) { ev.preventDefault(); });
    applyOptions();
  }

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
    panel.querySelector('.pe-panel-close').focus();
  }

  function closePanel() {
    if (!panel || panel.hidden) { return; }
    panel.hidden = true;
    if (opener) {
      opener.setAttribute('aria-expanded', 'false');
      opener.focus();
    }
    opener = null;
  }

  document.addEventListener('keydown', function (ev) {
    if (ev.key === 'Escape') { closePanel(); }
  });

  article.addEventListener('click', function (ev) {
    if (ev.defaultPrevented || ev.button !== 0 || ev.ctrlKey || ev.metaKey || ev.shiftKey || ev.altKey) { return; }
    var link = ev.target.closest('a.note-sign, a.ent[data-ref]');
    if (!link || (panel && panel.contains(link))) { return; }
    var isNote = link.classList.contains('note-sign');
    var target = document.getElementById(isNote ? link.getAttribute('data-note') : 'entry-' + link.getAttribute('data-ref'));
    if (!target) { return; }
    ev.preventDefault();
    var heading = isNote
      ? (article.getAttribute('data-label-note') || 'Note') + ' ' + link.textContent
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
