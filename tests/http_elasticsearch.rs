//! HTTP contract tests: elasticsearch (being written).
