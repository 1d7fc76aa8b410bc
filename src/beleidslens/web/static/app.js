/* beleidslens workbench: keyboard review, move dialog, adding a passage from a text selection. */
(function () {
  "use strict";
  var current = -1;
  var currentKey = null;
  var advanceFrom = null;

  function cards() { return Array.prototype.slice.call(document.querySelectorAll("#cards .passage")); }

  function select(index, scroll) {
    var list = cards();
    if (!list.length) { current = -1; return; }
    index = Math.max(0, Math.min(index, list.length - 1));
    list.forEach(function (c) { c.classList.remove("current"); });
    var card = list[index];
    card.classList.add("current");
    current = index;
    currentKey = card.dataset.key;
    if (scroll !== false) { card.scrollIntoView({ block: "nearest" }); }
    document.querySelectorAll("#doctext mark.focus").forEach(function (m) { m.classList.remove("focus"); });
    var mark = document.getElementById("d-" + card.dataset.key);
    if (mark) {
      mark.classList.add("focus");
      var pane = document.getElementById("doctext");
      if (pane) { pane.scrollTop = mark.offsetTop - pane.offsetTop - pane.clientHeight / 3; }
    }
  }

  function currentCard() { var list = cards(); return current >= 0 ? list[current] : null; }

  function press(selector) {
    var card = currentCard();
    if (!card) { return; }
    var button = card.querySelector(selector);
    if (button) { advanceFrom = card.dataset.key; button.click(); }
  }

  function openMove(key) {
    var dialog = document.getElementById("move-dialog");
    var form = document.getElementById("move-form");
    if (!dialog || !form) { return; }
    form.elements.key.value = key;
    var card = document.getElementById("c-" + key);
    form.elements.seen_version.value = card ? (card.dataset.version || "0") : "";
    dialog.showModal();
    var first = dialog.querySelector(".move-target");
    if (first) { first.focus(); }
  }

  function submitMove(theme) {
    var dialog = document.getElementById("move-dialog");
    var form = document.getElementById("move-form");
    form.elements.target.value = theme;
    form.setAttribute("hx-target", "#c-" + form.elements.key.value);
    htmx.process(form);
    dialog.close();
    advanceFrom = form.elements.key.value;
    htmx.trigger(form, "submit");
  }

  function typing(target) {
    return target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
  }

  document.addEventListener("keydown", function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey) { return; }
    var dialog = document.getElementById("move-dialog");
    if (dialog && dialog.open) {
      if (/^[1-9]$/.test(e.key)) {
        var b = dialog.querySelector('.move-target[data-n="' + e.key + '"]');
        if (b) { e.preventDefault(); submitMove(b.dataset.theme); }
      }
      return;
    }
    if (typing(e.target) || !document.getElementById("cards")) { return; }
    switch (e.key) {
      case "j": e.preventDefault(); select(current + 1); break;
      case "k": e.preventDefault(); select(current - 1); break;
      case "a": e.preventDefault(); press(".act-accept"); break;
      case "r": e.preventDefault(); press(".act-reject"); break;
      case "m": {
        e.preventDefault();
        var card = currentCard();
        if (card) { openMove(card.dataset.key); }
        break;
      }
      default: break;
    }
  });

  document.addEventListener("click", function (e) {
    var move = e.target.closest && e.target.closest(".act-move");
    if (move) {
      var list = cards();
      var idx = list.indexOf(move.closest(".passage"));
      if (idx >= 0) { select(idx, false); }
      openMove(move.dataset.key);
      return;
    }
    var target = e.target.closest && e.target.closest(".move-target");
    if (target) { submitMove(target.dataset.theme); return; }
    /* the keyboard cursor follows the mouse: a click anywhere in a card, its buttons
       included, makes it the current card (so j, then a, acts on the one after it) */
    var card = e.target.closest && e.target.closest("#cards .passage");
    if (card) { select(cards().indexOf(card), false); }
  });

  function indexOfKey(key) {
    var list = cards();
    for (var i = 0; i < list.length; i++) { if (list[i].dataset.key === key) { return i; } }
    return -1;
  }

  document.addEventListener("htmx:afterSettle", function () {
    if (advanceFrom) {
      var from = indexOfKey(advanceFrom);
      advanceFrom = null;
      if (from >= 0) { select(from + 1); return; }
    }
    if (currentKey) {
      var idx = indexOfKey(currentKey);
      if (idx >= 0) { select(idx, false); }
    }
  });

  document.addEventListener("htmx:responseError", function (e) {
    advanceFrom = null;
    var flash = document.getElementById("flash");
    if (!flash) { return; }
    var xhr = e.detail.xhr;
    var div = document.createElement("div");
    div.innerHTML = xhr.responseText || "";
    flash.textContent = (div.textContent || "").trim() || ("HTTP " + xhr.status);
    flash.hidden = false;
    setTimeout(function () { flash.hidden = true; }, 6000);
  });

  /* Selection in the document view → offsets in the normalized text. */
  function offsetIn(container, node, offset) {
    var range = document.createRange();
    range.setStart(container, 0);
    range.setEnd(node, offset);
    return range.toString().length;
  }

  document.addEventListener("mouseup", function () {
    var pane = document.getElementById("doctext");
    var form = document.getElementById("add-form");
    if (!pane || !form) { return; }
    var sel = window.getSelection();
    if (!sel || sel.rangeCount === 0 || sel.isCollapsed) { form.hidden = true; return; }
    var range = sel.getRangeAt(0);
    if (!pane.contains(range.startContainer) || !pane.contains(range.endContainer)) { return; }
    var start = offsetIn(pane, range.startContainer, range.startOffset);
    var end = offsetIn(pane, range.endContainer, range.endOffset);
    /* snap to whole words: never "… bewaakt d" (the server snaps the same way) */
    var full = pane.textContent;
    var word = /[\p{L}\p{N}\p{M}'’\-]/u;
    while (start > 0 && start < full.length && word.test(full[start - 1]) && word.test(full[start])) { start--; }
    while (end < full.length && end > 0 && word.test(full[end]) && word.test(full[end - 1])) { end++; }
    while (start < end && /\s/.test(full[start])) { start++; }
    while (end > start && /\s/.test(full[end - 1])) { end--; }
    var text = full.slice(start, end);
    if (end <= start || !text.trim()) { form.hidden = true; return; }
    form.elements.start.value = start;
    form.elements.end.value = end;
    form.elements.text.value = text;
    form.querySelector(".preview").textContent = text.length > 120 ? text.slice(0, 117) + "…" : text;
    form.hidden = false;
  });

  document.addEventListener("DOMContentLoaded", function () {
    var wb = document.querySelector(".workbench");
    if (!wb) { return; }
    var list = cards();
    var pos = wb.dataset.position;
    var idx = 0;
    list.forEach(function (c, i) { if (pos && c.dataset.key === pos) { idx = i; } });
    if (list.length) { select(idx); }
  });
})();
