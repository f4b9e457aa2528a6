"""Streamlit-side helpers shared by the pages: frame, strings, state, charts."""
