//! HTTP contract tests: opensearch (being written).
