"""Routes: ``pages`` (server-rendered HTML, not in the OpenAPI schema) and ``api`` (JSON under /api/)."""
