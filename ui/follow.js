// The relay behind ui/follow.py: a Streamlit slider's value, as the hand moves it, passed
// on to the Vega charts bound to it, before (and whatever) the server's rerun.
//
// A Streamlit slider keeps its value in a visually hidden <input type=range> that React
// updates as a property and an attribute, without firing any event. A chart binds a Vega
// param (Vega's "direct" binding, listening for EVENT) not to that input but to its proxy,
// a hidden input the frame draws before any chart (#nn-follow-<slider key>): Vega binds once,
// when the chart is first drawn, and the slider's own input can come later (its code loads
// on its own). This observer copies a slider's value into its proxy and fires EVENT on the
// proxy whenever the value changes, so the chart redraws in the browser.
//
// Should React take a slider's input away while the chart stays, its proxy is emptied and
// fires EVENT once more: the chart's param is then unset and it draws the server's values
// (ui.follow.live and .value), never the value of a slider no longer on the page.
//
// The observer lives while the component is mounted (a page whose charts follow sliders):
// the function returned is Streamlit's cleanup, called when the component goes (another
// page) or before it is mounted again. window.__nnFollow counts the observers alive.
const EVENT = "nn-follow";
const SLIDER = "[data-testid=stSlider] input[type=range]";
const CHART = "[data-testid=stVegaLiteChart]";

// the proxy of a slider input: #nn-follow-<key>, the key read from the st-key-<key> class
// of the slider's keyed container
function proxyOf(el) {
  const keyed = el.closest && el.closest("[class*='st-key-']");
  if (!keyed) return null;
  const cls = [...keyed.classList].find((c) => c.startsWith("st-key-"));
  return cls ? document.getElementById("nn-follow-" + cls.slice(7)) : null;
}

function pass(el, value) {
  const proxy = proxyOf(el);
  if (proxy && proxy.value !== value) {
    proxy.value = value;
    proxy.dispatchEvent(new Event(EVENT));
  }
}

// a slider input taken away: its proxy emptied. Its keyed container is found within the
// removed subtree, or else it is the removed node's parent (``parent``, still in the page).
function unbind(el, parent) {
  const proxy = proxyOf(el) || proxyOf(parent);
  if (proxy && proxy.value !== "") {
    proxy.value = "";
    proxy.dispatchEvent(new Event(EVENT));
  }
}

function relay(records) {
  const seen = new Set();
  for (const record of records) {
    const el = record.target;
    if (record.type === "attributes") {
      if (!seen.has(el) && el.matches(SLIDER)) {
        seen.add(el);
        pass(el, el.value);
      }
    } else if (record.removedNodes.length && !(el.closest && el.closest(CHART))) {
      for (const node of record.removedNodes) {
        if (node.nodeType !== 1) continue;
        if (node.matches("input[type=range]") && el.closest && el.closest("[data-testid=stSlider]")) {
          unbind(node, el);
        } else {
          node.querySelectorAll(SLIDER).forEach((i) => unbind(i, el));
        }
      }
    }
  }
}

export default function () {
  const observer = new MutationObserver(relay);
  observer.observe(document.body, {
    subtree: true, childList: true, attributes: true,
    attributeFilter: ["value", "aria-valuetext"],
  });
  window.__nnFollow = (window.__nnFollow || 0) + 1;
  return () => {
    observer.disconnect();
    window.__nnFollow -= 1;
  };
}
