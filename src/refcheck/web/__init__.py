"""``refcheck serve``: a local web page for editors who never open a terminal.

Drop a manuscript on the page, read the findings in the document itself, download the report or
the file with the safe fixes (a Word file gets them as tracked changes). Needs the ``web`` extra
(``pip install 'refcheck-citations[web] @ git+https://github.com/refcheck/refcheck'``, or
``pip install '.[web]'`` in a checkout); ``refcheck check`` never imports this package.
"""
