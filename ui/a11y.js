// The page-wide accessibility relay behind ui/a11y.py (mounted once per page run).
//
// 1. <html lang> follows the app's language: Streamlit serves lang="en" on every page,
//    so a screen reader would read a Chinese page with an English voice (WCAG 3.1.1).
// 2. A region that scrolls (a wide formula's .katex-display on a phone) gets tabindex=0,
//    so a keyboard user can reach and scroll it (WCAG 2.1.1, axe's
//    scrollable-region-focusable).
const SCROLLERS = ".katex-display, [data-testid=stMarkdownContainer] pre";

function scrollable(el) {
  return el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1;
}

function reachable() {
  document.querySelectorAll(SCROLLERS).forEach((el) => {
    if (!el.hasAttribute("tabindex") && scrollable(el)) {
      el.setAttribute("tabindex", "0");
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
    let queued = false;
    window.__nnA11y = new MutationObserver(() => {
      apply();
      if (!queued) {
        queued = true;
        requestAnimationFrame(() => { queued = false; reachable(); });
      }
    });
    window.__nnA11y.observe(document.body, { subtree: true, childList: true });
    window.__nnA11y.observe(document.documentElement,
                            { attributes: true, attributeFilter: ["lang"] });
  }
  reachable();
}
