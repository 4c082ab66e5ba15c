/* The HTML report's navigation, inlined by the renderer (no server, no network, no library):
   - the sidebar's table of contents marks the section being read and unfolds its chapter;
   - on narrow screens the sidebar folds away behind the "Inhoud" button;
   - search over headings and text, built from the page itself; Enter goes to the best hit;
   - a table wider than its box becomes a focusable, named region (keyboard scrolling).
   Text from the page is only ever set as text, never as markup. */
(function () {
  "use strict";
  var root = document.documentElement;
  root.classList.remove("no-js");
  root.classList.add("js");

  var main = document.getElementById("main");
  var sidebar = document.getElementById("sidebar");
  var toggle = document.getElementById("sidebar-toggle");
  var closer = document.getElementById("sidebar-close");
  var toc = document.getElementById("TOC");
  if (!main || !sidebar) return;
  var narrow = window.matchMedia("(max-width: 61.99rem)");

  /* --- folding sidebar (narrow screens) ------------------------------------------------ */
  function setOpen(open, focusTarget) {
    root.classList.toggle("sidebar-open", open);
    if (toggle) toggle.setAttribute("aria-expanded", open ? "true" : "false");
    if (open) {
      var active = toc && toc.querySelector("a.active");
      (focusTarget || active || document.getElementById("search-input")).focus();
    } else if (focusTarget) {
      focusTarget.focus();
    }
  }
  if (toggle) toggle.addEventListener("click", function () {
    setOpen(!root.classList.contains("sidebar-open"));
  });
  if (closer) closer.addEventListener("click", function () { setOpen(false, toggle); });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && root.classList.contains("sidebar-open")) setOpen(false, toggle);
  });
  sidebar.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[href^='#']");
    if (link && narrow.matches) setOpen(false);
  });

  /* --- the current section in the table of contents ------------------------------------ */
  var tocLinks = {};
  if (toc) {
    Array.prototype.forEach.call(toc.querySelectorAll("a[href^='#']"), function (a) {
      tocLinks[decodeURIComponent(a.getAttribute("href").slice(1))] = a;
    });
  }
  var headings = Array.prototype.filter.call(
    main.querySelectorAll("h1[id], h2[id], h3[id], h4[id]"),
    function (h) { return tocLinks[h.id]; }
  );
  var current = null;

  function keepInView(link) {
    if (!sidebar.clientHeight) return;
    var top = link.getBoundingClientRect().top - sidebar.getBoundingClientRect().top;
    if (top < 80 || top > sidebar.clientHeight - 80) {
      sidebar.scrollTop += top - sidebar.clientHeight / 3;
    }
  }

  function markCurrent() {
    var line = window.innerHeight * 0.25;
    var found = headings[0];
    for (var i = 0; i < headings.length; i++) {
      if (headings[i].getBoundingClientRect().top <= line) found = headings[i];
      else break;
    }
    if (!found || found === current) return;
    current = found;
    Array.prototype.forEach.call(toc.querySelectorAll("a.active, li.open"), function (el) {
      el.classList.remove("active", "open");
      el.removeAttribute("aria-current");
    });
    var link = tocLinks[found.id];
    link.classList.add("active");
    link.setAttribute("aria-current", "location");
    for (var li = link.parentElement; li && li !== toc; li = li.parentElement) {
      if (li.tagName === "LI") li.classList.add("open");
    }
    keepInView(link);
  }
  var pending = false;
  function onScroll() {
    if (pending) return;
    pending = true;
    window.requestAnimationFrame(function () { pending = false; markCurrent(); });
  }
  if (toc && headings.length) {
    window.addEventListener("scroll", onScroll, { passive: true });
    window.addEventListener("hashchange", markCurrent);
    markCurrent();
  }

  /* --- search -------------------------------------------------------------------------- */
  var form = document.getElementById("search");
  var input = document.getElementById("search-input");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var sections = null;

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  function clean(text) { return text.replace(/\s+/g, " ").trim(); }

  /* Every heading with an id and the text up to the next heading; the chapter it is in. */
  function buildIndex() {
    var all = main.querySelectorAll("h1[id], h2[id], h3[id], h4[id]");
    var found = [];
    var chapter = "";
    Array.prototype.forEach.call(all, function (h) {
      if (h.tagName === "H1") chapter = clean(h.textContent);
      found.push({ id: h.id, title: clean(h.textContent), chapter: chapter, parts: [] });
    });
    var walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT, {
      acceptNode: function (node) {
        var el = node.parentElement;
        if (!el || el.closest("script, style, .chapter-nav, .data-download, h1, h2, h3, h4")) {
          return NodeFilter.FILTER_REJECT;
        }
        return NodeFilter.FILTER_ACCEPT;
      },
    });
    var k = -1;
    for (var node = walker.nextNode(); node; node = walker.nextNode()) {
      while (k + 1 < all.length &&
             (all[k + 1].compareDocumentPosition(node) & Node.DOCUMENT_POSITION_FOLLOWING)) {
        k++;
      }
      if (k >= 0) found[k].parts.push(node.nodeValue);
    }
    found.forEach(function (s) {
      s.text = clean(s.parts.join(" "));
      s.folded = fold(s.text);
      s.foldedTitle = fold(s.title);
      delete s.parts;
    });
    return found;
  }

  function count(haystack, needle) {
    var n = 0;
    for (var at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + 1)) n++;
    return n;
  }

  /* Sections holding every word; a word in the heading counts ten times one in the text. */
  function search(query) {
    if (!sections) sections = buildIndex();
    var terms = fold(query).split(/\s+/).filter(Boolean);
    if (!terms.length) return [];
    var hits = [];
    sections.forEach(function (s, order) {
      var score = 0;
      for (var i = 0; i < terms.length; i++) {
        var inTitle = count(s.foldedTitle, terms[i]);
        var inText = count(s.folded, terms[i]);
        if (!inTitle && !inText) return;
        score += 10 * inTitle + Math.min(inText, 20);
      }
      hits.push({ section: s, score: score, order: order, at: s.folded.indexOf(terms[0]) });
    });
    hits.sort(function (a, b) { return b.score - a.score || a.order - b.order; });
    return hits;
  }

  function snippet(hit, term) {
    var text = hit.section.text;
    var span = document.createDocumentFragment();
    if (hit.at < 0) return span;
    var start = Math.max(0, hit.at - 50);
    var end = Math.min(text.length, hit.at + term.length + 70);
    span.appendChild(document.createTextNode((start > 0 ? "… " : "") + text.slice(start, hit.at)));
    var mark = document.createElement("mark");
    mark.textContent = text.slice(hit.at, hit.at + term.length);
    span.appendChild(mark);
    span.appendChild(document.createTextNode(text.slice(hit.at + term.length, end) +
                                              (end < text.length ? " …" : "")));
    return span;
  }

  function go(id) {
    var target = document.getElementById(id);
    if (!target) return;
    if (narrow.matches) setOpen(false);
    if (location.hash !== "#" + id) location.hash = id;
    else target.scrollIntoView();
    target.setAttribute("tabindex", "-1");
    target.focus({ preventScroll: true });
    markCurrent();
  }

  function show(query) {
    while (list.firstChild) list.removeChild(list.firstChild);
    var hits = query.trim() ? search(query) : [];
    if (!query.trim()) { status.textContent = ""; return hits; }
    status.textContent = hits.length === 0 ? form.dataset.none
      : hits.length === 1 ? form.dataset.one : form.dataset.many.replace("%d", hits.length);
    var first = fold(query).split(/\s+/).filter(Boolean)[0] || "";
    hits.slice(0, 30).forEach(function (hit) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = "#" + hit.section.id;
      var title = document.createElement("span");
      title.className = "result-title";
      title.textContent = hit.section.title;
      a.appendChild(title);
      if (hit.section.chapter && hit.section.chapter !== hit.section.title) {
        var chapter = document.createElement("span");
        chapter.className = "result-chapter";
        chapter.textContent = hit.section.chapter;
        a.appendChild(chapter);
      }
      a.appendChild(snippet(hit, first));
      a.addEventListener("click", function (event) {
        event.preventDefault();
        go(hit.section.id);
      });
      li.appendChild(a);
      list.appendChild(li);
    });
    return hits;
  }

  if (form && input) {
    var timer = null;
    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(function () { show(input.value); }, 120);
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      window.clearTimeout(timer);
      var hits = show(input.value);
      if (hits.length) go(hits[0].section.id);
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown" && list.firstChild) {
        event.preventDefault();
        list.querySelector("a").focus();
      }
    });
  }

  /* --- wide tables: a focusable, named box that scrolls ----------------------------------- */
  function markScrollable() {
    Array.prototype.forEach.call(document.querySelectorAll(".table-wrap"), function (box) {
      if (box.scrollWidth > box.clientWidth + 1) {
        var caption = box.querySelector("caption");
        box.setAttribute("tabindex", "0");
        box.setAttribute("role", "region");
        box.setAttribute("aria-label", caption ? clean(caption.textContent) : main.dataset.tableLabel);
      } else {
        box.removeAttribute("tabindex");
        box.removeAttribute("role");
        box.removeAttribute("aria-label");
      }
    });
  }
  markScrollable();
  var resizing = false;
  window.addEventListener("resize", function () {
    if (resizing) return;
    resizing = true;
    window.requestAnimationFrame(function () { resizing = false; markScrollable(); });
  });
})();
