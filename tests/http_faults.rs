//! HTTP contract tests: faults (being written).
