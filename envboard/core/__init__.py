"""Infrastructure every layer uses: database, query runner, settings, errors, regions, zh/en strings, charts."""
