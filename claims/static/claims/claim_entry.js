/* The claim form's helper: from the pasted quote, what the parser proposes (figure, period,
   claimant, measure) with buttons that fill the fields, and the warnings for the fields as typed.
   Asks the admin's entry-help endpoint (claims/admin/entry.py); the form works without it. */
(function () {
  "use strict";
  // The page hands over the script's words in the reader's language (claims/admin/entry.py).
  const words = document.getElementById("claim-entry-strings");
  const strings = words ? JSON.parse(words.textContent) : {};
  const t = (s) => strings[s] || s;
  const fmt = window.interpolate || ((s, args) => s.replace(/%s/g, () => args.shift()));

  function start() {
    const panelHost = document.querySelector(".form-row.field-quote");
    const quote = document.getElementById("id_quote");
    const config = document.getElementById("claim-entry-help");
    if (!panelHost || !quote || !config || !config.dataset.url) return;
    const endpoint = config.dataset.url;
    const claimId = config.dataset.claim || "";
    const field = (name) => document.getElementById("id_" + name);

    const panel = document.createElement("section");
    panel.className = "entry-help";
    panel.id = "entry-help";
    panel.setAttribute("aria-live", "polite");
    panel.setAttribute("aria-labelledby", "entry-help-title");
    panel.hidden = true;
    panelHost.insertAdjacentElement("afterend", panel);

    let timer = null;
    let asked = 0;
    let latest = null;

    function params() {
      const query = new URLSearchParams();
      query.set("quote", quote.value);
      for (const name of ["source", "value", "unit", "claim_date"]) {
        const input = field(name);
        if (input && input.value.trim()) query.set(name, input.value.trim());
      }
      if (claimId) query.set("claim", claimId);
      return query;
    }

    function ask() {
      clearTimeout(timer);
      if (!quote.value.trim()) {
        panel.hidden = true;
        return;
      }
      const mine = ++asked;
      fetch(endpoint + "?" + params().toString(), {
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      })
        .then((response) => response.json().then((body) => ({ ok: response.ok, body })))
        .then(({ ok, body }) => {
          if (mine !== asked) return; // an older answer arriving late
          latest = ok ? body : null;
          draw(ok ? body : null, ok ? null : body.errors || {});
        })
        .catch(() => {});
    }

    function later() {
      clearTimeout(timer);
      timer = setTimeout(ask, 350);
    }

    function el(tag, attrs, ...children) {
      const node = document.createElement(tag);
      for (const [key, value] of Object.entries(attrs || {})) {
        if (key === "text") node.textContent = value;
        else node.setAttribute(key, value);
      }
      for (const child of children) if (child) node.append(child);
      return node;
    }

    function button(label, onClick, extra) {
      const b = el("button", { type: "button", class: "button" + (extra ? " " + extra : ""), text: label });
      b.addEventListener("click", onClick);
      return b;
    }

    function setValue(name, value) {
      const input = field(name);
      if (!input || value === undefined || value === null) return;
      input.value = value;
      input.dispatchEvent(new Event("change", { bubbles: true }));
    }

    function setChoice(name, id, label) {
      // The autocomplete widgets are select2 over a <select>: add the option, then tell select2.
      const select = field(name);
      if (!select || !id) return;
      if (![...select.options].some((o) => o.value === String(id))) {
        select.append(new Option(label, id, true, true));
      }
      select.value = String(id);
      if (window.django && window.django.jQuery) window.django.jQuery(select).trigger("change");
      else select.dispatchEvent(new Event("change", { bubbles: true }));
    }

    function useFigure(figure) {
      for (const name of ["value", "hedge", "value_low", "value_high", "unit", "currency", "rate_period"]) {
        setValue(name, figure[name]);
      }
      if (figure.period_start || figure.period_end) {
        setValue("period_start", figure.period_start);
        setValue("period_end", figure.period_end);
      }
      ask();
    }

    function useClaimant(claimant) {
      setChoice("claimant", claimant.id, claimant.name);
      setValue("attribution", "reported");
    }

    function useAll() {
      if (!latest || !latest.figures.length) return;
      const first = latest.figures[0];
      useFigure(first);
      if (first.claimant && first.claimant.id) useClaimant(first.claimant);
      if (latest.measures.length) setChoice("measure", latest.measures[0].id, latest.measures[0].label);
    }

    function draw(body, errors) {
      panel.replaceChildren();
      panel.hidden = false;
      panel.append(el("h2", { id: "entry-help-title", text: t("Proposed from the quote") }));
      if (!body) {
        const list = el("ul", { class: "errorlist" });
        for (const [name, messages] of Object.entries(errors)) {
          list.append(el("li", { text: name + ": " + messages.join(" ") }));
        }
        panel.append(list);
        return;
      }
      if (!body.figures.length) {
        panel.append(el("p", { text: t("The parser finds no figure in this quote: fill in the figure by hand.") }));
      } else {
        const figures = el("ul", { class: "entry-figures" });
        body.figures.forEach((figure) => {
          const period =
            figure.period_start || figure.period_end
              ? " " + fmt(t("(period %s to %s)"), [figure.period_start || "…", figure.period_end || "…"])
              : "";
          const item = el("li", {}, el("strong", { text: figure.figure }), document.createTextNode(period + " "));
          item.append(button(t("Use this figure"), () => useFigure(figure)));
          if (figure.claimant) {
            const who = el("span", { class: "entry-claimant" });
            if (figure.claimant.id) {
              who.append(document.createTextNode(" " + fmt(t("Said by %s"), [figure.claimant.name]) + " "));
              who.append(button(t("Use this claimant"), () => useClaimant(figure.claimant)));
            } else {
              who.append(
                document.createTextNode(
                  " " + fmt(t("Said by %s (not yet a claimant: add it with the + beside Claimant)"), [figure.claimant.name])
                )
              );
            }
            item.append(who);
          }
          figures.append(item);
        });
        panel.append(figures);
      }
      if (body.measures.length) {
        const measures = el("p", { class: "entry-measures" }, document.createTextNode(t("Measure:") + " "));
        body.measures.forEach((measure, i) => {
          if (i) measures.append(document.createTextNode(" · "));
          measures.append(el("span", { text: measure.label + " (" + measure.reasons.join(", ") + ") " }));
          measures.append(button(t("Use this measure"), () => setChoice("measure", measure.id, measure.label)));
        });
        panel.append(measures);
      }
      if (body.figures.length) panel.append(el("p", {}, button(t("Use all of it"), useAll, "default")));
      if (body.warnings.length) {
        const list = el("ul", { class: "entry-warnings messagelist" });
        for (const warning of body.warnings) {
          const item = el("li", { class: "warning", "data-code": warning.code, text: warning.message + " " });
          for (const claim of warning.claims) {
            item.append(el("a", { href: claim.url, text: fmt(t("claim %s"), [String(claim.id)]) }), " ");
          }
          list.append(item);
        }
        panel.append(el("h3", { text: t("Worth a second look") }), list);
      }
    }

    quote.addEventListener("input", later);
    for (const name of ["value", "unit", "claim_date"]) {
      const input = field(name);
      if (input) {
        input.addEventListener("input", later);
        input.addEventListener("change", later);
      }
    }
    const source = field("source");
    if (source) {
      source.addEventListener("change", later);
      if (window.django && window.django.jQuery) window.django.jQuery(source).on("change", later);
    }
    if (quote.value.trim()) ask();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
