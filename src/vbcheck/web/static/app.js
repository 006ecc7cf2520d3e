// vbcheck serve: the page. It sends each chosen file to /api/check and draws what comes back.
// Every piece of document text goes into the page as a text node (never as markup), so a draft
// holding "<script>" shows those characters. Files live only in this page's memory: a download
// sends the file again and the server keeps nothing.
"use strict";

const I18N = {
  vi: {
    title: "Kiểm tra thể thức văn bản hành chính", skip: "Đến danh sách phát hiện",
    choose: "Chọn hoặc kéo thả tệp vào đây (.docx, .txt, .md)", profile: "Hồ sơ", stage: "Giai đoạn",
    run: "Kiểm tra lại", files: "Tệp đã chọn", document: "Văn bản", downloads: "Tải về", findings: "Phát hiện",
    filter: "Lọc", rule: "Quy tắc", allRules: "Mọi quy tắc", private: "Tệp chỉ được kiểm tra rồi bỏ đi, không lưu lại trên máy chủ.",
    error: "Lỗi", warning: "Cảnh báo", info: "Gợi ý", line: "dòng", page: "trang",
    checking: "Đang kiểm tra {n} tệp…", done: "Đã kiểm tra {n} tệp.", unreadable: "Không đọc được tệp",
    clean: "Không có vi phạm.", none: "Không có phát hiện nào khớp bộ lọc.", elsewhere: "Phát hiện không gắn với đoạn nào",
    type: "Loại", profileIs: "hồ sơ", draft: "nhận là bản dự thảo", notEvaluated: "quy tắc không đánh giá được",
    annotated: "Bản có ghi chú (.docx)", fixed: "Bản đã sửa (.docx, theo dõi thay đổi)", fixedText: "Bản đã sửa",
    nothingFixed: "Không có lỗi nào sửa tự động được.", fixSafe: "Sửa tự động", fixUnsafe: "Gợi ý sửa (cần xem lại)", fixedSome: "Đã sửa {n} lỗi, còn {m} phát hiện; đã tải {what}.", report: "Báo cáo",
    downloading: "Đang tạo {what}…", downloaded: "Đã tải {what}.", failed: "Không thực hiện được",
    explainOf: "Giải thích quy tắc", other: "English",
    "profile:auto": "Tự nhận biết", "profile:nd30": "Nhà nước (NĐ 30)", "profile:dang": "Đảng (HD 36)",
    "profile:congdoan": "Công đoàn (QĐ 933)", "stage:draft": "Dự thảo", "stage:final": "Bản chính thức",
    offline: "Không kết nối được máy chủ vbcheck.",
  },
  en: {
    title: "Official document format check", skip: "Skip to the findings",
    choose: "Choose or drop files here (.docx, .txt, .md)", profile: "Profile", stage: "Stage",
    run: "Check again", files: "Chosen files", document: "Document", downloads: "Downloads", findings: "Findings",
    filter: "Filter", rule: "Rule", allRules: "All rules", private: "Files are checked and dropped, never stored on the server.",
    error: "Error", warning: "Warning", info: "Info", line: "line", page: "page",
    checking: "Checking {n} file(s)…", done: "Checked {n} file(s).", unreadable: "Cannot read the file",
    clean: "No findings.", none: "No finding matches the filter.", elsewhere: "Findings not tied to a paragraph",
    type: "Type", profileIs: "profile", draft: "recognised as a draft", notEvaluated: "rules not evaluated",
    annotated: "Annotated copy (.docx)", fixed: "Fixed copy (.docx, tracked changes)", fixedText: "Fixed copy",
    nothingFixed: "No finding can be fixed automatically.", fixSafe: "Fixed automatically", fixUnsafe: "Suggested fix (review it)", fixedSome: "Fixed {n}, {m} findings remain; downloaded {what}.", report: "Report",
    downloading: "Making {what}…", downloaded: "Downloaded {what}.", failed: "Could not do it",
    explainOf: "About the rule", other: "Tiếng Việt",
    "profile:auto": "Automatic", "profile:nd30": "State (ND 30)", "profile:dang": "Party (HD 36)",
    "profile:congdoan": "Trade union (QD 933)", "stage:draft": "Draft", "stage:final": "Final",
    offline: "Cannot reach the vbcheck server.",
  },
};
const SEVERITIES = ["error", "warning", "info"];

const state = {
  lang: "vi", info: null, rules: {}, entries: [], current: -1, selected: null,
  sev: { error: true, warning: true, info: true }, rule: "",
};

const $ = (id) => document.getElementById(id);
const t = (key, vars) => {
  let s = (I18N[state.lang] || I18N.vi)[key] ?? key;
  for (const [k, v] of Object.entries(vars || {})) s = s.replace(`{${k}}`, String(v));
  return s;
};

// An element with attributes and children; strings become text nodes, never markup.
function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") e.className = v;
    else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else if (k === "dataset") Object.assign(e.dataset, v);
    else e.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

function say(text, bad) {
  const s = $("status");
  s.textContent = text;
  s.classList.toggle("bad", !!bad);
}

// ------------------------------------------------------------------ language and choices

function applyLang() {
  document.documentElement.lang = state.lang;
  document.title = `vbcheck — ${t("title")}`;
  for (const e of document.querySelectorAll("[data-i18n]")) e.textContent = t(e.dataset.i18n);
  for (const e of document.querySelectorAll("[data-i18n-label]")) e.setAttribute("aria-label", t(e.dataset.i18nLabel));
  const b = $("lang");
  b.textContent = t("other");
  b.lang = state.lang === "vi" ? "en" : "vi";
  fillChoices();
}

function fillChoices() {
  if (!state.info) return;
  for (const [id, values] of [["profile", state.info.profiles], ["stage", state.info.stages]]) {
    const sel = $(id);
    const keep = sel.value || values[0];
    sel.replaceChildren(...values.map((v) => el("option", { value: v }, t(`${id}:${v}`))));
    sel.value = keep;
  }
}

async function loadRules() {
  try {
    const r = await fetch(`/api/rules?lang=${state.lang}`);
    const list = await r.json();
    state.rules = Object.fromEntries(list.map((x) => [x.code, x]));
  } catch (e) {
    state.rules = {};
  }
}

// ------------------------------------------------------------------ checking

function addFiles(files) {
  const chosen = Array.from(files || []);
  if (!chosen.length) return;
  for (const file of chosen) {
    const old = state.entries.findIndex((x) => x.file.name === file.name);
    const entry = { file, result: null, error: null, busy: true };
    if (old >= 0) state.entries[old] = entry;
    else state.entries.push(entry);
  }
  state.current = state.entries.findIndex((x) => x.file === chosen[0]);
  checkAll(chosen.map((f) => state.entries.find((x) => x.file === f)));
}

function form(entry, extra) {
  const fd = new FormData();
  fd.append("file", entry.file, entry.file.name);
  fd.append("profile", $("profile").value || "auto");
  fd.append("stage", $("stage").value || "draft");
  fd.append("lang", state.lang);
  for (const [k, v] of Object.entries(extra || {})) fd.append(k, v);
  return fd;
}

async function errorOf(response) {
  try {
    const body = await response.json();
    if (body && body.error) return body.error;
  } catch (e) { /* not JSON */ }
  return `HTTP ${response.status}`;
}

async function checkOne(entry) {
  entry.busy = true;
  try {
    const r = await fetch(`/api/check?lang=${state.lang}`, { method: "POST", body: form(entry, { view: "1" }) });
    if (!r.ok) {
      entry.result = null;
      entry.error = await errorOf(r);
    } else {
      const body = await r.json();
      entry.result = body.files[0];
      entry.error = entry.result.error || null;
    }
  } catch (e) {
    entry.result = null;
    entry.error = t("offline");
  }
  entry.busy = false;
  renderTabs();
  if (state.entries[state.current] === entry) renderEntry();
}

async function checkAll(entries) {
  entries = entries || state.entries;
  if (!entries.length) return;
  say(t("checking", { n: entries.length }));
  for (const e of entries) e.busy = true;
  renderTabs();
  renderEntry();
  // Two requests at a time: the server has a pool of workers; the rest wait their turn here.
  const queue = entries.slice();
  const worker = async () => { while (queue.length) await checkOne(queue.shift()); };
  await Promise.all([worker(), worker()]);
  const bad = entries.filter((e) => e.error).length;
  say(t("done", { n: entries.length }) + (bad ? ` ${bad} × ${t("unreadable").toLowerCase()}.` : ""), bad > 0);
}

// ------------------------------------------------------------------ drawing

function counts(result) {
  const c = { error: 0, warning: 0, info: 0 };
  for (const v of (result && result.violations) || []) c[v.severity] += 1;
  return c;
}

function renderTabs() {
  const tabs = $("tabs");
  tabs.replaceChildren(...state.entries.map((entry, i) => {
    const c = counts(entry.result);
    const label = entry.busy ? `${entry.file.name} …` : entry.error ? `${entry.file.name} ⚠`
      : `${entry.file.name} (${c.error}/${c.warning}/${c.info})`;
    return el("button", {
      type: "button", role: "tab", "aria-selected": i === state.current ? "true" : "false",
      tabindex: i === state.current ? "0" : "-1", title: entry.file.name,
      onclick: () => { state.current = i; state.selected = null; state.rule = ""; renderTabs(); renderEntry(); },
      onkeydown: (ev) => {
        const d = ev.key === "ArrowRight" ? 1 : ev.key === "ArrowLeft" ? -1 : 0;
        if (!d) return;
        ev.preventDefault();
        state.current = (i + d + state.entries.length) % state.entries.length;
        state.selected = null; state.rule = "";
        renderTabs(); renderEntry();
        tabs.children[state.current].focus();
      },
    }, label);
  }));
}

function visible(v) {
  return state.sev[v.severity] && (!state.rule || v.code === state.rule);
}

function renderEntry() {
  const entry = state.entries[state.current];
  $("result").hidden = !entry;
  if (!entry) return;
  renderSummary(entry);
  renderDownloads(entry);
  renderFilters(entry);
  renderList(entry);
  renderDoc(entry);
  renderExplain();
}

function renderSummary(entry) {
  const s = $("summary");
  if (entry.busy) { s.replaceChildren(el("strong", {}, entry.file.name), el("span", {}, "…")); return; }
  if (entry.error) {
    s.replaceChildren(el("strong", {}, entry.file.name), el("span", { class: "err" }, `${t("unreadable")}: ${entry.error}`));
    return;
  }
  const r = entry.result, c = counts(r), view = r.view || {};
  const type = r.doc_type ? `${t("type")}: ${r.doc_type}${view.doc_type_name ? ` (${view.doc_type_name})` : ""}` : null;
  s.replaceChildren(...[
    el("strong", {}, r.path),
    type && el("span", {}, type),
    el("span", {}, `${t("profileIs")} ${r.profile || "—"} · ${t(`stage:${r.stage}`)}${r.draft ? ` · ${t("draft")}` : ""}`),
    el("span", { id: "counts" }, SEVERITIES.map((k) => el("span", {}, el("span", { class: `badge sev-${k}` }, c[k]), `${t(k)} `))),
    r.not_evaluated && r.not_evaluated.length ? el("span", { title: r.not_evaluated.map((n) => `${n.code}: ${n.reason}`).join("\n") },
      `${r.not_evaluated.length} ${t("notEvaluated")}`) : null,
  ].filter(Boolean));
}

function renderDownloads(entry) {
  const d = $("downloads");
  if (entry.busy || entry.error) { d.replaceChildren(); return; }
  const isDocx = /\.docx$/i.test(entry.file.name);
  const buttons = [];
  if (isDocx) buttons.push(el("button", { type: "button", class: "main", id: "dl-annotated", onclick: () => download(entry, "annotate") }, t("annotated")));
  if (state.info && state.info.fix) {
    buttons.push(el("button", { type: "button", class: "main", id: "dl-fixed", onclick: () => download(entry, "fix") },
      isDocx ? t("fixed") : t("fixedText")));
  }
  for (const fmt of ["json", "sarif", "html"]) {
    buttons.push(el("button", { type: "button", id: `dl-${fmt}`, onclick: () => download(entry, fmt) }, `${t("report")} ${fmt.toUpperCase()}`));
  }
  d.replaceChildren(...buttons);
}

function renderFilters(entry) {
  const vs = (entry.result && entry.result.violations) || [];
  const c = counts(entry.result);
  $("sev-filters").replaceChildren(...SEVERITIES.map((k) => el("label", {},
    el("input", { type: "checkbox", id: `sev-${k}`, checked: state.sev[k], onchange: (ev) => { state.sev[k] = ev.target.checked; redraw(); } }),
    ` ${t(k)} (${c[k]})`)));
  const byRule = {};
  for (const v of vs) byRule[v.code] = (byRule[v.code] || 0) + 1;
  const sel = $("rule-filter");
  sel.replaceChildren(el("option", { value: "" }, t("allRules")),
    ...Object.keys(byRule).sort().map((code) => el("option", { value: code }, `${code} (${byRule[code]})`)));
  sel.value = byRule[state.rule] ? state.rule : "";
  sel.onchange = () => { state.rule = sel.value; redraw(); };
}

function redraw() {
  const entry = state.entries[state.current];
  if (!entry) return;
  renderList(entry);
  renderDoc(entry);
  if (state.selected !== null) mark(state.selected, false);
}

function where(v) {
  return `${t("line")} ${v.line}${v.page ? `, ${t("page")} ${v.page}` : ""}`;
}

function renderList(entry) {
  const list = $("list");
  const vs = ((entry.result && entry.result.view && entry.result.view.findings) || []).filter(visible);
  if (entry.busy || entry.error) { list.replaceChildren(); return; }
  if (!vs.length) {
    list.replaceChildren(el("li", { class: "empty" }, entry.result.violations.length ? t("none") : t("clean")));
    return;
  }
  list.replaceChildren(...vs.map((v) => el("li", {}, el("button", {
    type: "button", class: "item", dataset: { id: v.id }, "aria-current": state.selected === v.id ? "true" : "false",
    onclick: () => select(v.id, true),
    onkeydown: (ev) => {
      const d = ev.key === "ArrowDown" ? 1 : ev.key === "ArrowUp" ? -1 : 0;
      if (!d) return;
      ev.preventDefault();
      const items = Array.from(list.querySelectorAll(".item"));
      const next = items[items.indexOf(ev.currentTarget) + d];
      if (next) { next.focus(); select(Number(next.dataset.id), false); }
    },
  }, el("span", { class: `badge sev-${v.severity}` }, v.code), v.message, " ", el("span", { class: "where" }, `(${where(v)})`),
  v.fix && v.fix.message ? el("span", { class: "fix" }, `${t(v.fix.applicability === "safe" ? "fixSafe" : "fixUnsafe")}: ${v.fix.message}`) : null))));
}

function renderDoc(entry) {
  const doc = $("doc");
  if (entry.busy) { doc.replaceChildren(el("p", { class: "empty" }, "…")); return; }
  if (entry.error) { doc.replaceChildren(el("p", { class: "unreadable" }, `${t("unreadable")}: ${entry.error}`)); return; }
  const view = entry.result.view;
  const byId = view.findings;
  const parts = [];
  const away = view.elsewhere.map((i) => byId[i]).filter(visible);
  if (away.length) parts.push(el("section", { class: "elsewhere" }, el("h2", {}, t("elsewhere")), notes(away)));
  for (const block of view.blocks) {
    if (block.columns) {
      parts.push(el("div", { class: `cols ${block.part}` }, block.columns.map((col) => el("div", { class: "col" }, col.map((seg) => para(seg, byId))))));
    } else {
      parts.push(el("div", { class: "flow" }, para(block.para, byId)));
    }
  }
  doc.replaceChildren(...parts);
}

function para(seg, byId) {
  const p = el("p", { class: seg.gap ? "para gap" : "para", dataset: { line: seg.line } }, el("span", { class: "ln", "aria-hidden": "true" }, seg.line));
  const here = new Set();
  for (const piece of seg.pieces) {
    const shown = (piece.f || []).filter((i) => visible(byId[i]));
    shown.forEach((i) => here.add(i));
    if (!shown.length) {
      if (piece.t) p.append(document.createTextNode(piece.t));
      continue;
    }
    const top = SEVERITIES.find((k) => shown.some((i) => byId[i].severity === k));
    p.append(el("mark", {
      class: `f sev-${top}${piece.gap ? " gap" : ""}`, dataset: { f: shown.join(" ") }, tabindex: "-1",
      title: shown.map((i) => `${byId[i].code} ${t(byId[i].severity)}: ${byId[i].message}`).join("\n"),
      onclick: () => select(shown[0], false, true),
    }, piece.gap ? "⌃" : piece.t));
  }
  const mine = Array.from(here).sort((a, b) => a - b).map((i) => byId[i]);
  return mine.length ? [p, notes(mine)] : [p];
}

function notes(findings) {
  return el("ul", { class: "notes" }, findings.map((v) => el("li", { dataset: { id: v.id }, class: state.selected === v.id ? "current" : null },
    el("button", { type: "button", tabindex: "-1", onclick: () => select(v.id, false, true) },
      el("span", { class: `badge sev-${v.severity}` }, v.code), `${t(v.severity)}: ${v.message}`))));
}

// ------------------------------------------------------------------ selecting a finding

function select(id, fromList, fromDoc) {
  state.selected = id;
  for (const b of $("list").querySelectorAll(".item")) {
    const on = Number(b.dataset.id) === id;
    b.setAttribute("aria-current", on ? "true" : "false");
    if (on && fromDoc) b.scrollIntoView({ block: "nearest" });
  }
  mark(id, fromList);
  renderExplain();
}

function mark(id, focus) {
  const doc = $("doc");
  for (const m of doc.querySelectorAll("mark.current")) m.classList.remove("current");
  for (const li of doc.querySelectorAll(".notes li.current")) li.classList.remove("current");
  const marks = Array.from(doc.querySelectorAll("mark.f")).filter((m) => m.dataset.f.split(" ").includes(String(id)));
  marks.forEach((m) => m.classList.add("current"));
  const note = doc.querySelector(`.notes li[data-id="${id}"]`);
  if (note) note.classList.add("current");
  const target = marks[0] || note;
  if (target && focus) {
    target.scrollIntoView({ block: "center" });
    (marks[0] || note.querySelector("button")).focus({ preventScroll: true });
  }
}

function renderExplain() {
  const box = $("explain");
  const entry = state.entries[state.current];
  const v = entry && entry.result && entry.result.view && entry.result.view.findings[state.selected];
  if (!v) { box.hidden = true; box.replaceChildren(); return; }
  const rule = state.rules[v.code];
  box.hidden = false;
  box.replaceChildren(
    el("h2", {}, t("explainOf")),
    el("pre", { id: "explain-text" }, rule ? rule.explain : v.message),
  );
}

// ------------------------------------------------------------------ downloads

function fileName(response, fallback) {
  const cd = response.headers.get("Content-Disposition") || "";
  const star = /filename\*=UTF-8''([^;]+)/i.exec(cd);
  if (star) { try { return decodeURIComponent(star[1]); } catch (e) { /* fall through */ } }
  const plain = /filename="([^"]+)"/i.exec(cd);
  return plain ? plain[1] : fallback;
}

async function download(entry, kind) {
  const what = kind === "annotate" ? t("annotated") : kind === "fix" ? (/\.docx$/i.test(entry.file.name) ? t("fixed") : t("fixedText"))
    : `${t("report")} ${kind.toUpperCase()}`;
  say(t("downloading", { what }));
  // lang in the address too: a refusal before the form is read (too large) is in the page's language.
  const url = `${kind === "annotate" || kind === "fix" ? `/api/${kind}` : "/api/check"}?lang=${state.lang}`;
  const extra = kind === "annotate" || kind === "fix" ? {} : { format: kind };
  try {
    const r = await fetch(url, { method: "POST", body: form(entry, extra) });
    if (!r.ok) { say(`${t("failed")}: ${await errorOf(r)}`, true); return; }
    const fixed = r.headers.get("X-Vbcheck-Fixed");
    if (kind === "fix" && fixed === "0") { say(t("nothingFixed")); return; }
    const blob = await r.blob();
    const href = URL.createObjectURL(blob);
    const a = el("a", { href, download: fileName(r, `vbcheck.${kind}`) });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(href), 60000);
    say(kind === "fix" ? t("fixedSome", { n: fixed, m: r.headers.get("X-Vbcheck-Remaining"), what })
      : t("downloaded", { what }));
  } catch (e) {
    say(t("offline"), true);
  }
}

// ------------------------------------------------------------------ start

async function start() {
  state.lang = localStorage.getItem("vbcheck.lang") === "en" ? "en" : "vi";
  try {
    state.info = await (await fetch("/api/info")).json();
    $("version").textContent = `vbcheck ${state.info.vbcheck}`;
  } catch (e) {
    say(t("offline"), true);
  }
  applyLang();
  await loadRules();
  const input = $("files");
  input.addEventListener("change", () => { addFiles(input.files); input.value = ""; });
  $("form").addEventListener("submit", (ev) => { ev.preventDefault(); checkAll(); });
  for (const id of ["profile", "stage"]) $(id).addEventListener("change", () => checkAll());
  $("lang").addEventListener("click", async () => {
    state.lang = state.lang === "vi" ? "en" : "vi";
    localStorage.setItem("vbcheck.lang", state.lang);
    applyLang();
    await loadRules();
    renderTabs();
    renderEntry();
    checkAll();
  });
  const drop = $("drop");
  for (const name of ["dragenter", "dragover"]) {
    document.addEventListener(name, (ev) => { ev.preventDefault(); drop.classList.add("over"); });
  }
  document.addEventListener("dragleave", (ev) => { if (!ev.relatedTarget) drop.classList.remove("over"); });
  document.addEventListener("drop", (ev) => {
    ev.preventDefault();
    drop.classList.remove("over");
    addFiles(ev.dataTransfer && ev.dataTransfer.files);
  });
  document.addEventListener("keydown", (ev) => {
    // Escape in the document goes back to the finding in the list.
    if (ev.key === "Escape" && $("doc").contains(document.activeElement)) {
      const item = $("list").querySelector('.item[aria-current="true"]') || $("list").querySelector(".item");
      if (item) item.focus();
    }
  });
  document.body.dataset.ready = "1";
}

document.addEventListener("DOMContentLoaded", start);
