// wijzer group profile: a facilitator drops the result files that
// participants exported, and this page computes the group's profile in the
// browser. The files are read here and nowhere else: nothing is uploaded or
// stored. Below the minimum group size only the number of participants is
// shown, never a score; open answers appear only from participants who
// chose to share them in their export.
(function () {
  "use strict";

  var page = document.querySelector("[data-group]");
  if (!page || !window.WijzerView || !window.WijzerResults) return;
  var V = window.WijzerView;
  var R = window.WijzerResults;
  var t = V.t;
  var el = V.el;
  var catalogue = V.readJsonScript("wijzer-catalogue") || [];
  // The page of one questionnaire: its title is the page's heading.
  var single = page.hasAttribute("data-single");
  var body = page.querySelector("[data-group-body]");
  var problemList = page.querySelector("[data-group-problems]");
  var status = page.querySelector("[data-group-status]");
  var actions = page.querySelector("[data-group-actions]");
  var input = page.querySelector("[data-group-files]");
  var zone = page.querySelector("[data-drop-zone]");
  /** Loaded files: {name, parsed: {data} or {problem}}. */
  var files = [];
  var profiles = [];

  // ------------------------------------------------------------- matching

  /**
   * The participants of each questionnaire, and the files left out with the
   * reason. A file of the wrong kind is reported once; on the page of one
   * questionnaire a file without it is reported too, on the page of all
   * only when it holds none of them.
   */
  function match() {
    var groups = catalogue.map(function (def) {
      return { def: def, participants: [], seen: Object.create(null) };
    });
    var problems = [];
    files.forEach(function (file) {
      if (file.parsed.problem) {
        problems.push({ file: file.name, text: V.problemText(file.parsed.problem) });
        return;
      }
      var used = false;
      var absent = true;
      groups.forEach(function (group) {
        var read = R.readParticipant(file.parsed.data, group.def, V.siteId);
        if (read.problem === "wrong_format" || read.problem === "other_site") {
          if (group === groups[0]) problems.push({ file: file.name, text: V.problemText(read.problem) });
          absent = false;
          return;
        }
        if (read.problem === "absent") return;
        absent = false;
        if (read.problem) {
          problems.push({ file: file.name, text: group.def.title + ": " + V.problemText(read.problem, read.detail) });
          return;
        }
        var print = R.fingerprint(read.participant);
        if (group.seen[print]) {
          problems.push({ file: file.name, text: group.def.title + ": " + t("problem_duplicate") + " " + group.seen[print] });
          return;
        }
        group.seen[print] = file.name;
        group.participants.push(read.participant);
        used = true;
      });
      if (absent && !used) problems.push({ file: file.name, text: V.problemText("absent") });
    });
    return { groups: groups, problems: problems };
  }

  // ------------------------------------------------------------ rendering

  function render() {
    var matched = match();
    problemList.textContent = "";
    matched.problems.forEach(function (p) {
      problemList.appendChild(el("li", { "data-group-problem": "" }, [p.file + ": " + p.text + " " + t("group_left_out")]));
    });
    body.textContent = "";
    profiles = [];
    matched.groups.forEach(function (group) {
      if (!single && group.participants.length === 0) return;
      var profile = R.groupProfile(group.def, group.participants, group.def.min_group_size);
      profiles.push({ def: group.def, profile: profile });
      body.appendChild(renderProfile(group.def, profile));
    });
    actions.hidden = files.length === 0;
    var left = matched.problems.length > 0 ? " " + t("group_files_left_out") + ": " + matched.problems.length + "." : "";
    V.setStatus(status, files.length === 0 ? "" : t("group_files_read") + ": " + files.length + "." + left);
  }

  /** Headings: h2 for the parts of one questionnaire's page, one lower on the page of all. */
  function heading(level, attributes, text) {
    return el("h" + (single ? level : level + 1), attributes, [text]);
  }

  function renderProfile(def, profile) {
    var section = el("section", { class: "group-result", "data-group-profile": def.id });
    if (!single) section.appendChild(el("h2", {}, [def.title]));
    section.appendChild(el("p", { class: "group-count" }, [
      t("group_participants") + ": ",
      el("strong", { "data-group-count": "" }, [String(profile.count)]),
    ]));
    if (!profile.shown) {
      section.appendChild(el("p", { class: "callout", "data-group-too-small": "" }, [
        t("group_too_small_1") + " " + profile.min_size + " " + t("group_too_small_2"),
      ]));
      return section;
    }
    if (def.dimensions.length > 0) section.appendChild(dimensionTable(def, profile));
    if (profile.disagreement.length > 0) section.appendChild(disagreement(def, profile));
    if (profile.reflections.items.length > 0) section.appendChild(reflections(def, profile));
    return section;
  }

  function bandCounts(dimension, result) {
    return dimension.bands.map(function (band, i) {
      return band.label + ": " + result.bands[i];
    }).join(" · ");
  }

  function dimensionTable(def, profile) {
    var wrap = el("div", { class: "group-dimensions" });
    var bars = el("ul", { class: "bars", "aria-hidden": "true" });
    var table = el("table", { class: "result-table group-table" });
    table.appendChild(el("caption", {}, [t("group_caption")]));
    var headers = [t("dimension"), "n", t("group_mean"), t("group_sd"), t("group_distribution"), t("reference")];
    table.appendChild(el("thead", {}, [el("tr", {}, headers.map(function (h) {
      return el("th", { scope: "col" }, [h]);
    }))]));
    var tbody = el("tbody");
    def.dimensions.forEach(function (dimension, i) {
      var result = profile.dimensions[i];
      var row = [el("th", { scope: "row" }, [dimension.title]), el("td", {}, [String(result.n)])];
      if (!result.shown) {
        row.push(el("td", { colspan: "4" }, [t("group_dimension_too_small")]));
      } else {
        var band = window.WijzerScoring.bandIndex(dimension.bands, result.mean);
        row.push(
          el("td", { "data-group-mean": dimension.id }, [V.formatNumber(result.mean) + (band !== null ? " (" + dimension.bands[band].label + ")" : "")]),
          el("td", { "data-group-sd": dimension.id }, [V.formatNumber(result.sd)]),
          el("td", { "data-group-bands": dimension.id }, [bandCounts(dimension, result)]),
          el("td", {}, [dimension.norm ? V.formatNumber(dimension.norm.mean) : "–"])
        );
        bars.appendChild(el("li", {}, [
          el("span", { class: "bar-label" }, [dimension.title + " " + V.formatNumber(result.mean)]),
          V.bar(dimension, result.mean, dimension.norm),
        ]));
      }
      tbody.appendChild(el("tr", {}, row));
    });
    table.appendChild(tbody);
    var normed = def.dimensions.some(function (d) {
      return d.norm;
    });
    wrap.appendChild(el("p", { class: "note" }, [t("group_bars_note") + (normed ? " " + t("group_bars_norm") : "")]));
    wrap.appendChild(bars);
    wrap.appendChild(el("div", { class: "table-scroll", tabindex: "0", role: "region", "aria-label": t("group_caption") }, [table]));
    def.dimensions.forEach(function (dimension) {
      if (dimension.norm) wrap.appendChild(el("p", { class: "result-norm" }, [dimension.title + ": " + V.normText(dimension.norm)]));
    });
    return wrap;
  }

  /** How many participants chose each answer of an item, as text. */
  function answerCounts(item, result) {
    var counts = item.choices.map(function (choice, i) {
      return (choice.label || choice.value) + ": " + result.counts[i];
    });
    if (result.not_applicable > 0) counts.push(item.not_applicable + ": " + result.not_applicable);
    return counts.join(" · ");
  }

  function disagreement(def, profile) {
    var wrap = el("section", { class: "group-disagreement", "aria-labelledby": "oneens-" + def.id });
    wrap.appendChild(heading(2, { id: "oneens-" + def.id }, t("group_disagreement")));
    wrap.appendChild(el("p", {}, [t("group_disagreement_intro")]));
    var list = el("ol", { "data-group-disagreement": "" });
    profile.disagreement.forEach(function (result) {
      var item = R.itemById(def, result.id);
      list.appendChild(el("li", { "data-item": item.id }, [
        el("span", { class: "item-number" }, [t("question") + " " + (def.items.indexOf(item) + 1) + ". "]),
        item.text,
        el("br"),
        el("span", { class: "note" }, [
          t("group_mean") + " " + V.formatNumber(result.mean) + ", " + t("group_sd").toLowerCase() + " " + V.formatNumber(result.sd) + ". " + answerCounts(item, result),
        ]),
      ]));
    });
    wrap.appendChild(list);
    return wrap;
  }

  function reflections(def, profile) {
    var wrap = el("section", { class: "group-reflections", "aria-labelledby": "reflecties-" + def.id });
    wrap.appendChild(heading(2, { id: "reflecties-" + def.id }, t("group_reflections")));
    wrap.appendChild(el("p", {}, [profile.reflections.sharing + " " + t("group_reflections_of") + " " + profile.count + " " + t("group_reflections_shared")]));
    profile.reflections.items.forEach(function (entry) {
      wrap.appendChild(el("p", { class: "reflection-question" }, [R.itemById(def, entry.id).text]));
      var list = el("ul", { class: "group-reflection-list" });
      entry.texts.forEach(function (text) {
        list.appendChild(el("li", {}, [el("blockquote", { class: "reflection" }, [text])]));
      });
      wrap.appendChild(list);
    });
    return wrap;
  }

  // ------------------------------------------------------------------ CSV

  function csv() {
    var rows = [["vragenlijst", "versie", "soort", "onderdeel of vraag", "n", "gemiddelde", "spreiding (sd)", "verdeling"]];
    // One decimal, as on the page: more would help to work back to scores.
    var round = function (value) {
      return value === null || value === undefined ? "" : Math.round(value * 10) / 10;
    };
    profiles.forEach(function (entry) {
      var def = entry.def;
      var profile = entry.profile;
      if (!profile.shown) {
        rows.push([def.title, def.version, "deelnemers", "", profile.count, "", "", ""]);
        return;
      }
      def.dimensions.forEach(function (dimension, i) {
        var r = profile.dimensions[i];
        rows.push(r.shown
          ? [def.title, def.version, "onderdeel", dimension.title, r.n, round(r.mean), round(r.sd), bandCounts(dimension, r)]
          : [def.title, def.version, "onderdeel", dimension.title, r.n, "", "", ""]);
      });
      profile.items.forEach(function (r) {
        var item = R.itemById(def, r.id);
        rows.push([def.title, def.version, "vraag", item.text, r.n, round(r.mean), round(r.sd), answerCounts(item, r)]);
      });
    });
    return rows.map(function (row) {
      return row.map(V.csvCell).join(",");
    }).join("\r\n") + "\r\n";
  }

  // ------------------------------------------------------------- projecting

  /**
   * For a projector: only the profile, in large type, full screen where the
   * browser allows it. The same button, or leaving full screen, ends it.
   */
  function present(button) {
    var root = document.documentElement;
    var on = !root.classList.contains("presenting");
    showPresenting(button, on);
    if (on) {
      window.scrollTo(0, 0);
      if (root.requestFullscreen) root.requestFullscreen().catch(function () {
        // Large type without full screen is still a presentation.
      });
    } else if (document.fullscreenElement && document.exitFullscreen) {
      document.exitFullscreen();
    }
  }

  function showPresenting(button, on) {
    document.documentElement.classList.toggle("presenting", on);
    button.setAttribute("aria-pressed", String(on));
    button.textContent = t(on ? "group_present_stop" : "group_present");
  }

  document.addEventListener("fullscreenchange", function () {
    if (!document.fullscreenElement) showPresenting(actions.querySelector("[data-action=present]"), false);
  });

  // ---------------------------------------------------------------- files

  function addFiles(list) {
    var pending = Array.prototype.slice.call(list);
    if (pending.length === 0) return;
    var left = pending.length;
    pending.forEach(function (file) {
      var done = function (parsed) {
        files.push({ name: file.name, parsed: parsed });
        left -= 1;
        if (left === 0) render();
      };
      if (file.size > V.MAX_IMPORT_BYTES) {
        done({ problem: "too_large" });
        return;
      }
      var reader = new FileReader();
      reader.onload = function () {
        done(R.parseFile(String(reader.result)));
      };
      reader.onerror = function () {
        done({ problem: "not_json" });
      };
      reader.readAsText(file);
    });
  }

  input.addEventListener("change", function () {
    if (input.files) addFiles(input.files);
    input.value = "";
  });
  zone.addEventListener("dragover", function (event) {
    event.preventDefault();
    zone.classList.add("dragging");
  });
  zone.addEventListener("dragleave", function () {
    zone.classList.remove("dragging");
  });
  zone.addEventListener("drop", function (event) {
    event.preventDefault();
    zone.classList.remove("dragging");
    if (event.dataTransfer && event.dataTransfer.files) addFiles(event.dataTransfer.files);
  });
  actions.addEventListener("click", function (event) {
    var action = event.target.getAttribute("data-action");
    if (action === "present") present(event.target);
    if (action === "print") window.print();
    if (action === "export-csv") {
      V.download("wijzer-groepsprofiel-" + (single ? catalogue[0].id : V.siteId) + "-" + V.fileStamp() + ".csv",
        "text/csv;charset=utf-8", "\ufeff" + csv());
    }
    if (action === "clear") {
      files = [];
      render();
    }
  });
  zone.hidden = false;
  render();
})();
