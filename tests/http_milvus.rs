//! HTTP contract tests: milvus (being written).
