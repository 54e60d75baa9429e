// wijzer reflection report: one completed questionnaire as a document to
// print or download as Markdown, with the scores, the feedback, the reader's
// own reflections and the pages the feedback points to. It is made from what
// this browser stored; the optional name is only put on the page, never
// stored.
(function () {
  "use strict";

  var page = document.querySelector("[data-portfolio]");
  if (!page || !window.WijzerView || !window.WijzerResults) return;
  var V = window.WijzerView;
  var R = window.WijzerResults;
  var t = V.t;
  var el = V.el;
  var catalogue = V.readJsonScript("wijzer-catalogue") || [];
  var siteTitle = page.getAttribute("data-site-title") || "";
  var root = page.getAttribute("data-root") || "";
  var body = page.querySelector("[data-portfolio-body]");
  var choice = page.querySelector("[data-portfolio-choice]");
  var questionnaire = page.querySelector("[data-portfolio-questionnaire]");
  var attemptSelect = page.querySelector("[data-portfolio-attempt]");
  var nameInput = page.querySelector("[data-portfolio-name]");

  /** Questionnaires with results of their current version: {def, attempts}. */
  var taken = catalogue
    .map(function (def) {
      return { def: def, attempts: V.currentAttempts(def, V.loadAttempts(def)) };
    })
    .filter(function (entry) {
      return entry.attempts.length > 0;
    });

  function chosen() {
    var entry = taken[Number(questionnaire.value)] || taken[0];
    var attempt = entry.attempts[Number(attemptSelect.value)] || entry.attempts[entry.attempts.length - 1];
    return { def: entry.def, attempt: attempt };
  }

  /** The absolute address of a page, by its path from the site root. */
  function absolute(url) {
    return new URL(root + url, window.location.href).href;
  }

  /** The pages the feedback of this result points to, once each. */
  function pointedPages(def, attempt) {
    var seen = Object.create(null);
    var pages = [];
    def.dimensions.forEach(function (dimension) {
      var result = R.resultOf(attempt, dimension.id);
      if (result.band === null) return;
      dimension.bands[result.band].links.forEach(function (link) {
        if (seen[link.url]) return;
        seen[link.url] = true;
        pages.push(link);
      });
    });
    return pages;
  }

  function render() {
    var current = chosen();
    var def = current.def;
    body.textContent = "";
    body.appendChild(el("h2", {}, [t("portfolio") + ": " + def.title]));
    var facts = el("dl", { class: "portfolio-facts" });
    var fact = function (term, value) {
      facts.appendChild(el("dt", {}, [term]));
      facts.appendChild(el("dd", {}, [value]));
    };
    if (nameInput.value.trim() !== "") fact(t("portfolio_name"), nameInput.value.trim());
    fact(t("portfolio_questionnaire"), def.title + " (" + t("portfolio_version") + " " + def.version + ")");
    fact(t("portfolio_taken"), V.formatDate(current.attempt.date));
    fact(t("portfolio_site"), siteTitle + " (" + absolute(def.url) + ")");
    body.appendChild(facts);
    body.appendChild(V.renderResult(def, current.attempt, null, root));
    var pages = pointedPages(def, current.attempt);
    if (pages.length > 0) {
      body.appendChild(el("h3", {}, [t("portfolio_pages")]));
      var list = el("ul", { class: "portfolio-pages" });
      pages.forEach(function (link) {
        list.appendChild(el("li", {}, [el("a", { href: root + link.url }, [link.title]), " ", el("span", { class: "print-url" }, [absolute(link.url)])]));
      });
      body.appendChild(list);
    }
    body.appendChild(el("p", { class: "note portfolio-about" }, [t("portfolio_about")]));
  }

  function fillAttempts() {
    var entry = taken[Number(questionnaire.value)] || taken[0];
    attemptSelect.textContent = "";
    entry.attempts.forEach(function (attempt, i) {
      var option = el("option", { value: String(i) }, [V.formatDate(attempt.date)]);
      if (i === entry.attempts.length - 1) option.selected = true;
      attemptSelect.appendChild(option);
    });
  }

  /** Feedback HTML as plain text, parsed inert in a template element. */
  function plain(html) {
    var template = document.createElement("template");
    template.innerHTML = html;
    return template.content.textContent.replace(/\s+/g, " ").trim();
  }

  function downloadMarkdown() {
    var current = chosen();
    var text = R.portfolioMarkdown(current.def, current.attempt, {
      siteTitle: siteTitle,
      name: nameInput.value.trim(),
      date: V.formatDate(current.attempt.date),
      number: V.formatNumber,
      plain: plain,
      url: absolute,
      texts: t,
    });
    V.download("reflectieverslag-" + current.def.id + "-" + current.attempt.date.slice(0, 10) + ".md", "text/markdown;charset=utf-8", text);
  }

  if (taken.length === 0) {
    page.querySelector("[data-portfolio-empty]").hidden = false;
    return;
  }
  taken.forEach(function (entry, i) {
    questionnaire.appendChild(el("option", { value: String(i) }, [entry.def.title]));
  });
  // On the report page of one questionnaire there is nothing to choose.
  questionnaire.parentNode.hidden = catalogue.length === 1;
  choice.hidden = false;
  fillAttempts();
  questionnaire.addEventListener("change", function () {
    fillAttempts();
    render();
  });
  attemptSelect.addEventListener("change", render);
  nameInput.addEventListener("input", render);
  page.addEventListener("click", function (event) {
    var action = event.target.getAttribute("data-action");
    if (action === "print") window.print();
    if (action === "markdown") downloadMarkdown();
  });
  render();
})();
