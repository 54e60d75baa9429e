// wijzer questionnaires in the browser: answers saved on every change,
// results with feedback, history, export, import and delete. Everything
// stays in this browser's localStorage, under the keys the generator wrote
// into the page (the privacy page lists the same keys). Nothing is sent
// anywhere, and nothing read from storage or from an imported file is ever
// inserted as HTML.
(function () {
  "use strict";

  var MAX_IMPORT_BYTES = 2 * 1024 * 1024;
  var lang = document.documentElement.lang || "nl";
  var siteId = document.documentElement.getAttribute("data-site") || "";
  var texts = readJsonScript("wijzer-texts") || {};

  function t(key) {
    return Object.prototype.hasOwnProperty.call(texts, key) ? texts[key] : key;
  }

  function readJsonScript(id) {
    var node = document.getElementById(id);
    if (!node) return null;
    try {
      return JSON.parse(node.textContent);
    } catch (e) {
      return null;
    }
  }

  function own(object, key) {
    return Object.prototype.hasOwnProperty.call(object, key);
  }

  // ---------------------------------------------------------------- storage

  var store = {
    available: (function () {
      try {
        var probe = "wijzer:probe";
        window.localStorage.setItem(probe, "1");
        window.localStorage.removeItem(probe);
        return true;
      } catch (e) {
        return false;
      }
    })(),
    /** The value under `key` if it passes `valid`; {problem} when it is corrupt. */
    read: function (key, valid) {
      var raw;
      try {
        raw = window.localStorage.getItem(key);
      } catch (e) {
        return { value: null };
      }
      if (raw === null) return { value: null };
      try {
        var value = JSON.parse(raw);
        if (valid(value)) return { value: value };
      } catch (e) {
        // Falls through to the report below.
      }
      return { value: null, problem: key };
    },
    write: function (key, value) {
      try {
        window.localStorage.setItem(key, JSON.stringify(value));
        return true;
      } catch (e) {
        return false;
      }
    },
    remove: function (key) {
      try {
        window.localStorage.removeItem(key);
      } catch (e) {
        // Nothing to remove.
      }
    },
    keys: function (prefix) {
      var found = [];
      try {
        for (var i = 0; i < window.localStorage.length; i += 1) {
          var key = window.localStorage.key(i);
          if (key && key.indexOf(prefix) === 0) found.push(key);
        }
      } catch (e) {
        // No storage, no keys.
      }
      return found.sort();
    },
  };

  // ------------------------------------------------------------- validation

  var R = window.WijzerResults;
  var isPlainObject = R.isPlainObject;
  var validAttempt = R.validAttempt;
  var answerFits = R.answerFits;
  var resultOf = R.resultOf;

  function validAttemptStore(value) {
    return isPlainObject(value) && Array.isArray(value.attempts) && value.attempts.every(validAttempt);
  }

  function validAnswerStore(value) {
    return isPlainObject(value) && Number.isInteger(value.version) && R.validAnswers(value.answers);
  }

  // ------------------------------------------------------------- formatting

  function formatNumber(value) {
    if (value === null || value === undefined) return "–";
    return (Math.round(value * 10) / 10).toLocaleString(lang, {
      minimumFractionDigits: 1,
      maximumFractionDigits: 1,
    });
  }

  function formatChange(change) {
    if (Math.abs(change) < 0.05) return t("no_change");
    return (change > 0 ? "+" : "−") + formatNumber(Math.abs(change));
  }

  function formatDate(iso) {
    var date = new Date(iso);
    return date.toLocaleDateString(lang, { day: "numeric", month: "long", year: "numeric" }) +
      " " + date.toLocaleTimeString(lang, { hour: "2-digit", minute: "2-digit" });
  }

  // ------------------------------------------------------------------- DOM

  var el = window.Wijzer.el;

  var SVG = "http://www.w3.org/2000/svg";

  function svg(tag, attributes) {
    var node = document.createElementNS(SVG, tag);
    Object.keys(attributes).forEach(function (name) {
      node.setAttribute(name, attributes[name]);
    });
    return node;
  }

  function setStatus(node, message) {
    if (node) node.textContent = message;
  }

  // ------------------------------------------------------------- attempts

  function loadAttempts(def, report) {
    var read = store.read(def.keys.attempts, validAttemptStore);
    if (read.problem && report) report(read.problem);
    return read.value ? read.value.attempts : [];
  }

  function saveAttempts(def, attempts) {
    attempts.sort(function (a, b) {
      return Date.parse(a.date) - Date.parse(b.date);
    });
    return store.write(def.keys.attempts, { attempts: attempts });
  }

  function currentAttempts(def, attempts) {
    return attempts.filter(function (a) {
      return a.version === def.version;
    });
  }

  // --------------------------------------------------------------- results

  function fraction(dimension, score) {
    if (score === null || dimension.max === dimension.min) return 0;
    return (score - dimension.min) / (dimension.max - dimension.min);
  }

  function bar(dimension, score, norm, fillClass) {
    var outer = el("div", { class: "bar", "aria-hidden": "true" });
    var inner = el("div", { class: "bar-fill" + (fillClass ? " " + fillClass : "") });
    inner.style.width = Math.round(fraction(dimension, score) * 100) + "%";
    outer.appendChild(inner);
    if (norm) {
      var marker = el("div", { class: "bar-norm", title: t("reference") });
      marker.style.left = Math.round(fraction(dimension, norm.mean) * 100) + "%";
      outer.appendChild(marker);
    }
    return outer;
  }

  function radar(def, latest, previous) {
    var n = def.dimensions.length;
    var radius = 100;
    var chart = svg("svg", {
      viewBox: "-240 -125 480 250",
      role: "img",
      class: "radar",
      "aria-label": t("profile"),
    });
    var point = function (i, r) {
      var angle = -Math.PI / 2 + (2 * Math.PI * i) / n;
      return [Math.cos(angle) * r, Math.sin(angle) * r];
    };
    [0.25, 0.5, 0.75, 1].forEach(function (ring) {
      var points = def.dimensions.map(function (_, i) {
        return point(i, radius * ring).join(",");
      });
      chart.appendChild(svg("polygon", { points: points.join(" "), class: "radar-ring" }));
    });
    def.dimensions.forEach(function (dimension, i) {
      var end = point(i, radius);
      chart.appendChild(svg("line", { x1: 0, y1: 0, x2: end[0], y2: end[1], class: "radar-axis" }));
      var label = point(i, radius + 14);
      var text = svg("text", {
        x: label[0].toFixed(1),
        y: (label[1] + 4).toFixed(1),
        "text-anchor": Math.abs(label[0]) < 5 ? "middle" : label[0] > 0 ? "start" : "end",
        class: "radar-label",
      });
      var title = dimension.title;
      text.textContent = title.length > 30 ? title.slice(0, 29) + "…" : title;
      chart.appendChild(text);
    });
    var shape = function (attempt, className) {
      var points = def.dimensions.map(function (dimension, i) {
        var score = scoreOf(attempt, dimension.id);
        return point(i, radius * fraction(dimension, score)).map(function (v) {
          return v.toFixed(1);
        }).join(",");
      });
      chart.appendChild(svg("polygon", { points: points.join(" "), class: className }));
    };
    if (previous) shape(previous, "radar-previous");
    shape(latest, "radar-now");
    return chart;
  }

  function scoreOf(attempt, dimensionId) {
    for (var i = 0; i < attempt.scores.length; i += 1) {
      if (attempt.scores[i].id === dimensionId) return attempt.scores[i].score;
    }
    return null;
  }

  function normText(norm) {
    var parts = [t("reference") + ": " + norm.group + " (n = " + norm.n + ", " + norm.year + "), " +
      t("reference_mean") + " " + formatNumber(norm.mean)];
    if (norm.sd !== null && norm.sd !== undefined) parts.push(t("reference_sd") + " " + formatNumber(norm.sd));
    var source = norm.bron ? norm.bron.title + (norm.locator ? ", " + norm.locator : "") : "";
    return parts.join(", ") + (source ? ". " + source : "") + ".";
  }

  /** The texts that name whose result is shown: the reader's own ... */
  var OWN_LABELS = { result: "your_result", positions: "your_positions", reflections: "your_reflections" };
  /** ... or someone else's, from a share link. */
  var SHARED_LABELS = { result: "shared_result", positions: "shared_positions", reflections: "shared_reflections" };

  /**
   * The result of one attempt, with the change since `previous`; `labels`
   * (OWN_LABELS by default) name whose result it is.
   */
  function renderResult(def, attempt, previous, root, labels) {
    var names = labels || OWN_LABELS;
    var wrap = el("div", { class: "result" });
    wrap.appendChild(el("p", { class: "result-date" }, [t("result_of") + " " + formatDate(attempt.date)]));
    if (def.dimensions.length > 0) renderScores(def, attempt, previous, root, wrap, names);
    renderAnswers(def, attempt, wrap, names);
    return wrap;
  }

  /** Scores, bands, feedback and charts of the dimensions. */
  function renderScores(def, attempt, previous, root, wrap, names) {
    var table = el("table", { class: "result-table" });
    table.appendChild(el("caption", {}, [t(names.result)]));
    var headers = [t("dimension"), t("score"), t("band"), t("answered")];
    if (previous) headers.push(t("change"));
    headers.push(t("reference"));
    table.appendChild(el("thead", {}, [el("tr", {}, headers.map(function (h) {
      return el("th", { scope: "col" }, [h]);
    }))]));
    var body = el("tbody");
    def.dimensions.forEach(function (dimension) {
      var result = resultOf(attempt, dimension.id);
      var band = result.band !== null ? dimension.bands[result.band] : null;
      var cells = [
        el("th", { scope: "row" }, [dimension.title]),
        el("td", { "data-score": dimension.id }, [result.score === null ? t("not_enough") : formatNumber(result.score)]),
        el("td", { "data-band": dimension.id }, [band ? band.label : "–"]),
        el("td", {}, [result.answered + " / " + dimension.items.length]),
      ];
      if (previous) {
        var before = scoreOf(previous, dimension.id);
        var change = result.score !== null && before !== null ? formatChange(result.score - before) : "–";
        cells.push(el("td", { "data-change": dimension.id }, [change]));
      }
      cells.push(el("td", {}, [dimension.norm ? formatNumber(dimension.norm.mean) : "–"]));
      body.appendChild(el("tr", {}, cells));
    });
    table.appendChild(body);

    var bars = el("ul", { class: "bars", "aria-hidden": "true" });
    def.dimensions.forEach(function (dimension) {
      var score = scoreOf(attempt, dimension.id);
      bars.appendChild(el("li", {}, [
        el("span", { class: "bar-label" }, [dimension.title + " " + formatNumber(score)]),
        bar(dimension, score, dimension.norm),
      ]));
    });
    wrap.appendChild(bars);
    if (def.dimensions.length >= 3) wrap.appendChild(radar(def, attempt, previous));
    wrap.appendChild(table);

    def.dimensions.forEach(function (dimension) {
      var result = resultOf(attempt, dimension.id);
      var section = el("section", { class: "result-dimension", "data-dimension": dimension.id });
      section.appendChild(el("h3", {}, [dimension.title]));
      if (result.score === null) {
        section.appendChild(el("p", {}, [t("not_enough") + " (" + result.answered + " / " + dimension.items.length + ")."]));
      } else {
        var band = dimension.bands[result.band];
        section.appendChild(el("p", { class: "result-score" }, [
          el("strong", {}, [formatNumber(result.score)]),
          " · " + band.label,
        ]));
        // The feedback is HTML that the generator rendered from the
        // questionnaire's own Markdown; it never comes from storage.
        var feedback = el("div", { class: "result-feedback" });
        feedback.innerHTML = band.feedback;
        section.appendChild(feedback);
        if (band.links.length > 0) {
          var list = el("ul", { class: "link-list" });
          band.links.forEach(function (link) {
            list.appendChild(el("li", {}, [el("a", { href: root + link.url }, [link.title])]));
          });
          section.appendChild(el("p", { class: "further" }, [t("further_reading")]));
          section.appendChild(list);
        }
      }
      if (dimension.norm) section.appendChild(el("p", { class: "result-norm" }, [normText(dimension.norm)]));
      wrap.appendChild(section);
    });
  }

  /** The positions and reflections of an attempt, which are never scored. */
  function renderAnswers(def, attempt, wrap, names) {
    var positions = def.items.filter(function (item) {
      return item.kind === "poles" && own(attempt.answers, item.id);
    });
    if (positions.length > 0) {
      var posList = el("ul", { class: "positions" });
      positions.forEach(function (item) {
        var choice = item.choices.filter(function (c) {
          return c.value === attempt.answers[item.id];
        })[0];
        var total = item.choices.length;
        posList.appendChild(el("li", {}, [
          item.text + " ",
          el("strong", {}, [t("position") + " " + (choice ? choice.value : "?") + " " + t("position_of") + " " + total]),
          " (" + item.choices[0].label + " ↔ " + item.choices[total - 1].label + ")",
        ]));
      });
      wrap.appendChild(el("h3", {}, [t(names.positions)]));
      wrap.appendChild(posList);
    }
    var reflections = def.items.filter(function (item) {
      return item.kind === "open" && own(attempt.answers, item.id) && attempt.answers[item.id].trim() !== "";
    });
    if (reflections.length > 0) {
      wrap.appendChild(el("h3", {}, [t(names.reflections)]));
      reflections.forEach(function (item) {
        wrap.appendChild(el("p", { class: "reflection-question" }, [item.text]));
        wrap.appendChild(el("blockquote", { class: "reflection" }, [attempt.answers[item.id]]));
      });
    }
  }

  function renderHistory(def, attempts) {
    var table = el("table", { class: "history" });
    table.appendChild(el("caption", {}, [t("history")]));
    table.appendChild(el("thead", {}, [el("tr", {}, [el("th", { scope: "col" }, [t("history_date")])].concat(
      def.dimensions.map(function (d) {
        return el("th", { scope: "col" }, [d.title]);
      })
    ))]));
    var body = el("tbody");
    attempts.slice().reverse().forEach(function (attempt) {
      body.appendChild(el("tr", {}, [el("th", { scope: "row" }, [formatDate(attempt.date)])].concat(
        def.dimensions.map(function (d) {
          return el("td", {}, [formatNumber(scoreOf(attempt, d.id))]);
        })
      )));
    });
    table.appendChild(body);
    return table;
  }

  // -------------------------------------------------------------- compare

  /**
   * Two results of one questionnaire side by side: `first` and `second` are
   * {label, attempt}. One chart with both shapes, and a table with the
   * difference per dimension.
   */
  function renderComparison(def, first, second) {
    var wrap = el("div", { class: "comparison", "data-comparison": "" });
    var legend = el("ul", { class: "legend" }, [
      el("li", { class: "legend-now" }, [first.label]),
      el("li", { class: "legend-previous" }, [second.label]),
    ]);
    wrap.appendChild(legend);
    var bars = el("ul", { class: "bars", "aria-hidden": "true" });
    def.dimensions.forEach(function (dimension) {
      var a = scoreOf(first.attempt, dimension.id);
      var b = scoreOf(second.attempt, dimension.id);
      bars.appendChild(el("li", {}, [
        el("span", { class: "bar-label" }, [dimension.title + " " + formatNumber(a) + " / " + formatNumber(b)]),
        bar(dimension, a, null),
        bar(dimension, b, null, "bar-second"),
      ]));
    });
    wrap.appendChild(bars);
    if (def.dimensions.length >= 3) wrap.appendChild(radar(def, first.attempt, second.attempt));
    var table = el("table", { class: "result-table" });
    table.appendChild(el("caption", {}, [t("compare_caption")]));
    table.appendChild(el("thead", {}, [el("tr", {}, [t("dimension"), first.label, second.label, t("difference")].map(function (h) {
      return el("th", { scope: "col" }, [h]);
    }))]));
    var body = el("tbody");
    def.dimensions.forEach(function (dimension) {
      var a = scoreOf(first.attempt, dimension.id);
      var b = scoreOf(second.attempt, dimension.id);
      body.appendChild(el("tr", { "data-compare": dimension.id }, [
        el("th", { scope: "row" }, [dimension.title]),
        el("td", {}, [formatNumber(a)]),
        el("td", {}, [formatNumber(b)]),
        el("td", {}, [a !== null && b !== null ? formatChange(a - b) : "–"]),
      ]));
    });
    table.appendChild(body);
    wrap.appendChild(table);
    var positions = def.items.filter(function (item) {
      return item.kind === "poles" && (own(first.attempt.answers, item.id) || own(second.attempt.answers, item.id));
    });
    if (positions.length > 0) wrap.appendChild(comparePositions(positions, first, second));
    return wrap;
  }

  /** The positions of two results on the dilemma items, side by side. */
  function comparePositions(items, first, second) {
    var table = el("table", { class: "result-table" });
    table.appendChild(el("caption", {}, [t("your_positions")]));
    table.appendChild(el("thead", {}, [el("tr", {}, ["", first.label, second.label].map(function (h) {
      return el("th", { scope: "col" }, [h]);
    }))]));
    var body = el("tbody");
    var position = function (attempt, item) {
      return own(attempt.answers, item.id) ? attempt.answers[item.id] + " " + t("position_of") + " " + item.choices.length : "–";
    };
    items.forEach(function (item) {
      body.appendChild(el("tr", {}, [
        el("th", { scope: "row" }, [item.text]),
        el("td", {}, [position(first.attempt, item)]),
        el("td", {}, [position(second.attempt, item)]),
      ]));
    });
    table.appendChild(body);
    return table;
  }

  // -------------------------------------------------------- export, import

  function exportData(catalogue) {
    var assessments = {};
    catalogue.forEach(function (def) {
      var attempts = loadAttempts(def);
      if (attempts.length > 0) {
        assessments[def.id] = { title: def.title, version: def.version, attempts: attempts };
      }
    });
    return {
      format: R.FORMAT,
      format_version: R.FORMAT_VERSION,
      site: siteId,
      exported: new Date().toISOString(),
      assessments: assessments,
    };
  }

  function csvCell(value) {
    var text = value === null || value === undefined ? "" : String(value);
    if (/^[=+\-@\t\r]/.test(text)) text = "'" + text;
    return /[",;\n\r]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }

  function exportCsv(catalogue) {
    var rows = [["vragenlijst", "versie", "datum", "onderdeel", "score", "uitkomst", "beantwoord", "vragen"]];
    catalogue.forEach(function (def) {
      loadAttempts(def).forEach(function (attempt) {
        def.dimensions.forEach(function (dimension) {
          var result = resultOf(attempt, dimension.id);
          var sameVersion = attempt.version === def.version;
          var band = sameVersion && result.band !== null ? dimension.bands[result.band].label : "";
          rows.push([
            def.title,
            attempt.version,
            attempt.date,
            dimension.title,
            result.score === null ? "" : Math.round(result.score * 100) / 100,
            band,
            result.answered,
            dimension.items.length,
          ]);
        });
      });
    });
    return rows.map(function (row) {
      return row.map(csvCell).join(",");
    }).join("\r\n") + "\r\n";
  }

  function download(name, type, text) {
    var url = URL.createObjectURL(new Blob([text], { type: type }));
    var link = el("a", { href: url, download: name });
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () {
      URL.revokeObjectURL(url);
    }, 1000);
  }

  function fileStamp() {
    return new Date().toISOString().slice(0, 10);
  }

  /**
   * Checks an export file against the questionnaires in `catalogue`. With
   * `partial` (on one questionnaire's page), results of the site's other
   * questionnaires are skipped rather than refused. Returns {error} or
   * {merged: {id: attempts}, count}: nothing is stored here.
   */
  function checkImport(text, catalogue, partial) {
    var data;
    try {
      data = JSON.parse(text);
    } catch (e) {
      return { error: t("import_not_json") };
    }
    if (!isPlainObject(data) || data.format !== R.FORMAT || data.format_version !== R.FORMAT_VERSION || !isPlainObject(data.assessments)) {
      return { error: t("import_wrong_format") };
    }
    if (data.site !== siteId) return { error: t("import_other_site") };
    var byId = Object.create(null);
    catalogue.forEach(function (def) {
      byId[def.id] = def;
    });
    var merged = Object.create(null);
    var count = 0;
    var ids = Object.keys(data.assessments).filter(function (id) {
      return !partial || byId[id];
    });
    if (ids.length === 0) return { error: t("import_unknown") + " " + Object.keys(data.assessments).join(", ").slice(0, 80) };
    for (var i = 0; i < ids.length; i += 1) {
      var id = ids[i];
      if (!R.ID_PATTERN.test(id) || !byId[id]) return { error: t("import_unknown") + " " + id.slice(0, 80) };
      var def = byId[id];
      var entry = data.assessments[id];
      if (!isPlainObject(entry) || !Array.isArray(entry.attempts) || !entry.attempts.every(validAttempt)) {
        return { error: t("import_invalid") + " " + def.title };
      }
      var incoming = [];
      for (var j = 0; j < entry.attempts.length; j += 1) {
        var attempt = entry.attempts[j];
        if (attempt.version === def.version) {
          if (!R.answersFit(def, attempt.answers)) return { error: t("import_invalid") + " " + def.title };
          // Scores are computed again, never taken from the file.
          attempt = R.rescored(def, attempt.date, attempt.answers);
        }
        incoming.push(attempt);
      }
      var existing = loadAttempts(def);
      var seen = Object.create(null);
      existing.forEach(function (a) {
        seen[a.version + "@" + a.date] = true;
      });
      incoming.forEach(function (a) {
        if (!seen[a.version + "@" + a.date]) {
          seen[a.version + "@" + a.date] = true;
          existing.push(a);
          count += 1;
        }
      });
      merged[id] = existing;
    }
    return { merged: merged, count: count, byId: byId };
  }

  function importFile(file, catalogue, partial, status, done) {
    if (file.size > MAX_IMPORT_BYTES) {
      setStatus(status, t("import_too_large") + " " + t("import_nothing_changed"));
      return;
    }
    var reader = new FileReader();
    reader.onload = function () {
      var checked = checkImport(String(reader.result), catalogue, partial);
      if (checked.error) {
        setStatus(status, checked.error + " " + t("import_nothing_changed"));
        return;
      }
      Object.keys(checked.merged).forEach(function (id) {
        saveAttempts(checked.byId[id], checked.merged[id]);
      });
      setStatus(status, t("import_done") + " " + checked.count + " " + t("import_results") + ".");
      done();
    };
    reader.onerror = function () {
      setStatus(status, t("import_not_json") + " " + t("import_nothing_changed"));
    };
    reader.readAsText(file);
  }

  function deleteAll(prefix, status, done) {
    if (!window.confirm(t("delete_confirm"))) return;
    store.keys(prefix).forEach(store.remove);
    setStatus(status, t("deleted"));
    done();
  }

  /** Wires the buttons of a [data-tools] section; see checkImport for `partial`. */
  function initTools(tools, catalogue, partial, prefix, refresh) {
    var status = tools.querySelector("[data-tool-status]");
    tools.hidden = false;
    tools.addEventListener("click", function (event) {
      var action = event.target.getAttribute("data-action");
      if (action === "print") window.print();
      if (action === "export-json") {
        download("wijzer-resultaten-" + siteId + "-" + fileStamp() + ".json", "application/json",
          JSON.stringify(exportData(catalogue), null, 2));
      }
      if (action === "export-csv") {
        download("wijzer-resultaten-" + siteId + "-" + fileStamp() + ".csv", "text/csv;charset=utf-8",
          "\ufeff" + exportCsv(catalogue));
      }
      if (action === "delete-all") deleteAll(prefix, status, refresh);
    });
    var input = tools.querySelector("input[data-action=import]");
    if (input) {
      input.addEventListener("change", function () {
        if (input.files && input.files[0]) importFile(input.files[0], catalogue, partial, status, refresh);
        input.value = "";
      });
    }
  }

  // ---------------------------------------------------------- questionnaire

  function initQuestionnaire(form) {
    var def = readJsonScript("wijzer-assessment-data");
    if (!def || !window.WijzerScoring) return;
    var prefix = form.getAttribute("data-storage-prefix");
    var progress = form.querySelector("[data-progress]");
    var progressBar = progress.querySelector("progress");
    var progressText = form.querySelector("[data-progress-text]");
    var saveStatus = form.querySelector("[data-save-status]");
    var unanswered = form.querySelector("[data-unanswered]");
    var results = document.querySelector("[data-results]");
    var resultsBody = results.querySelector("[data-results-body]");
    var tools = document.querySelector("[data-tools]");
    var root = form.getAttribute("data-root") || "";
    var confirmedIncomplete = false;
    var problems = [];
    var report = function (key) {
      problems.push(key);
    };
    var shared = initShared(def, root, document.querySelector("[data-shared]"));
    var resultTools = initResultTools(def, results, shared);

    progress.hidden = false;
    form.querySelector("[data-actions]").hidden = false;

    function collect() {
      var answers = {};
      def.items.forEach(function (item) {
        var field = form.elements.namedItem(item.id);
        if (!field) return;
        var value = item.kind === "open" ? field.value : field.value;
        if (value !== "" && value !== undefined && value !== null) answers[item.id] = value;
      });
      return answers;
    }

    function restore(answers) {
      def.items.forEach(function (item) {
        if (!own(answers, item.id) || !answerFits(item, answers[item.id])) return;
        var field = form.elements.namedItem(item.id);
        if (!field) return;
        if (item.kind === "open") field.value = answers[item.id];
        else field.value = answers[item.id];
      });
    }

    function countable() {
      return def.items.filter(function (item) {
        return item.kind !== "open";
      });
    }

    function updateProgress(answers) {
      var items = countable();
      var done = items.filter(function (item) {
        return own(answers, item.id);
      }).length;
      progressBar.max = items.length;
      progressBar.value = done;
      progressText.textContent = done + " / " + items.length + " " + t("progress_answered");
    }

    function save() {
      var answers = collect();
      updateProgress(answers);
      var ok = store.write(def.keys.answers, { version: def.version, updated: new Date().toISOString(), answers: answers });
      setStatus(saveStatus, ok ? t("saved") : t("storage_unavailable"));
      if (!unanswered.hidden) showUnanswered(false);
    }

    function missing() {
      var answers = collect();
      return countable().filter(function (item) {
        return !own(answers, item.id);
      });
    }

    function showUnanswered(focus) {
      var items = missing();
      unanswered.textContent = "";
      if (items.length === 0) {
        unanswered.hidden = true;
        return;
      }
      unanswered.appendChild(el("p", {}, [t("unanswered")]));
      var list = el("ul");
      items.forEach(function (item) {
        var number = def.items.indexOf(item) + 1;
        list.appendChild(el("li", {}, [el("a", { href: "#vraag-" + item.id }, [t("go_to_question") + " " + number])]));
      });
      unanswered.appendChild(list);
      unanswered.appendChild(el("p", {}, [t("unanswered_hint")]));
      var anyway = el("button", { type: "button", class: "button", "data-action": "continue" }, [t("continue_anyway")]);
      anyway.addEventListener("click", function () {
        confirmedIncomplete = true;
        finish();
      });
      unanswered.appendChild(anyway);
      unanswered.hidden = false;
      if (focus) list.querySelector("a").focus();
    }

    function showResults(focus) {
      var attempts = currentAttempts(def, loadAttempts(def, report));
      resultsBody.textContent = "";
      if (attempts.length === 0) {
        results.hidden = true;
        shared.refresh(null);
        return;
      }
      var latest = attempts[attempts.length - 1];
      var previous = attempts.length > 1 ? attempts[attempts.length - 2] : null;
      resultsBody.appendChild(renderResult(def, latest, previous, root));
      if (attempts.length > 1) resultsBody.appendChild(renderHistory(def, attempts));
      results.hidden = false;
      resultTools.refresh(attempts);
      shared.refresh(latest);
      if (focus) results.focus();
    }

    function finish() {
      var answers = collect();
      var attempts = loadAttempts(def, report);
      attempts.push({
        version: def.version,
        date: new Date().toISOString(),
        answers: answers,
        scores: window.WijzerScoring.score(def, answers),
      });
      if (!saveAttempts(def, attempts)) setStatus(saveStatus, t("storage_unavailable"));
      unanswered.hidden = true;
      confirmedIncomplete = false;
      showResults(true);
    }

    form.addEventListener("change", save);
    form.addEventListener("input", function (event) {
      if (event.target.tagName === "TEXTAREA") save();
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (missing().length > 0 && !confirmedIncomplete) showUnanswered(true);
      else finish();
    });
    form.querySelector("[data-action=restart]").addEventListener("click", function () {
      form.reset();
      store.remove(def.keys.answers);
      unanswered.hidden = true;
      updateProgress({});
      setStatus(saveStatus, "");
      form.querySelector("fieldset").scrollIntoView();
    });

    var saved = store.read(def.keys.answers, validAnswerStore);
    if (saved.problem) report(saved.problem);
    if (saved.value && saved.value.version === def.version) {
      restore(saved.value.answers);
      setStatus(saveStatus, t("restored"));
    }
    if (!store.available) setStatus(saveStatus, t("storage_unavailable"));
    updateProgress(collect());
    showResults(false);
    initTools(tools, [def], true, prefix, function () {
      form.reset();
      updateProgress(collect());
      showResults(false);
    });
    if (problems.length > 0) {
      setStatus(tools.querySelector("[data-tool-status]"), t("corrupt") + " " + problems.join(", "));
    }
  }

  // ----------------------------------------------------- sharing a result

  /** The problem of a share link or a colleague's file, in words. */
  function problemText(problem, detail) {
    var text = t("problem_" + problem);
    return detail !== undefined && detail !== "" ? text + " (" + t("version") + " " + detail + ")" : text;
  }

  /**
   * The read-only view of a result that arrived in the URL fragment, next to
   * the reader's own latest result. It is never stored. Returns
   * {refresh(ownLatest), attempt()}.
   */
  function initShared(def, root, section) {
    var body = section.querySelector("[data-shared-body]");
    var ownLatest = null;
    // The share link the page was opened with, or the last one opened on
    // it; in-page links (#vraag-...) change the fragment too.
    var decoded = R.decodeShare(def, window.location.hash);

    function render() {
      body.textContent = "";
      section.hidden = decoded.problem === "none";
      if (decoded.problem === "none") return;
      if (decoded.problem) {
        body.appendChild(el("p", { class: "callout", "data-shared-problem": decoded.problem }, [
          problemText(decoded.problem, decoded.detail) + " " + t("share_nothing_stored"),
        ]));
        return;
      }
      body.appendChild(renderResult(def, decoded.attempt, null, root, SHARED_LABELS));
      if (ownLatest && def.dimensions.length > 0) {
        body.appendChild(el("h3", {}, [t("compare_with_own")]));
        body.appendChild(renderComparison(def,
          { label: t("compare_shared"), attempt: decoded.attempt },
          { label: t("compare_mine"), attempt: ownLatest }));
      }
    }

    function open() {
      render();
      if (!section.hidden) section.focus();
    }

    window.addEventListener("hashchange", function () {
      var next = R.decodeShare(def, window.location.hash);
      if (next.problem === "none") return;
      decoded = next;
      open();
    });
    open();
    return {
      refresh: function (latest) {
        ownLatest = latest;
        render();
      },
      attempt: function () {
        return decoded.attempt || null;
      },
    };
  }

  /** A link to the latest result, to copy. Returns {refresh(latest)}. */
  function initShareTool(def, share) {
    var output = share.querySelector("[data-share-output]");
    var input = share.querySelector("[data-share-link]");
    var status = share.querySelector("[data-share-status]");
    var latest = null;

    function show() {
      var link = window.location.href.split("#")[0] + "#" + R.encodeShare(def, latest);
      input.value = link;
      share.querySelector("[data-share-length]").textContent = t("share_length") + " " + link.length + " " + t("share_characters");
      output.hidden = false;
      input.focus();
      input.select();
    }

    function copy() {
      var yourself = function () {
        setStatus(status, t("share_copy_yourself"));
      };
      input.select();
      if (!navigator.clipboard || !navigator.clipboard.writeText) return yourself();
      navigator.clipboard.writeText(input.value).then(function () {
        setStatus(status, t("share_copied"));
      }, yourself);
    }

    share.hidden = !R.shareable(def);
    share.querySelector("[data-action=share]").addEventListener("click", show);
    share.querySelector("[data-action=copy-share]").addEventListener("click", copy);
    return {
      refresh: function (attempt) {
        latest = attempt;
        output.hidden = true;
      },
    };
  }

  /**
   * Two results side by side, chosen from one's own attempts, a shared
   * result and colleagues' files. Returns {refresh(attempts)}.
   */
  function initCompareTool(def, compare, shared) {
    var attempts = [];
    var files = [];
    var first = compare.querySelector("[data-compare-first]");
    var second = compare.querySelector("[data-compare-second]");
    var status = compare.querySelector("[data-compare-status]");
    var output = compare.querySelector("[data-compare-output]");
    var fileInput = compare.querySelector("[data-compare-file]");

    function sources() {
      var list = attempts.slice().reverse().map(function (attempt) {
        return { label: t("compare_mine") + " " + formatDate(attempt.date), attempt: attempt };
      });
      var fromLink = shared.attempt();
      if (fromLink) list.push({ label: t("compare_shared") + " " + formatDate(fromLink.date), attempt: fromLink });
      return list.concat(files);
    }

    function fillSelect(select, list, chosen) {
      select.textContent = "";
      list.forEach(function (source, i) {
        var option = el("option", { value: String(i) }, [source.label]);
        if (i === chosen) option.selected = true;
        select.appendChild(option);
      });
    }

    function render() {
      var list = sources();
      var a = list[Number(first.value)];
      var b = list[Number(second.value)];
      output.textContent = "";
      if (list.length >= 2 && a && b) output.appendChild(renderComparison(def, a, b));
    }

    function refresh(secondChoice) {
      var list = sources();
      compare.querySelector("[data-compare-choice]").hidden = list.length < 2;
      compare.querySelector("[data-compare-single]").hidden = list.length >= 2;
      fillSelect(first, list, 0);
      fillSelect(second, list, secondChoice !== undefined ? secondChoice : Math.min(1, list.length - 1));
      render();
    }

    function addFile(file) {
      var refuse = function (problem, detail) {
        setStatus(status, file.name + ": " + problemText(problem, detail));
      };
      if (file.size > MAX_IMPORT_BYTES) return refuse("too_large");
      var reader = new FileReader();
      reader.onload = function () {
        var parsed = R.parseFile(String(reader.result));
        var read = parsed.problem ? parsed : R.readParticipant(parsed.data, def, siteId);
        if (read.problem) return refuse(read.problem, read.detail);
        var p = read.participant;
        files.push({
          label: file.name + " " + formatDate(p.date),
          attempt: { version: def.version, date: p.date, answers: p.answers, scores: p.scores },
        });
        setStatus(status, t("compare_file_added") + " " + file.name);
        refresh(sources().length - 1);
      };
      reader.onerror = function () {
        refuse("not_json");
      };
      reader.readAsText(file);
    }

    first.addEventListener("change", render);
    second.addEventListener("change", render);
    fileInput.addEventListener("change", function () {
      if (fileInput.files && fileInput.files[0]) addFile(fileInput.files[0]);
      fileInput.value = "";
    });
    compare.hidden = def.dimensions.length === 0 && def.items.every(function (item) {
      return item.kind !== "poles";
    });
    return {
      refresh: function (current) {
        attempts = current;
        refresh();
      },
    };
  }

  /** The file a participant hands to a group facilitator. Returns {refresh(latest)}. */
  function initGroupExport(def, section) {
    var latest = null;
    section.querySelector("[data-action=export-group]").addEventListener("click", function () {
      var withReflections = section.querySelector("[data-group-reflections]").checked;
      var data = R.groupExport(def, latest, siteId, withReflections, new Date().toISOString());
      download("wijzer-groep-" + def.id + "-" + fileStamp() + ".json", "application/json", JSON.stringify(data, null, 2));
    });
    return {
      refresh: function (attempt) {
        latest = attempt;
      },
    };
  }

  /** The tools under a result. Returns {refresh(attempts)}. */
  function initResultTools(def, results, shared) {
    var share = initShareTool(def, results.querySelector("[data-share]"));
    var compare = initCompareTool(def, results.querySelector("[data-compare-tools]"), shared);
    var group = initGroupExport(def, results.querySelector("[data-group-export]"));
    return {
      refresh: function (attempts) {
        var latest = attempts[attempts.length - 1];
        share.refresh(latest);
        compare.refresh(attempts);
        group.refresh(latest);
      },
    };
  }

  // ---------------------------------------------------------------- overview

  function initOverview(page) {
    var catalogue = readJsonScript("wijzer-catalogue") || [];
    var body = page.querySelector("[data-overview-body]");
    var tools = page.querySelector("[data-tools]");
    var status = tools.querySelector("[data-tool-status]");
    var prefix = page.getAttribute("data-storage-prefix");

    function render() {
      var problems = [];
      var shown = 0;
      body.textContent = "";
      catalogue.forEach(function (def) {
        var all = loadAttempts(def, function (key) {
          problems.push(key);
        });
        if (all.length === 0) return;
        shown += 1;
        var current = currentAttempts(def, all);
        var section = el("section", { class: "overview-item", "data-overview-item": def.id });
        section.appendChild(el("h2", {}, [el("a", { href: def.url }, [def.title])]));
        section.appendChild(el("p", {}, [t("times_taken") + ": " + all.length]));
        if (current.length > 0) {
          var latest = current[current.length - 1];
          var previous = current.length > 1 ? current[current.length - 2] : null;
          section.appendChild(renderResult(def, latest, previous, ""));
          if (current.length > 1) section.appendChild(renderHistory(def, current));
        }
        if (current.length < all.length) {
          section.appendChild(el("p", { class: "note" }, [(all.length - current.length) + " × " + t("older_version")]));
        }
        body.appendChild(section);
      });
      if (shown === 0) body.appendChild(el("p", {}, [t("no_results")]));
      if (problems.length > 0) setStatus(status, t("corrupt") + " " + problems.join(", "));
    }

    initTools(tools, catalogue, false, prefix, render);
    render();
  }

  // ----------------------------------------------------------------- privacy

  function initPrivacy(page) {
    var prefix = page.getAttribute("data-storage-prefix");
    var present = page.querySelector("[data-present-keys]");
    var status = page.querySelector("[data-tool-status]");
    function show() {
      var keys = store.keys(prefix);
      present.textContent = keys.length > 0 ? keys.join(", ") : t("privacy_none");
    }
    page.querySelector("[data-action=delete-all]").addEventListener("click", function () {
      deleteAll(prefix, status, show);
    });
    show();
  }

  // What the group profile and the reflection report use of this script.
  window.WijzerView = {
    t: t,
    el: el,
    siteId: siteId,
    readJsonScript: readJsonScript,
    formatNumber: formatNumber,
    formatDate: formatDate,
    bar: bar,
    normText: normText,
    renderResult: renderResult,
    loadAttempts: loadAttempts,
    currentAttempts: currentAttempts,
    problemText: problemText,
    csvCell: csvCell,
    download: download,
    fileStamp: fileStamp,
    setStatus: setStatus,
    MAX_IMPORT_BYTES: MAX_IMPORT_BYTES,
  };

  var form = document.querySelector("form[data-assessment]");
  if (form) initQuestionnaire(form);
  var overview = document.querySelector("[data-overview]");
  if (overview) initOverview(overview);
  var privacy = document.querySelector("[data-privacy]");
  if (privacy) initPrivacy(privacy);
})();
