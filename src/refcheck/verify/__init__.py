"""Registry verification: does each reference-list entry exist, and say what the registries say?

    notes = verify_documents(docs, VerifyOptions())     # refcheck.verify.run

Each entry is looked up once per run (in the parent process, like links), by its DOI in Crossref
(then the DOI handle API for DOIs that other agencies registered), or, without a DOI, by a
bibliographic query to Crossref and then OpenAlex; ``match`` decides whether a candidate is the
entry's work. The verdict is set on ``Reference.verification`` and read by the rules
``retracted-reference``, ``reference-corrected``, ``doi-not-found``, ``reference-mismatch`` and
``reference-not-found``. See docs/verify.md for the fields read from each API.

The modules here import urllib3 and sqlite3; the pipeline imports them only when verification runs.
"""
