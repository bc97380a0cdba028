// Live reload for `hoclieu serve`. The preview server adds this file to the pages it serves;
// it is never part of a built site. It long-polls the server, reloads the page after a good
// build, and shows the errors of a failed build in a dialog. Author text is only ever set with
// textContent, so a message can never become markup.
(() => {
  "use strict";
  const script = document.currentScript;
  const base = "/__hoclieu/";
  const vi = (document.documentElement.lang || "vi").toLowerCase().startsWith("vi");
  const T = vi
    ? {
        title: (n) => (n === 1 ? "Có 1 lỗi trong nội dung" : `Có ${n} lỗi trong nội dung`),
        lead: "Trang bạn đang xem là bản dựng tốt gần nhất. Sửa các lỗi dưới đây rồi lưu tệp: khung này tự đóng và trang tự tải lại.",
        hint: "Gợi ý: ",
        close: "Đóng",
        whole: "cả tệp",
      }
    : {
        title: (n) => (n === 1 ? "1 error in the content" : `${n} errors in the content`),
        lead: "You are looking at the last good build. Fix the errors below and save: this box closes and the page reloads by itself.",
        hint: "Hint: ",
        close: "Close",
        whole: "whole file",
      };

  let version = script ? Number(new URL(script.src, location.href).searchParams.get("v")) : NaN;
  let overlay = null;
  let dismissed = null;
  let returnFocus = null;

  const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

  async function get(path) {
    const r = await fetch(base + path, { cache: "no-store" });
    if (!r.ok) throw new Error(String(r.status));
    return r.json();
  }

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function addStyles() {
    if (document.querySelector('link[href="' + base + 'live.css"]')) return;
    const link = el("link");
    link.rel = "stylesheet";
    link.href = base + "live.css";
    document.head.appendChild(link);
  }

  function place(d) {
    if (!d.file) return "";
    return d.line > 0 ? `${d.file}:${d.line}:${d.column}` : `${d.file} (${T.whole})`;
  }

  function close() {
    if (!overlay) return;
    overlay.remove();
    overlay = null;
    document.removeEventListener("keydown", onKey, true);
    if (returnFocus && document.contains(returnFocus)) returnFocus.focus();
  }

  function onKey(e) {
    if (!overlay) return;
    if (e.key === "Escape") {
      e.preventDefault();
      dismissed = version;
      close();
    } else if (e.key === "Tab") {
      // A modal dialog keeps focus inside: its one control is the close button.
      e.preventDefault();
      overlay.querySelector("button").focus();
    }
  }

  function show(status) {
    const errors = status.errors || [];
    if (status.ok || errors.length === 0) return close();
    if (dismissed === status.version) return;
    const hadFocus = overlay && overlay.contains(document.activeElement);
    if (!overlay) returnFocus = document.activeElement;
    else overlay.remove();
    addStyles();

    overlay = el("div", "hoclieu-overlay");
    const box = el("div", "hoclieu-overlay-box");
    box.setAttribute("role", "alertdialog");
    box.setAttribute("aria-modal", "true");
    box.setAttribute("aria-labelledby", "hoclieu-overlay-title");
    box.setAttribute("aria-describedby", "hoclieu-overlay-lead");
    box.tabIndex = -1;
    const h = el("h2", "hoclieu-overlay-title", T.title(errors.length));
    h.id = "hoclieu-overlay-title";
    const lead = el("p", "hoclieu-overlay-lead", T.lead);
    lead.id = "hoclieu-overlay-lead";
    const list = el("ol", "hoclieu-overlay-list");
    for (const d of errors) {
      const li = el("li");
      const where = el("p", "hoclieu-overlay-where");
      where.appendChild(el("code", null, place(d)));
      where.appendChild(document.createTextNode(" "));
      where.appendChild(el("span", "hoclieu-overlay-code", `[${d.code}]`));
      li.appendChild(where);
      li.appendChild(el("p", "hoclieu-overlay-message", d.message));
      if (d.hint) li.appendChild(el("p", "hoclieu-overlay-hint", T.hint + d.hint));
      list.appendChild(li);
    }
    const button = el("button", "hoclieu-overlay-close", T.close);
    button.type = "button";
    button.addEventListener("click", () => {
      dismissed = version;
      close();
    });
    box.append(h, lead, list, button);
    overlay.appendChild(box);
    document.body.appendChild(overlay);
    document.addEventListener("keydown", onKey, true);
    (hadFocus ? button : box).focus();
  }

  function handle(status) {
    if (Number.isNaN(version)) version = status.version;
    if (status.version !== version) {
      version = status.version;
      if (status.ok) {
        location.reload();
        return false;
      }
    }
    show(status);
    return true;
  }

  async function run() {
    let delay = 500;
    let path = "status";
    for (;;) {
      try {
        if (!handle(await get(path))) return;
        path = "wait?v=" + version;
        delay = 500;
      } catch (e) {
        // The server restarted or stopped: try again, less and less often.
        await sleep(delay);
        delay = Math.min(delay * 2, 5000);
      }
    }
  }

  run();
})();
