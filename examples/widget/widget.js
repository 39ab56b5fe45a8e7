// The widget: fetch /api/status, show it, and fetch again when the status next changes.
// Every text from the server is written with textContent: configuration text cannot inject HTML.
"use strict";

const MAX_WAIT = 60 * 60 * 1000; // ask again at least every hour (clock drift, config changes)
const MIN_WAIT = 1000;

function query() {
  const page = new URLSearchParams(window.location.search);
  const params = new URLSearchParams();
  for (const name of ["service", "lang", "at"]) {
    if (page.get(name)) params.set(name, page.get(name));
  }
  return params;
}

function row(day) {
  const tr = document.createElement("tr");
  if (day.today) tr.className = "today";
  const title = document.createElement("td");
  title.textContent = day.title;
  const hours = document.createElement("td");
  hours.className = "hours";
  hours.textContent = day.text;
  tr.append(title, hours);
  return tr;
}

function show(data) {
  const sentence = document.getElementById("sentence");
  sentence.textContent = data.sentence;
  sentence.className = data.state;
  document.documentElement.lang = data.lang;
  const colon = data.lang === "fr" ? " : " : ": ";
  document.getElementById("all").textContent = data.lang === "fr" ? "Tous les services" : "All services";
  const services = document.getElementById("services");
  services.replaceChildren(...data.services.map((service) => {
    const li = document.createElement("li");
    li.textContent = service.name + colon + service.sentence;
    return li;
  }));
  document.getElementById("days").replaceChildren(...data.days.map(row));
  document.getElementById("updated").textContent = data.at;
}

function delay(data) {
  if (!data.next_change) return MAX_WAIT;
  const wait = Date.parse(data.next_change) - Date.now() + 500;
  return Math.min(MAX_WAIT, Math.max(MIN_WAIT, wait));
}

async function refresh() {
  const params = query();
  let wait = MAX_WAIT;
  try {
    const response = await fetch("api/status?" + params.toString());
    const data = await response.json();
    if (!response.ok) {
      document.getElementById("sentence").textContent = data.error.message;
    } else {
      show(data);
      wait = delay(data);
    }
  } catch (problem) {
    document.getElementById("sentence").textContent = String(problem);
    wait = 60 * 1000;
  }
  if (!params.get("at")) window.setTimeout(refresh, wait); // a fixed instant never changes
}

function start() {
  const select = document.getElementById("service");
  select.value = query().get("service") || "";
  select.addEventListener("change", () => {
    const page = new URL(window.location.href);
    if (select.value) page.searchParams.set("service", select.value);
    else page.searchParams.delete("service");
    window.location.assign(page.toString());
  });
  refresh();
}

if (typeof module !== "undefined") module.exports = { delay, query, row, show }; // tests (node)
else start();
