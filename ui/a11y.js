// The page-wide accessibility relay behind ui/a11y.py (mounted once per page run).
//
// 1. <html lang> follows the app's language: Streamlit serves lang="en" on every page,
//    so a screen reader would read a Chinese page with an English voice (WCAG 3.1.1).
// 2. A region that scrolls (a wide formula's .katex-display on a phone) gets tabindex=0,
//    so a keyboard user can reach and scroll it (WCAG 2.1.1, axe's
//    scrollable-region-focusable): checked when the page changes and when a scroller's
//    size does.
const SCROLLERS = ".katex-display, [data-testid=stMarkdownContainer] pre";

function scrollable(el) {
  return el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1;
}

// Each scroller is watched for a change of its own size (a phone turned, a window made
// narrow, the sidebar closed: a formula can overflow with no DOM change).
let watch = null;
let queued = false;

function later() {  // once per frame, after the layout has the change
  if (!queued) {
    queued = true;
    requestAnimationFrame(() => { queued = false; reachable(); });
  }
}

function reachable() {
  document.querySelectorAll(SCROLLERS).forEach((el) => {
    if (!el.hasAttribute("tabindex") && scrollable(el)) {
      el.setAttribute("tabindex", "0");
    }
    if (watch && !el.__nnWatched) {
      el.__nnWatched = true;
      watch.observe(el);
    }
  });
}

// One observer for the page's life, whatever number of times Streamlit calls the function
// (once per run, a data change included, possibly before the last one's cleanup): each
// call only says which language is current, so no two observers can set different ones.
function apply() {
  const lang = window.__nnLang || "en";
  if (document.documentElement.lang !== lang) document.documentElement.lang = lang;
}

export default function (component) {
  window.__nnLang = (component && component.data && component.data.lang) || "en";
  apply();
  if (!window.__nnA11y) {
    window.__nnA11y = new MutationObserver(() => { apply(); later(); });
    window.__nnA11y.observe(document.body, { subtree: true, childList: true });
    window.__nnA11y.observe(document.documentElement,
                            { attributes: true, attributeFilter: ["lang"] });
    watch = new ResizeObserver(later);
  }
  reachable();
}
