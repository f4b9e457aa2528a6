// The relay behind ui/follow.py: a Streamlit slider's value, as the hand moves it, passed
// on to the Vega charts bound to it, before (and whatever) the server's rerun.
//
// A Streamlit slider keeps its value in a visually hidden <input type=range> that React
// updates as a property and an attribute, without firing any event. A chart binds a Vega
// param to that input (Vega's "direct" binding, listening for EVENT); this observer fires
// EVENT on the input whenever its value changes, so the chart redraws in the browser.
//
// A chart binds the input there when it is drawn. Should React replace a slider's input
// while the chart stays, the old input is emptied and fires EVENT once more: the chart's
// param is then unset and it draws the server's values (ui.follow.live and .value), never
// the value of a slider no longer on the page.
//
// The observer lives while the component is mounted (a page whose charts follow sliders):
// the function returned is Streamlit's cleanup, called when the component goes (another
// page) or before it is mounted again. window.__nnFollow counts the observers alive.
const EVENT = "nn-follow";
const SLIDER = "[data-testid=stSlider] input[type=range]";
const CHART = "[data-testid=stVegaLiteChart]";

function fire(el) {
  el.dispatchEvent(new Event(EVENT));
}

function unbind(el) {
  el.type = "text"; // a range input cannot hold an empty value
  el.value = "";
  fire(el);
}

function relay(records) {
  const seen = new Set();
  for (const record of records) {
    const el = record.target;
    if (record.type === "attributes") {
      if (!seen.has(el) && el.matches(SLIDER)) {
        seen.add(el);
        fire(el);
      }
    } else if (record.removedNodes.length && !(el.closest && el.closest(CHART))) {
      for (const node of record.removedNodes) {
        if (node.nodeType !== 1) continue;
        if (node.matches("input[type=range]") && el.closest && el.closest("[data-testid=stSlider]")) {
          unbind(node);
        } else {
          node.querySelectorAll(SLIDER).forEach(unbind);
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
