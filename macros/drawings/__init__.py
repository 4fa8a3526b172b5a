"""Drawings as SVG, generated at build time in Python: no JavaScript, no third-party request.

`process` draws a process on a time axis; `lineage` a record's line and its place in its
series; `charts`, `bars` and `heatmap` the counts readers compare (meetings per year by forum family,
Japan's roles and the recorded share of known editions per family, topics over time); `timeline` every meeting
on a time axis, and a series' editions with its known gaps. Every drawing has a title and a description, every node is a link with an accessible
name, colours come from CSS classes (`kyocho-svg-…`) that follow the reader's colour scheme and
print in black on white, and each drawing is shown beside a table that says the same.
"""

from .bars import japan_roles_chart, rosters_chart
from .charts import per_year_chart
from .heatmap import topics_chart
from .lineage import lineage_svg, lineage_table_html, series_strip_svg
from .process import process_nodes, process_svg
from .timeline import series_timeline_svg, timeline_filters_html, timeline_svg

__all__ = ["japan_roles_chart", "per_year_chart", "rosters_chart", "topics_chart", "lineage_svg", "lineage_table_html", "process_nodes", "process_svg", "series_strip_svg",
           "series_timeline_svg", "timeline_filters_html", "timeline_svg"]
