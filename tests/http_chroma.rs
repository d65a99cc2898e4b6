//! HTTP contract tests: chroma (being written).
