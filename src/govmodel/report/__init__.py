"""Renderers for people and machines: text, JSON, SARIF, JUnit, HTML, plots and graph
drawings. The only package that imports matplotlib."""
