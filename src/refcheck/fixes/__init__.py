"""Fixes written into formats whose source is not the checked text (``refcheck.fix`` handles text).

``docx``: the safe fixes as Word revisions (tracked changes) and the other findings as comments.
"""
