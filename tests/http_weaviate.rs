//! HTTP contract tests: weaviate (being written).
