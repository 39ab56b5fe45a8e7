// <horaires-status src="https://host/api/places/pantin" service="etat-civil" lang="fr">
// An "are we open?" box for any page, served by `horaires serve` (docs/widget.md).
// No dependency and no global name but the element. Every refresh is timed on the
// server's clock (valid_until minus the answer's own `at`), never on the visitor's, and
// never sooner than a minute after the last one; the countdown ticks locally in between.
// Every text from the server is written with textContent.
(() => {
  "use strict";
  if (typeof customElements === "undefined" || customElements.get("horaires-status")) return;

  const TEXTS = /*TEXTS*/null; // the server's table of words, per language
  const CSS = /*CSS*/null; // the box's styles
  const FLOOR = 60 * 1000; // never ask more than once a minute
  const CEILING = 6 * 3600 * 1000; // ask at least every six hours (configurations change)
  const MARGIN = 1000; // ask just after valid_until, when the server has passed it
  const BACKOFF = [60, 120, 300, 600, 900].map((s) => s * 1000); // after failures

  let sheet = null;

  function styles(root) {
    try {
      if (!sheet) {
        sheet = new CSSStyleSheet();
        sheet.replaceSync(CSS);
      }
      root.adoptedStyleSheets = [sheet];
    } catch (problem) {
      const style = document.createElement("style");
      style.textContent = CSS;
      root.append(style);
    }
  }

  function node(tag, className, text) {
    const made = document.createElement(tag);
    if (className) made.className = className;
    if (text !== undefined) made.textContent = text;
    return made;
  }

  function dot() {
    const made = node("span", "hs-dot");
    made.setAttribute("aria-hidden", "true");
    return made;
  }

  class HorairesStatus extends HTMLElement {
    static get observedAttributes() {
      return ["src", "service", "lang", "at", "noname"];
    }

    constructor() {
      super();
      this._data = null; // the last good answer
      this._received = 0; // performance.now() when it came
      this._failures = 0;
      this._timer = 0;
      this._tickTimer = 0;
      this._controller = null;
      this._box = null;
      this._due = Infinity;
    }

    connectedCallback() {
      if (!this.shadowRoot) {
        const root = this.attachShadow({ mode: "open" });
        styles(root);
        this._box = node("div", "hs-root");
        const slot = node("slot"); // the page's own markup until the first answer
        slot.append(node("p", "hs-note", this._t("loading")));
        this._box.append(slot);
        root.append(this._box);
        this._onVisible = () => {
          if (document.visibilityState === "visible" && performance.now() >= this._due) {
            this._load();
          }
        };
      }
      document.addEventListener("visibilitychange", this._onVisible);
      this._load();
    }

    disconnectedCallback() {
      this._stop();
      document.removeEventListener("visibilitychange", this._onVisible);
    }

    attributeChangedCallback(name, before, after) {
      if (before !== after && this.isConnected && this._box) {
        this._data = null;
        this._load();
      }
    }

    _lang() {
      const code = (this.getAttribute("lang") || document.documentElement.lang || "fr")
        .slice(0, 2)
        .toLowerCase();
      return TEXTS[code] ? code : "fr";
    }

    _t(key) {
      return TEXTS[this._lang()][key];
    }

    _url() {
      const src = (this.getAttribute("src") || "").replace(/\/+$/, "");
      const url = new URL(src + "/status", document.baseURI);
      url.searchParams.set("lang", this._lang());
      for (const name of ["service", "at"]) {
        const value = this.getAttribute(name);
        if (value) url.searchParams.set(name, value);
      }
      return url;
    }

    _stop() {
      clearTimeout(this._timer);
      clearTimeout(this._tickTimer);
      this._due = Infinity;
      if (this._controller) this._controller.abort();
      this._controller = null;
    }

    _later(delay) {
      clearTimeout(this._timer);
      this._due = performance.now() + delay;
      this._timer = setTimeout(() => this._load(), delay);
    }

    async _load() {
      this._stop();
      const controller = new AbortController();
      this._controller = controller;
      let response;
      let body;
      try {
        response = await fetch(this._url(), {
          cache: "no-store",
          credentials: "omit",
          headers: { Accept: "application/json" },
          signal: controller.signal,
        });
        body = await response.json();
      } catch (problem) {
        if (!controller.signal.aborted) this._failed();
        return;
      }
      if (controller.signal.aborted) return;
      this._controller = null;
      if (response.ok) {
        this._failures = 0;
        this._data = body;
        this._received = performance.now();
        this._render();
        this._schedule();
      } else if (response.status >= 500 || response.status === 429) {
        this._failed();
      } else {
        this._error(body && body.error);
      }
    }

    // the server's now: the answer's own `at`, plus the time since it came
    _serverNow() {
      return Date.parse(this._data.at) + (performance.now() - this._received);
    }

    _schedule() {
      this._tick();
      if (this.getAttribute("at")) return; // a fixed instant never changes
      const valid = Date.parse(this._data.valid_until) - Date.parse(this._data.at);
      this._later(Math.min(CEILING, Math.max(FLOOR, valid + MARGIN)));
    }

    _failed() {
      this._failures += 1;
      const wait = BACKOFF[Math.min(this._failures, BACKOFF.length) - 1];
      if (this._data) {
        this._render();
        this._note.hidden = false;
        this._tick();
      } else {
        this._box.replaceChildren(node("p", "hs-note", this._t("network")));
      }
      this._later(wait);
    }

    // the sentences of the countdown, as their instants pass on the server's clock
    _tick() {
      clearTimeout(this._tickTimer);
      if (!this._data || this.getAttribute("at")) return;
      const now = this._serverNow();
      let current = null;
      let next = null;
      for (const tick of this._data.ticks) {
        const when = Date.parse(tick.at);
        if (when <= now) current = tick;
        else {
          next = when;
          break;
        }
      }
      if (current) {
        this._sentence.textContent = current.sentence;
        current.services.forEach((text, i) => {
          if (this._serviceTexts[i]) this._serviceTexts[i].textContent = text;
        });
      }
      if (next !== null) this._tickTimer = setTimeout(() => this._tick(), next - now);
    }

    _render() {
      const data = this._data;
      const box = node("div", "hs");
      box.lang = data.lang;
      if (!this.hasAttribute("noname")) box.append(node("p", "hs-name", data.name));
      if (data.service_name) box.append(node("p", "hs-service", data.service_name));
      const sentence = node("p", "hs-sentence hs-" + data.state);
      sentence.setAttribute("role", "status");
      sentence.setAttribute("aria-live", "polite");
      this._sentence = node("span", "hs-text", data.sentence);
      sentence.append(dot(), this._sentence);
      this._note = node("p", "hs-note", this._t("stale"));
      this._note.hidden = true;
      box.append(sentence, this._note);
      this._serviceTexts = [];
      if (data.services.length) {
        box.append(node("p", "hs-heading", this._t("services_now")));
        const list = node("ul", "hs-services");
        for (const service of data.services) {
          const item = node("li", "hs-" + service.state);
          const text = node("span", "hs-stext", service.sentence);
          this._serviceTexts.push(text);
          item.append(dot(), node("span", "hs-sname", service.name), " ", text);
          list.append(item);
        }
        box.append(list);
      }
      box.append(node("p", "hs-heading", this._t("days")));
      const days = node("ul", "hs-days");
      for (const day of data.days) {
        const item = node("li", day.today ? "hs-today" : "");
        if (day.today) item.setAttribute("aria-current", "date");
        item.append(node("span", "hs-day", day.title), " ", node("span", "hs-hours", day.text));
        days.append(item);
      }
      box.append(days);
      this._box.replaceChildren(box);
    }

    _error(error) {
      const box = node("div", "hs");
      box.lang = this._lang();
      const message = node("p", "hs-error", (error && error.message) || this._t("network"));
      message.setAttribute("role", "alert");
      box.append(message);
      if (error && Array.isArray(error.services) && error.services.length) {
        box.append(node("p", "hs-heading", this._t("known_services")));
        const list = node("ul", "hs-known");
        for (const service of error.services) {
          const item = node("li", "", service.name + " ");
          item.append(node("code", "", service.id));
          list.append(item);
        }
        box.append(list);
      }
      this._box.replaceChildren(box);
    }
  }

  customElements.define("horaires-status", HorairesStatus);
})();
