// The relay behind ui/follow.py: a Streamlit slider's value, as the hand moves it, passed
// on to the Vega charts bound to it, before (and whatever) the server's rerun.
//
// A Streamlit slider keeps its value in a visually hidden <input type=range> that React
// updates as a property and an attribute, without firing any event. A chart binds a Vega
// param to that input (Vega's "direct" binding, listening for EVENT); this observer fires
// EVENT on the input whenever its value changes, so the chart redraws in the browser.
// Installed once per browser tab, whatever number of times the component is mounted.
const EVENT = "nn-follow";
const SLIDER = "[data-testid=stSlider] input[type=range]";

export default function () {
  if (window.__nnFollow) return;
  window.__nnFollow = true;
  new MutationObserver((records) => {
    const seen = new Set();
    for (const record of records) {
      const el = record.target;
      if (!seen.has(el) && el.matches && el.matches(SLIDER)) {
        seen.add(el);
        el.dispatchEvent(new Event(EVENT));
      }
    }
  }).observe(document.body, {
    subtree: true, attributes: true, attributeFilter: ["value", "aria-valuetext"],
  });
}
