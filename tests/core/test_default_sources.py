"""Citations of the default values: a tab asks for its own sections only (start-up reads
no table for the planners whose tabs are not built), and gets the same entries."""

from econplan.core.catalog import load_catalog
from econplan.core.defaults import default_sources
from econplan.core.planner_ids import PLANNER_IDS


def test_each_section_cites_what_the_whole_does(catalog):
    every = default_sources(catalog)
    assert {path.split(".", 1)[0] for path in every} == set(PLANNER_IDS)
    union: dict[str, str] = {}
    for section in PLANNER_IDS:
        own = default_sources(catalog, (section,))
        assert own == {p: s for p, s in every.items() if p.split(".", 1)[0] == section}
        union.update(own)
    assert union == every


def test_the_training_citations_read_no_break_even_table():
    catalog = load_catalog()  # a fresh one: its tables are read when first asked for
    default_sources(catalog, ("training",))
    read = set(catalog.tables._frames)
    assert "gpus" in read
    assert not read & {"ft_mlops", "api_discount_conventions", "api_prices"}, sorted(read)
