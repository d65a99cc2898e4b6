//! HTTP contract tests: qdrant (being written).
