"""The heuristics of rules/missing_reference.py, by what they decide: when a citation no entry fits
is no defect of this document, or less likely one (info), and when a document with no reference
list needs none. The rule module holds the rule's docstring and its decision flow; these modules
hold the tests it asks, each with a docstring that says what it decides and why:

- ``given``: the work is given where it is cited (a link, the journal's volume and pages, a list
  item that gives it in full, a quotation's attribution line);
- ``not_a_work``: the name read as an author's names something else (a title, a place or an event,
  a season, a program, a person named with a year of theirs, "Author");
- ``quoted``: the citation is passed on, not made (a secondary citation, an example of citing);
- ``no_list``: a document with no list that needs none here (its list is a page beside it, it
  answers reviewers, a blog post naming works in its own sentences);
- ``list_shape``: what the list says about the citations it lacks (cut short, cited by nothing);
- ``where``: where a citation stands (emphasis, a block quote, the end of its bracket).

These modules import only the standard library and refcheck's own light modules: the rule is
imported on every check (tests/test_startup.py).
"""
