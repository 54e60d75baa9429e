// wijzer search: Dutch full-text search in the browser, without a server.
// The index (static/search-index.js) is loaded with a <script> tag the
// first time the search box is used, so it works from disk too. Queries are
// turned into terms exactly as the generator turned the pages into terms:
// folded to lowercase without accents, split on non-letters, stop words
// dropped, and stemmed with the Snowball Dutch stemmer below (a port of the
// one the generator uses; a test compares both on every word of the site).
(function (root, factory) {
  "use strict";
  var api = factory();
  if (typeof module === "object" && module.exports) module.exports = api;
  else {
    root.WijzerSearch = api;
    if (typeof document !== "undefined") api.attach(document);
  }
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  // ------------------------------------------------- Snowball Dutch stemmer

  var VOWELS = "aeiouyè";

  function isVowel(c) {
    return c !== undefined && VOWELS.indexOf(c) >= 0;
  }

  function stem(word) {
    var s = (
      word.replace(/[áä]/g, "a").replace(/[éë]/g, "e").replace(/[íï]/g, "i").replace(/[óö]/g, "o").replace(/[úü]/g, "u")
    ).split("");
    // Prelude: y at the start, y after a vowel and i between vowels act as consonants.
    if (s[0] === "y") s[0] = "Y";
    var at = 0;
    for (;;) {
      var found = false;
      for (var p = at; p < s.length; p += 1) {
        if (!isVowel(s[p])) continue;
        if (s[p + 1] === "i" && isVowel(s[p + 2])) {
          s[p + 1] = "I";
          at = p + 3;
          found = true;
          break;
        }
        if (s[p + 1] === "y") {
          s[p + 1] = "Y";
          at = p + 2;
          found = true;
          break;
        }
      }
      if (!found) break;
    }

    // Regions: R1 after the first non-vowel following a vowel (at least 3), R2 likewise after R1.
    var n = s.length;
    var p1 = n;
    var p2 = n;
    var c = 0;
    var pastNonVowel = function () {
      while (c < n && !isVowel(s[c])) c += 1;
      if (c >= n) return false;
      c += 1;
      while (c < n && isVowel(s[c])) c += 1;
      if (c >= n) return false;
      c += 1;
      return true;
    };
    if (pastNonVowel()) {
      p1 = Math.max(c, 3);
      if (pastNonVowel()) p2 = c;
    }

    var text = s.join("");
    // Positions count UTF-16 units, here and in the regions above.
    var ends = function (suffix) {
      return text.length >= suffix.length && text.slice(text.length - suffix.length) === suffix;
    };
    var start = function (suffix) {
      return text.length - suffix.length;
    };
    var before = function (suffix) {
      // The character before `suffix` at the end of the word.
      return text.charAt(text.length - suffix.length - 1) || undefined;
    };
    var cut = function (suffix) {
      text = text.slice(0, text.length - suffix.length);
    };
    var undouble = function () {
      // kk, dd, tt at the end lose one letter.
      if (ends("kk") || ends("dd") || ends("tt")) cut("x");
    };
    var enEnding = function (suffix) {
      if (start(suffix) < p1) return;
      var prior = before(suffix);
      if (prior === undefined || isVowel(prior)) return;
      if (start(suffix) >= 3 && text.slice(start(suffix) - 3, start(suffix)) === "gem") return;
      cut(suffix);
      undouble();
    };
    var eFound = false;
    var eEnding = function () {
      eFound = false;
      if (!ends("e") || start("e") < p1) return;
      var prior = before("e");
      if (prior === undefined || isVowel(prior)) return;
      cut("e");
      eFound = true;
      undouble();
    };

    // Step 1.
    if (ends("heden")) {
      if (start("heden") >= p1) text = text.slice(0, text.length - 5) + "heid";
    } else if (ends("ene") || ends("en")) {
      enEnding(ends("ene") ? "ene" : "en");
    } else if (ends("se") || ends("s")) {
      var sSuffix = ends("se") ? "se" : "s";
      var prior = before(sSuffix);
      if (start(sSuffix) >= p1 && prior !== undefined && !isVowel(prior) && prior !== "j") cut(sSuffix);
    }
    // Step 2.
    eEnding();
    // Step 3a.
    if (ends("heid") && start("heid") >= p2 && before("heid") !== "c") {
      cut("heid");
      if (ends("en")) enEnding("en");
    }
    // Step 3b: the longest of these suffixes.
    var suffix = ["lijk", "baar", "end", "ing", "bar", "ig"].filter(ends).sort(function (a, b) {
      return b.length - a.length;
    })[0];
    if (suffix && start(suffix) >= p2) {
      if (suffix === "end" || suffix === "ing") {
        cut(suffix);
        if (ends("ig") && start("ig") >= p2 && before("ig") !== "e") cut("ig");
        else undouble();
      } else if (suffix === "ig") {
        if (before("ig") !== "e") cut("ig");
      } else if (suffix === "lijk") {
        cut("lijk");
        eEnding();
      } else if (suffix === "baar") {
        cut("baar");
      } else if (suffix === "bar" && eFound) {
        cut("bar");
      }
    }
    // Step 4: undouble a vowel before a final consonant (maan -> man).
    var m = text.length;
    if (m >= 4) {
      var last = text.charAt(m - 1);
      var pair = text.slice(m - 3, m - 1);
      if (!isVowel(last) && last !== "I" && ["aa", "ee", "oo", "uu"].indexOf(pair) >= 0 && !isVowel(text.charAt(m - 4))) {
        text = text.slice(0, m - 2) + last;
      }
    }
    return text.replace(/I/g, "i").replace(/Y/g, "y");
  }

  // --------------------------------------------------------------- terms

  function fold(text) {
    return text.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }

  function words(text) {
    return fold(text)
      .split(/[^\p{Alphabetic}\p{N}]+/u)
      .filter(function (w) {
        return Array.from(w).length >= 2;
      });
  }

  function terms(text, stopWords) {
    return words(text)
      .filter(function (w) {
        return !stopWords.has(w);
      })
      .map(stem);
  }

  // -------------------------------------------------------------- ranking

  /** Decoded postings and sorted terms of a raw index (done once). */
  function prepare(raw) {
    var names = Object.keys(raw.terms).sort();
    var totalLength = raw.docs.reduce(function (sum, d) {
      return sum + d[4];
    }, 0);
    return {
      raw: raw,
      names: names,
      stop: new Set(raw.stop_words),
      average: totalLength / Math.max(1, raw.docs.length),
    };
  }

  /** Index terms that `term` finds, with how well: exact 1, prefix 0.7, inside 0.4. */
  function expansions(index, term) {
    var found = [];
    var names = index.names;
    var lo = 0;
    var hi = names.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (names[mid] < term) lo = mid + 1;
      else hi = mid;
    }
    for (var i = lo; i < names.length && names[i].indexOf(term) === 0; i += 1) {
      found.push([names[i], names[i] === term ? 1 : 0.7]);
    }
    if (Array.from(term).length >= 4) {
      names.forEach(function (name) {
        if (name.indexOf(term) > 0) found.push([name, 0.4]);
      });
    }
    return found;
  }

  /**
   * Searches `index` (from prepare) for `query`. Returns pages, best first:
   * {page, doc, score} where page and doc are rows of the index.
   */
  function search(index, query, kinds) {
    var raw = index.raw;
    var wanted = Array.from(new Set(terms(query, index.stop)));
    if (wanted.length === 0) return [];
    var n = raw.docs.length;
    var k1 = 1.2;
    var b = 0.5;
    var perTerm = wanted.map(function (term) {
      var scores = new Map();
      expansions(index, term).forEach(function (pair) {
        // Postings are flat (document delta, weight) pairs.
        var flat = raw.terms[pair[0]];
        var df = flat.length / 2;
        var idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
        var doc = 0;
        for (var i = 0; i < flat.length; i += 2) {
          doc += flat[i];
          var weight = flat[i + 1];
          var tf = (weight * (k1 + 1)) / (weight + k1 * (1 - b + (b * raw.docs[doc][4]) / index.average));
          var score = pair[1] * idf * tf;
          if (score > (scores.get(doc) || 0)) scores.set(doc, score);
        }
      });
      return scores;
    });
    var pages = new Map();
    perTerm.forEach(function (scores, termIndex) {
      scores.forEach(function (score, doc) {
        var page = raw.docs[doc][0];
        var entry = pages.get(page);
        if (!entry) {
          entry = { page: page, terms: new Set(), docScores: new Map() };
          pages.set(page, entry);
        }
        entry.terms.add(termIndex);
        entry.docScores.set(doc, (entry.docScores.get(doc) || 0) + score);
      });
    });
    var results = [];
    pages.forEach(function (entry) {
      var kind = raw.pages[entry.page][2];
      if (kinds && kinds.size > 0 && !kinds.has(kind)) return;
      var best = -1;
      var bestScore = 0;
      var total = 0;
      entry.docScores.forEach(function (score, doc) {
        total += score;
        if (score > bestScore) {
          bestScore = score;
          best = doc;
        }
      });
      var coverage = entry.terms.size / wanted.length;
      // A page whose title is the query itself comes first.
      var exact = raw.pages[entry.page][3] === wanted.join(" ") ? 2 : 1;
      results.push({
        page: raw.pages[entry.page],
        doc: raw.docs[best],
        score: exact * (bestScore + 0.1 * (total - bestScore)) * coverage * coverage,
        complete: coverage === 1,
      });
    });
    var complete = results.filter(function (r) {
      return r.complete;
    });
    return (complete.length > 0 ? complete : results).sort(function (x, y) {
      return y.score - x.score || (x.page[0] < y.page[0] ? -1 : 1);
    });
  }

  /** Splits `text` into [piece, highlighted] pairs for the query's terms. */
  function highlight(text, wantedTerms) {
    var pieces = [];
    var pattern = /[\p{Alphabetic}\p{N}]+/gu;
    var last = 0;
    var match;
    while ((match = pattern.exec(text)) !== null) {
      var word = fold(match[0]);
      var term = stem(word);
      var hit = wantedTerms.some(function (t) {
        return term.indexOf(t) === 0 || (Array.from(t).length >= 4 && word.indexOf(t) >= 0);
      });
      if (hit) {
        pieces.push([text.slice(last, match.index), false]);
        pieces.push([match[0], true]);
        last = match.index + match[0].length;
      }
    }
    pieces.push([text.slice(last), false]);
    return pieces;
  }

  // ------------------------------------------------------------------ UI

  var loading = null;

  /**
   * Prepares the index and runs a few searches for its most common terms
   * (one word, two words, a prefix), so the browser has compiled the
   * search code for large result sets before the reader's first query.
   */
  function warm(raw) {
    var index = prepare(raw);
    var common = index.names
      .slice()
      .sort(function (x, y) {
        return raw.terms[y].length - raw.terms[x].length;
      })
      .slice(0, 2);
    if (common.length === 2) {
      [common[0], common[0] + " " + common[1], common[1].slice(0, 3), common[1] + " " + common[0]].forEach(
        function (query) {
          search(index, query);
        },
      );
    }
    return index;
  }

  function loadIndex(src) {
    if (!loading && window.WIJZER_SEARCH_INDEX) loading = Promise.resolve(warm(window.WIJZER_SEARCH_INDEX));
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = src;
        script.onload = function () {
          resolve(warm(window.WIJZER_SEARCH_INDEX));
        };
        script.onerror = reject;
        document.head.appendChild(script);
      });
    }
    return loading;
  }

  function el(tag, attributes, children) {
    return window.Wijzer.el(tag, attributes, children);
  }

  function snippetNode(text, wanted) {
    var node = el("span", { class: "search-snippet" });
    highlight(text, wanted).forEach(function (piece) {
      node.appendChild(piece[1] ? el("mark", {}, [piece[0]]) : document.createTextNode(piece[0]));
    });
    return node;
  }

  /** A result as a link; `id` makes it an option of the search box's list. */
  function resultNode(result, index, wanted, base, id) {
    var page = result.page;
    var doc = result.doc;
    var href = base + page[1] + (doc[1] ? "#" + doc[1] : "");
    var kindLabel = index.raw.kinds[page[2]] || page[2];
    var attributes = { href: href, class: "search-result", "data-kind": page[2] };
    if (id) {
      attributes.id = id;
      attributes.role = "option";
    }
    return el("a", attributes, [
      el("span", { class: "search-title" }, [page[0]]),
      " ",
      el("span", { class: "kind-label kind-" + page[2] }, [kindLabel]),
      doc[2] ? el("span", { class: "search-heading" }, ["› " + doc[2]]) : null,
      doc[3] ? snippetNode(doc[3], wanted) : null,
    ]);
  }

  /** The search box in the header: results as you type, arrows and Enter. */
  function attachBox(form) {
    var input = form.querySelector("input[type=search]");
    var list = form.querySelector("[role=listbox]");
    var base = form.getAttribute("data-root") || "";
    var src = form.getAttribute("data-index");
    var noResults = form.getAttribute("data-no-results") || "";
    var active = -1;
    var options = [];

    function setActive(next) {
      options.forEach(function (option, i) {
        option.classList.toggle("is-active", i === next);
        option.setAttribute("aria-selected", i === next ? "true" : "false");
      });
      active = next;
      if (next >= 0) {
        input.setAttribute("aria-activedescendant", options[next].id);
        options[next].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      setActive(-1);
    }

    function run() {
      var query = input.value;
      if (query.trim() === "") {
        close();
        return;
      }
      loadIndex(src).then(function (index) {
        if (input.value !== query) return;
        var started = performance.now();
        var results = search(index, query).slice(0, 8);
        form.setAttribute("data-last-query-ms", String(performance.now() - started));
        var wanted = terms(query, index.stop);
        list.textContent = "";
        options = results.map(function (result, i) {
          return resultNode(result, index, wanted, base, "zoek-optie-" + i);
        });
        options.forEach(function (option) {
          list.appendChild(el("div", { role: "presentation" }, [option]));
        });
        if (options.length === 0) list.appendChild(el("p", { class: "search-empty" }, [noResults]));
        list.hidden = false;
        input.setAttribute("aria-expanded", "true");
        setActive(-1);
      });
    }

    input.addEventListener("input", run);
    input.addEventListener("focus", function () {
      loadIndex(src);
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown" && options.length > 0) {
        event.preventDefault();
        setActive((active + 1) % options.length);
      } else if (event.key === "ArrowUp" && options.length > 0) {
        event.preventDefault();
        setActive(active <= 0 ? options.length - 1 : active - 1);
      } else if (event.key === "Enter" && active >= 0) {
        event.preventDefault();
        window.location.href = options[active].href;
      } else if (event.key === "Escape") {
        close();
      }
    });
    document.addEventListener("click", function (event) {
      if (!form.contains(event.target)) close();
    });
  }

  /** The search page: the full result list with filters by type. */
  function attachPage(page) {
    var input = page.querySelector("input[type=search]");
    var list = page.querySelector("[data-search-results]");
    var count = page.querySelector("[data-search-count]");
    var filters = page.querySelector("[data-search-filters]");
    var base = page.getAttribute("data-root") || "";
    var src = page.getAttribute("data-index");
    var countText = page.getAttribute("data-count-text") || "";
    var params = new URLSearchParams(window.location.search);
    input.value = params.get("q") || "";

    function chosenKinds() {
      var chosen = new Set();
      filters.querySelectorAll("input:checked").forEach(function (box) {
        chosen.add(box.value);
      });
      return chosen;
    }

    function run() {
      loadIndex(src).then(function (index) {
        var query = input.value;
        var all = search(index, query);
        var shown = search(index, query, chosenKinds());
        var present = new Set(all.map(function (r) {
          return r.page[2];
        }));
        filters.querySelectorAll("label").forEach(function (label) {
          label.hidden = !present.has(label.querySelector("input").value);
        });
        filters.hidden = all.length === 0;
        var wanted = terms(query, index.stop);
        list.textContent = "";
        shown.slice(0, 100).forEach(function (result) {
          list.appendChild(el("li", {}, [resultNode(result, index, wanted, base, null)]));
        });
        count.textContent = query.trim() === "" ? "" : shown.length + " " + countText;
      });
    }

    input.addEventListener("input", run);
    filters.addEventListener("change", run);
    run();
  }

  function attach(doc) {
    doc.addEventListener("keydown", function (event) {
      var target = event.target;
      var typing = target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
      if (event.key === "/" && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
        var box = doc.querySelector("[data-search-page] input[type=search]") || doc.querySelector("form[data-search] input[type=search]");
        if (box) {
          event.preventDefault();
          box.focus();
        }
      }
    });
    var start = function () {
      var page = doc.querySelector("[data-search-page]");
      if (page) attachPage(page);
      doc.querySelectorAll("form[data-search]").forEach(attachBox);
    };
    if (doc.readyState === "loading") doc.addEventListener("DOMContentLoaded", start);
    else start();
  }

  return {
    stem: stem,
    words: words,
    terms: terms,
    prepare: prepare,
    warm: warm,
    search: search,
    highlight: highlight,
    attach: attach,
  };
});
