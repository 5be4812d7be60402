#!/usr/bin/env python
"""Django's manage.py; the installed `lotse` command does the same."""

from lotse.__main__ import main

if __name__ == "__main__":
    main()
