"""`python -m news_rag`: the same as the `rag` command."""

from news_rag.cli import main

if __name__ == "__main__":
    main()
