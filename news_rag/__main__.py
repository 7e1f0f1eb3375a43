"""`python -m news_rag`: the same as the `rag` command."""

from news_rag.rag.cli import main

if __name__ == "__main__":
    main()
